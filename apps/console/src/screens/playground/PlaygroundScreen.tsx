import { useMemo, useRef, useState } from 'preact/hooks';
import { type ChatOutcome, streamChat } from '../../api/chat-stream.js';
import { listModels } from '../../api/console-api.js';
import type { ModelView } from '../../api/types.js';
import { estimatePrompt } from '../../cost/estimate.js';
import { usd } from '../../format/money.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { RunDetails } from './RunDetails.js';

/** Playground: a prompt, its cost estimate before sending, the answer streamed in, and how it was served. */
export function PlaygroundScreen() {
  const models = useAsync((signal) => listModels(signal), []);
  return (
    <>
      <h1 tabIndex={-1}>Playground</h1>
      <AsyncView handle={models} label="the models">
        {(list) => (list.length === 0 ? <p>Connect a provider first.</p> : <Playground models={list} />)}
      </AsyncView>
    </>
  );
}

function Playground({ models }: { models: ModelView[] }) {
  const [model, setModel] = useState(() => (models.find((m) => m.isDefault) ?? models[0])?.ref ?? '');
  const [prompt, setPrompt] = useState('');
  const [maxTokens, setMaxTokens] = useState('512');
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<ChatOutcome | undefined>();
  const abort = useRef<AbortController | undefined>(undefined);
  const chosen = models.find((m) => m.ref === model);
  const allowance = Math.max(1, Math.round(Number(maxTokens) || 512));
  const estimate = useMemo(() => estimatePrompt(prompt, allowance, chosen), [prompt, allowance, chosen]);

  const send = useAction(async () => {
    abort.current = new AbortController();
    setAnswer('');
    setOutcome(undefined);
    let text = '';
    const result = await streamChat(
      { model, prompt, maxTokens: allowance },
      (token) => {
        text += token;
        setAnswer(text);
      },
      abort.current.signal,
    );
    setOutcome(result);
  });

  return (
    <form
      class="panel"
      aria-label="Playground"
      onSubmit={(event) => {
        event.preventDefault();
        if (prompt.trim()) void send.run();
      }}
    >
      <div class="row">
        <div class="field">
          <label for="pg-model">Model</label>
          <select id="pg-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            {models.map((m) => (
              <option key={m.ref} value={m.ref}>
                {m.ref}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pg-max">Max output tokens</label>
          <input
            id="pg-max"
            type="number"
            min={1}
            value={maxTokens}
            onInput={(e) => setMaxTokens(e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="field">
        <label for="pg-prompt">Prompt</label>
        <textarea id="pg-prompt" rows={4} value={prompt} onInput={(e) => setPrompt(e.currentTarget.value)} />
      </div>
      <p class="estimate" data-testid="estimate" aria-live="polite">
        Estimated cost before sending:{' '}
        <strong>
          {estimate.maxCostUsd === undefined ? 'unpriced model' : `at most ${usd(estimate.maxCostUsd)}`}
        </strong>{' '}
        <span class="hint">
          (≈ {estimate.inputTokens} tokens in, up to {estimate.maxOutputTokens} out)
        </span>
      </p>
      <div class="actions">
        {send.busy ? (
          <button type="button" class="secondary" onClick={() => abort.current?.abort()}>
            Stop
          </button>
        ) : null}
        <button type="submit" disabled={send.busy || !prompt.trim()}>
          {send.busy ? 'Streaming…' : 'Send'}
        </button>
      </div>
      {send.error && send.error.name !== 'AbortError' && <ErrorNotice error={send.error} />}
      <section aria-labelledby="pg-answer-title">
        <h2 id="pg-answer-title">Answer</h2>
        <output class="answer" data-testid="answer" aria-live="polite" aria-busy={send.busy}>
          {answer || (send.busy ? '…' : '')}
        </output>
      </section>
      {outcome && <RunDetails outcome={outcome} />}
    </form>
  );
}
