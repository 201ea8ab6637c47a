import type { BudgetInput, BudgetView } from '../../api/types.js';

/** A budget as its form holds it: every number as typed (empty = no limit). */
export interface BudgetDraft {
  dailyUsd: string;
  monthlyUsd: string;
  alertPercent: string;
  capsOn: boolean;
  perRunSoftTokens: string;
  perRunHardTokens: string;
}

/** The alert mark when none is saved: 80 % (seed 003). */
export const DEFAULT_ALERT = 0.8;

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form's values for a saved budget (or none). */
export function draftOf(budget: BudgetView | undefined): BudgetDraft {
  return {
    dailyUsd: text(budget?.dailyUsd),
    monthlyUsd: text(budget?.monthlyUsd),
    alertPercent: String(Math.round((budget?.alertThreshold ?? DEFAULT_ALERT) * 100)),
    capsOn: budget?.perRunSoftTokens !== undefined || budget?.perRunHardTokens !== undefined,
    perRunSoftTokens: text(budget?.perRunSoftTokens),
    perRunHardTokens: text(budget?.perRunHardTokens),
  };
}

type Limit = 'dailyUsd' | 'monthlyUsd' | 'perRunSoftTokens' | 'perRunHardTokens';

const LIMITS: ReadonlyArray<[Limit, string]> = [
  ['dailyUsd', 'The daily limit'],
  ['monthlyUsd', 'The monthly limit'],
  ['perRunSoftTokens', 'The per-run soft cap'],
  ['perRunHardTokens', 'The per-run hard cap'],
];

/**
 * The budget to save from the form (an emptied limit is `null`: removed), or the first problem
 * in words. Token caps count only while the caps toggle is on.
 */
export function budgetOf(
  provider: string | undefined,
  draft: BudgetDraft,
): { budget: BudgetInput } | { problem: string } {
  const budget: BudgetInput = provider ? { provider } : {};
  for (const [name, what] of LIMITS) {
    const isCap = name.startsWith('perRun');
    const raw = draft[name].trim();
    if (raw === '' || (isCap && !draft.capsOn)) {
      budget[name] = null;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || (isCap && value < 1))
      return { problem: `${what} must be a number ${isCap ? '≥ 1' : '≥ 0'} (or empty for none).` };
    budget[name] = isCap ? Math.round(value) : value;
  }
  const { perRunSoftTokens: soft, perRunHardTokens: hard } = budget;
  if (soft != null && hard != null && soft > hard)
    return { problem: 'The soft cap must not be above the hard cap.' };
  const percent = Number(draft.alertPercent);
  if (!Number.isFinite(percent) || percent < 1 || percent > 100)
    return { problem: 'The alert threshold is a percentage between 1 and 100.' };
  budget.alertThreshold = percent / 100;
  return { budget };
}
