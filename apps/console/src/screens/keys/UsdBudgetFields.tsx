import { LimitField } from '../../ui/LimitField.js';

/** A gateway key's budget: the daily and the monthly USD limit (empty for none). */
export function UsdBudgetFields({
  daily,
  monthly,
  onDaily,
  onMonthly,
}: {
  daily: string;
  monthly: string;
  onDaily: (value: string) => void;
  onMonthly: (value: string) => void;
}) {
  return (
    <>
      <LimitField label="Daily budget (USD)" value={daily} onInput={onDaily} />
      <LimitField label="Monthly budget (USD)" value={monthly} onInput={onMonthly} />
    </>
  );
}
