import { useState } from 'preact/hooks';
import { getKey, updateKey } from '../../api/console-api.js';
import type { KeyView } from '../../api/types.js';
import { usd } from '../../format/money.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { UsdBudgetFields } from './UsdBudgetFields.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { Form } from '../../ui/Form.js';

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
    <Form className="editor" label={`Budget of the key ${record.name}`} onSubmit={() => void save.run()}>
      {(record.usage ?? []).map((counter) => (
        <p key={counter.periodKey} class="spend">
          <meter min={0} max={counter.limitUsd} value={Math.min(counter.spentUsd, counter.limitUsd)} />{' '}
          {usd(counter.spentUsd)} of {usd(counter.limitUsd)} ({counter.periodKey})
        </p>
      ))}
      <div class="row">
        <UsdBudgetFields daily={daily} monthly={monthly} onDaily={setDaily} onMonthly={setMonthly} />
      </div>
      <FormFooter action={save} submit="Save budget" busyText="Saving…" problem={problem} />
    </Form>
  );
}
