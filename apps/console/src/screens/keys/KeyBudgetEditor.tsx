import { useState } from 'preact/hooks';
import { getKey, updateKey } from '../../api/console-api.js';
import type { KeyView } from '../../api/types.js';
import { usd } from '../../format/money.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';

const limitOf = (text: string): number | null | 'bad' => {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : 'bad';
};

/** One key's budget: what it has spent against each limit, and its daily and monthly USD limits to change. */
export function KeyBudgetEditor({ keyId, onSaved }: { keyId: string; onSaved: () => void }) {
  const key = useAsync((signal) => getKey(keyId, signal), [keyId]);
  return (
    <AsyncView handle={key} label="the key's budget">
      {(record) => (
        <KeyBudgetForm
          record={record}
          onSaved={() => {
            key.reload();
            onSaved();
          }}
        />
      )}
    </AsyncView>
  );
}

function KeyBudgetForm({ record, onSaved }: { record: KeyView; onSaved: () => void }) {
  const [daily, setDaily] = useState(record.dailyUsd === undefined ? '' : String(record.dailyUsd));
  const [monthly, setMonthly] = useState(record.monthlyUsd === undefined ? '' : String(record.monthlyUsd));
  const [problem, setProblem] = useState<string | undefined>();
  const save = useAction(async () => {
    const dailyUsd = limitOf(daily);
    const monthlyUsd = limitOf(monthly);
    if (dailyUsd === 'bad' || monthlyUsd === 'bad') {
      setProblem('A budget is a number ≥ 0, or empty for none.');
      return;
    }
    setProblem(undefined);
    await updateKey(record.id, { dailyUsd, monthlyUsd });
    onSaved();
  });
  return (
    <form
      class="editor"
      aria-label={`Budget of the key ${record.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      {(record.usage ?? []).map((counter) => (
        <p key={counter.periodKey} class="spend">
          <meter min={0} max={counter.limitUsd} value={Math.min(counter.spentUsd, counter.limitUsd)} />{' '}
          {usd(counter.spentUsd)} of {usd(counter.limitUsd)} ({counter.periodKey})
        </p>
      ))}
      <div class="row">
        <TextField
          label="Daily budget (USD)"
          type="number"
          min={0}
          step="any"
          value={daily}
          onInput={setDaily}
          placeholder="no limit"
        />
        <TextField
          label="Monthly budget (USD)"
          type="number"
          min={0}
          step="any"
          value={monthly}
          onInput={setMonthly}
          placeholder="no limit"
        />
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save budget'}
        </button>
      </div>
      {problem && (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {save.error && <ErrorNotice error={save.error} />}
    </form>
  );
}
