import { usd } from '../../format/money.js';

/** What is spent against a limit: "$0.42 of $5.00 today", with a meter that turns at the alert mark. */
export function SpendMeter({
  label,
  spent,
  limit,
  alertAt,
}: {
  label: string;
  spent: number | undefined;
  limit: number | undefined;
  alertAt: number;
}) {
  if (spent === undefined) return null;
  if (limit === undefined || limit <= 0)
    return (
      <p class="spend">
        {usd(spent)} {label} (no limit)
      </p>
    );
  return (
    <p class="spend">
      <meter
        min={0}
        max={limit}
        low={limit * alertAt}
        high={limit * alertAt}
        optimum={0}
        value={Math.min(spent, limit)}
      >
        {usd(spent)}
      </meter>{' '}
      {usd(spent)} of {usd(limit)} {label}
    </p>
  );
}
