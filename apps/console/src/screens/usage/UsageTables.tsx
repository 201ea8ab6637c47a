import type { UsageReport } from '../../api/types.js';
import { usd } from '../../format/money.js';
import { when } from '../../format/time.js';
import { type DataColumn, DataTable } from '../../ui/DataTable.js';
import { Panel } from '../../ui/Panel.js';

type ProviderRow = UsageReport['byProvider'][number];
type ModelRow = UsageReport['byModel'][number];
type RunRow = UsageReport['topRuns'][number];

const count = (n: number) => n.toLocaleString('en-US');
const calls = { label: 'Calls', cell: (row: { calls: number }) => count(row.calls), numeric: true };
const cost = { label: 'Cost', cell: (row: { costUsd: number }) => usd(row.costUsd), numeric: true };

/** Each table but its rows: columns, row keys and what it says when it is empty. */
const BY_PROVIDER = {
  columns: [
    { label: 'Provider', cell: (row) => row.provider },
    calls,
    {
      label: 'Tokens in / out',
      cell: (row) => `${count(row.inputTokens)} / ${count(row.outputTokens)}`,
      numeric: true,
    },
    cost,
  ] satisfies DataColumn<ProviderRow>[],
  rowKey: (row: ProviderRow) => row.provider,
  empty: 'No calls yet.',
};
const BY_MODEL = {
  columns: [
    { label: 'Model', cell: (row) => `${row.provider}/${row.model}` },
    calls,
    cost,
  ] satisfies DataColumn<ModelRow>[],
  rowKey: (row: ModelRow) => `${row.provider}/${row.model}`,
  empty: 'No calls yet.',
};
const TOP_RUNS = {
  columns: [
    { label: 'Run', cell: (row) => <code>{row.runId}</code> },
    calls,
    { label: 'Last call', cell: (row) => when(row.lastAt) },
    cost,
  ] satisfies DataColumn<RunRow>[],
  rowKey: (row: RunRow) => row.runId,
  empty: 'No runs yet (calls with a run id show here).',
};

/** Cost by provider and by model over the range, and the most expensive runs. */
export function UsageTables({ report }: { report: UsageReport }) {
  return (
    <div class="grid">
      <Panel title="By provider">
        <DataTable {...BY_PROVIDER} rows={report.byProvider} />
      </Panel>
      <Panel title="By model">
        <DataTable {...BY_MODEL} rows={report.byModel} />
      </Panel>
      <Panel title="Most expensive runs">
        <DataTable {...TOP_RUNS} rows={report.topRuns} />
      </Panel>
    </div>
  );
}
