import { useRef, useState } from 'preact/hooks';
import { type ChatOutcome, streamPlayground } from '../../api/chat-stream.js';
import { listModels } from '../../api/console-api.js';
import { isChatModel } from '../../data/catalog-data.js';
import type { ModelView } from '../../api/types.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextField } from '../../ui/TextField.js';
import { EstimateLine } from './EstimateLine.js';
import { RunDetails } from './RunDetails.js';
import { useEstimate } from './use-estimate.js';
import { Form } from '../../ui/Form.js';

/** The router picks the target. */
const AUTO = { value: 'auto', label: 'auto (the router chooses)' };

/** Playground: a prompt, its cost estimate before sending, the answer streamed in, and how it was served. */
export function PlaygroundScreen() {
  const models = useAsync((signal) => listModels(signal), []);
  return (
    <>
      <h1 tabIndex={-1}>Playground</h1>
      <AsyncView handle={models} label="the models">
        {(list) => {
          const chat = list.filter((m) => m.enabled !== false && isChatModel(m));
          return chat.length === 0 ? <p>Connect a provider first.</p> : <Playground models={chat} />;
        }}
      </AsyncView>
    </>
  );
}

function Playground({ models }: { models: ModelView[] }) {
  const [model, setModel] = useState(() => (models.find((m) => m.isDefault) ?? models[0])?.ref ?? 'auto');
  const [prompt, setPrompt] = useState('');
  const [maxTokens, setMaxTokens] = useState('512');
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<ChatOutcome | undefined>();
  const modelChoices = models.map((m) => ({ value: m.ref, label: m.ref }));
  const abort = useRef<AbortController | undefined>(undefined);
  const allowance = Math.max(1, Math.round(Number(maxTokens) || 512));
  const estimate = useEstimate({ model, prompt, maxTokens: allowance });

  const send = useAction(async () => {
    abort.current = new AbortController();
    setAnswer('');
    setOutcome(undefined);
    let text = '';
    const result = await streamPlayground(
      { model, prompt, maxTokens: allowance },
      {
        onToken: (token) => {
          text += token;
          setAnswer(text);
        },
      },
      abort.current.signal,
    );
    setOutcome(result);
  });

  return (
    <Form
      label="Playground"
      onSubmit={() => {
        if (prompt.trim()) void send.run();
      }}
    >
      <div class="row">
        <SelectField label="Model" value={model} onChange={setModel} first={AUTO} choices={modelChoices} />
        <TextField label="Max output tokens" type="number" min={1} value={maxTokens} onInput={setMaxTokens} />
      </div>
      <div class="field">
        <label for="pg-prompt">Prompt</label>
        <textarea id="pg-prompt" rows={4} value={prompt} onInput={(e) => setPrompt(e.currentTarget.value)} />
      </div>
      <EstimateLine state={estimate} />
      <FormFooter
        action={{ busy: send.busy, error: send.error?.name === 'AbortError' ? undefined : send.error }}
        submit="Send"
        busyText="Streaming…"
        disabled={!prompt.trim()}
        before={
          send.busy && (
            <button type="button" class="secondary" onClick={() => abort.current?.abort()}>
              Stop
            </button>
          )
        }
      />
      <section aria-labelledby="pg-answer-title">
        <h2 id="pg-answer-title">Answer</h2>
        <output class="answer" data-testid="answer" aria-live="polite" aria-busy={send.busy}>
          {answer || (send.busy ? '…' : '')}
        </output>
      </section>
      {outcome && <RunDetails outcome={outcome} />}
    </Form>
  );
}
