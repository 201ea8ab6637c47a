import type { UsageReport } from '../../api/types.js';
import { usd } from '../../format/money.js';
import { when } from '../../format/time.js';

/** Cost by provider and by model over the range, and the most expensive runs. */
export function UsageTables({ report }: { report: UsageReport }) {
  return (
    <div class="grid">
      <section class="panel" aria-labelledby="by-provider">
        <h2 id="by-provider">By provider</h2>
        {report.byProvider.length === 0 ? (
          <p>No calls yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Calls</th>
                <th scope="col">Tokens in / out</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {report.byProvider.map((row) => (
                <tr key={row.provider}>
                  <th scope="row">{row.provider}</th>
                  <td class="num">{row.calls}</td>
                  <td class="num">
                    {row.inputTokens.toLocaleString('en-US')} / {row.outputTokens.toLocaleString('en-US')}
                  </td>
                  <td class="num">{usd(row.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="by-model">
        <h2 id="by-model">By model</h2>
        {report.byModel.length === 0 ? (
          <p>No calls yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Calls</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {report.byModel.map((row) => (
                <tr key={`${row.provider}/${row.model}`}>
                  <th scope="row">
                    {row.provider}/{row.model}
                  </th>
                  <td class="num">{row.calls}</td>
                  <td class="num">{usd(row.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="top-runs">
        <h2 id="top-runs">Most expensive runs</h2>
        {report.topRuns.length === 0 ? (
          <p>No runs yet (calls with a run id show here).</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Calls</th>
                <th scope="col">Last call</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {report.topRuns.map((run) => (
                <tr key={run.runId}>
                  <th scope="row">
                    <code>{run.runId}</code>
                  </th>
                  <td class="num">{run.calls}</td>
                  <td>{when(run.lastAt)}</td>
                  <td class="num">{usd(run.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
