import type { ModelView } from '../../api/types.js';
import { type RunSize, runCost, switchCostText } from '../../cost/typical-run.js';
import { perMillion, usd } from '../../format/money.js';
import { tokens } from '../../format/numbers.js';

/** One model of the picker: its limits, capabilities, prices, what a run costs and the switch's difference. */
export function ModelRow({
  model,
  current,
  run,
  onChoose,
}: {
  model: ModelView;
  /** The model in use now (highlighted when it is this one), to price a switch against. */
  current?: ModelView;
  run: RunSize;
  onChoose: (model: ModelView) => void;
}) {
  const isCurrent = current?.ref === model.ref;
  const perRun = runCost(run, model);
  const diff = current && !isCurrent ? switchCostText(run, current, model) : undefined;
  const name = model.displayName ?? model.model;
  return (
    <tr class={isCurrent ? 'current' : undefined} aria-current={isCurrent ? 'true' : undefined}>
      <th scope="row">
        {name}
        {model.displayName && model.displayName !== model.model && <div class="hint">{model.model}</div>}
        {isCurrent && <span class="badge ok">Default</span>}
        {model.deprecated && (
          <span
            class="badge off"
            title="Its vendor has deprecated it and will retire it: prefer a current model"
          >
            Deprecated
          </span>
        )}
      </th>
      <td>{tokens(model.contextWindow)}</td>
      <td>{model.capabilities.join(', ') || '—'}</td>
      <td class="num">{perMillion(model.inputPerMTok)}</td>
      <td class="num">{perMillion(model.outputPerMTok)}</td>
      <td class="num">
        {perRun === undefined ? 'unpriced' : usd(perRun)}
        {diff && <div class="hint">{diff}</div>}
      </td>
      <td>
        {isCurrent ? (
          <span class="hint">In use</span>
        ) : (
          <button type="button" class="secondary" onClick={() => onChoose(model)} aria-label={`Use ${name}`}>
            Use this model
          </button>
        )}
      </td>
    </tr>
  );
}
