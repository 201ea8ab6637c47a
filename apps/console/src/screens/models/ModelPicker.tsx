import { useState } from 'preact/hooks';
import { setDefaultModel } from '../../api/console-api.js';
import type { ModelView } from '../../api/types.js';
import { type RunSize, switchCostText } from '../../cost/typical-run.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { useAction } from '../../ui/use-action.js';
import { ModelRow } from './ModelRow.js';
import { TableHead } from '../../ui/TableHead.js';

/**
 * Seed 003's model picker: the models grouped by provider with context window, capabilities and
 * $/1M input and output, the default highlighted, what a typical run costs and what a switch
 * changes ("~$0.05 more per run"), and a confirm step ("Switch to Claude Sonnet 4.6?") before
 * the provider's default model changes.
 */
export function ModelPicker({
  models,
  providerNames,
  current,
  run,
  onChanged,
}: {
  models: ModelView[];
  providerNames: ReadonlyMap<string, string>;
  /** The model in use now, by provider (its default), or the one to price switches against overall. */
  current: (provider: string) => ModelView | undefined;
  run: RunSize;
  onChanged: (model: ModelView) => void;
}) {
  const [choice, setChoice] = useState<ModelView | undefined>();
  const change = useAction(async (model: ModelView) => {
    await setDefaultModel(model.provider, model.model);
    setChoice(undefined);
    onChanged(model);
  });
  const groups = new Map<string, ModelView[]>();
  for (const model of models) groups.set(model.provider, [...(groups.get(model.provider) ?? []), model]);
  const from = choice ? current(choice.provider) : undefined;
  const diff = choice && from ? switchCostText(run, from, choice) : undefined;

  return (
    <div class="model-picker">
      <p class="hint">
        A run is priced at {run.inputTokens.toLocaleString('en-US')} input and{' '}
        {run.outputTokens.toLocaleString('en-US')} output tokens
        {run.basis === 'average' ? ' (your average so far)' : ' (a typical run, until you have history)'}.
      </p>
      {models.length === 0 && <p>No models yet: connect a provider first.</p>}
      {[...groups].map(([provider, list]) => (
        <section key={provider} aria-labelledby={`models-${provider}`}>
          <h3 id={`models-${provider}`}>{providerNames.get(provider) ?? provider}</h3>
          <table>
            <caption class="visually-hidden">Models of {providerNames.get(provider) ?? provider}</caption>
            <TableHead
              columns={[
                'Model',
                'Context',
                'Can do',
                'Input $/1M',
                'Output $/1M',
                'Per run',
                { hidden: 'Choose' },
              ]}
            />
            <tbody>
              {list.map((model) => (
                <ModelRow
                  key={model.ref}
                  model={model}
                  current={current(provider)}
                  run={run}
                  onChoose={setChoice}
                />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <ConfirmDialog
        open={choice !== undefined}
        title={`Switch to ${choice?.displayName ?? choice?.model ?? ''}?`}
        confirmLabel="Switch"
        action={change}
        onConfirm={() => choice && void change.run(choice)}
        onClose={() => setChoice(undefined)}
      >
        <p>
          {from ? `From ${from.displayName ?? from.model}. ` : ''}
          {diff ? `This will cost ${diff}.` : 'Its price is not known: calls to it are reported unpriced.'}
        </p>
        <p class="hint">
          New calls to {providerNames.get(choice?.provider ?? '') ?? choice?.provider} use it at once.
        </p>
      </ConfirmDialog>
    </div>
  );
}
