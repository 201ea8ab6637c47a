import { useId, useState } from 'preact/hooks';
import { saveBudget } from '../../api/console-api.js';
import type { BudgetView } from '../../api/types.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
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
  return (
    <form
      class="panel budget"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <LimitInput
        label="Daily limit (USD)"
        value={draft.dailyUsd}
        onChange={(dailyUsd) => set({ dailyUsd })}
        max={100}
        step={0.5}
        unit="$"
      />
      <SpendMeter label="today" spent={saved?.spentTodayUsd} limit={saved?.dailyUsd} alertAt={alertAt} />
      <LimitInput
        label="Monthly limit (USD)"
        value={draft.monthlyUsd}
        onChange={(monthlyUsd) => set({ monthlyUsd })}
        max={1000}
        step={5}
        unit="$"
      />
      <SpendMeter
        label="this month"
        spent={saved?.spentThisMonthUsd}
        limit={saved?.monthlyUsd}
        alertAt={alertAt}
      />
      <LimitInput
        label="Alert me at (% of a limit)"
        value={draft.alertPercent}
        onChange={(alertPercent) => set({ alertPercent })}
        max={100}
        step={5}
        unit=""
      />
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
          <TextField
            label="Soft cap (tokens)"
            type="number"
            min={1}
            value={draft.perRunSoftTokens}
            onInput={(perRunSoftTokens) => set({ perRunSoftTokens })}
            hint="A run past it raises an alert."
          />
          <TextField
            label="Hard cap (tokens)"
            type="number"
            min={1}
            value={draft.perRunHardTokens}
            onInput={(perRunHardTokens) => set({ perRunHardTokens })}
            hint="A call that could pass it is refused before it is sent."
          />
        </div>
      )}
      {problem && (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save budget'}
          <span class="visually-hidden"> for {title}</span>
        </button>
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      {done && !save.busy && (
        <p class="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>Saved. Calls are held to it from now on.
        </p>
      )}
    </form>
  );
}
