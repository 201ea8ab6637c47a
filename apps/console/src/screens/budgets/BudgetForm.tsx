import { useId, useState } from 'preact/hooks';
import { saveBudget } from '../../api/console-api.js';
import type { BudgetView } from '../../api/types.js';
import { Form } from '../../ui/Form.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { budgetOf, DEFAULT_ALERT, draftOf } from './budget-draft.js';
import { LimitInput } from './LimitInput.js';
import { SpendMeter } from './SpendMeter.js';

/**
 * One budget (overall, or one provider's): daily and monthly USD limits with sliders, the alert
 * threshold, per-run soft / hard token caps behind a toggle, and what is spent against each limit.
 */
export function BudgetForm({
  title,
  provider,
  saved,
  onSaved,
}: {
  title: string;
  provider?: string;
  saved?: BudgetView;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const titleId = useId();
  const set = (patch: Partial<typeof draft>) => {
    setDone(false);
    setDraft({ ...draft, ...patch });
  };
  const save = useAction(async () => {
    const parsed = budgetOf(provider, draft);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    await saveBudget(parsed.budget);
    setDone(true);
    onSaved();
  });
  const alertAt = (saved?.alertThreshold ?? DEFAULT_ALERT) as number;
  const meters = {
    dailyUsd: { label: 'today', spent: saved?.spentTodayUsd, limit: saved?.dailyUsd },
    monthlyUsd: { label: 'this month', spent: saved?.spentThisMonthUsd, limit: saved?.monthlyUsd },
  } as const;
  return (
    <Form className="panel budget" labelledBy={titleId} onSubmit={() => void save.run()}>
      <h2 id={titleId}>{title}</h2>
      {LIMITS.map(({ field, label, max, step, unit }) => (
        <div key={field}>
          <LimitInput
            label={label}
            value={draft[field]}
            onChange={(value) => set({ [field]: value })}
            max={max}
            step={step}
            unit={unit}
          />
          {field !== 'alertPercent' && <SpendMeter {...meters[field]} alertAt={alertAt} />}
        </div>
      ))}
      <div class="field checkbox">
        <input
          id={`${titleId}-caps`}
          type="checkbox"
          checked={draft.capsOn}
          onChange={(event) => set({ capsOn: event.currentTarget.checked })}
        />
        <label for={`${titleId}-caps`}>Per-run token caps</label>
      </div>
      {draft.capsOn && (
        <div class="row">
          {CAPS.map(({ field, label, hint }) => (
            <TextField
              key={field}
              label={label}
              type="number"
              min={1}
              value={draft[field]}
              onInput={(value) => set({ [field]: value })}
              hint={hint}
            />
          ))}
        </div>
      )}
      <FormFooter
        action={save}
        submit={
          <>
            Save budget<span class="visually-hidden"> for {title}</span>
          </>
        }
        busyText="Saving…"
        problem={problem}
        done={done ? 'Saved. Calls are held to it from now on.' : undefined}
      />
    </Form>
  );
}

/** The USD limits and the alert mark, each a slider with its exact value beside it. */
const LIMITS = [
  { field: 'dailyUsd', label: 'Daily limit (USD)', max: 100, step: 0.5, unit: '$' },
  { field: 'monthlyUsd', label: 'Monthly limit (USD)', max: 1000, step: 5, unit: '$' },
  { field: 'alertPercent', label: 'Alert me at (% of a limit)', max: 100, step: 5, unit: '' },
] as const;

/** The per-run token caps (seed 003: soft alerts, hard refuses). */
const CAPS = [
  { field: 'perRunSoftTokens', label: 'Soft cap (tokens)', hint: 'A run past it raises an alert.' },
  {
    field: 'perRunHardTokens',
    label: 'Hard cap (tokens)',
    hint: 'A call that could pass it is refused before it is sent.',
  },
] as const;
