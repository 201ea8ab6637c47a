import type { Command } from 'commander';
import { contextOf } from '../context.js';
import { sparkline } from '../sparkline.js';

/** What `/api/usage` answers. */
interface UsageReport {
  spendThisMonthUsd: number;
  projectedMonthlyUsd: number;
  byProvider: Array<{
    provider: string;
    calls: number;
    costUsd: number;
    inputTokens: number;
    outputTokens: number;
  }>;
  timeseries: Array<{ bucket: string; costUsd: number; calls: number }>;
}

/** `pal usage [--days n]`: spend by provider, this month's spend and projection, a daily trend. */
export function registerUsage(program: Command): void {
  program
    .command('usage')
    .description('what was spent: by provider, this month and its projection, and the daily trend')
    .option('--days <n>', 'how many days back', '30')
    .action(async (options: { days: string }, command: Command) => {
      const { out, gateway } = contextOf(command);
      const since = new Date(Date.now() - Number(options.days) * 86_400_000).toISOString();
      const report = await gateway.api<UsageReport>(
        'GET',
        `/usage?since=${encodeURIComponent(since)}&bucket=day`,
      );
      out.result(report, () => {
        out.table(
          report.byProvider.map((p) => ({
            provider: p.provider,
            calls: p.calls,
            'in tokens': p.inputTokens,
            'out tokens': p.outputTokens,
            'cost $': Number(p.costUsd.toFixed(6)),
          })),
        );
        out.line();
        out.line(
          `This month: $${report.spendThisMonthUsd.toFixed(4)} · on track for $${report.projectedMonthlyUsd.toFixed(2)}`,
        );
        const costs = report.timeseries.map((b) => b.costUsd);
        if (costs.length > 1) out.line(`Last ${costs.length} days: ${sparkline(costs)}`);
      });
    });
}
