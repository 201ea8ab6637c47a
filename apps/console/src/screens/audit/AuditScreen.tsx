import { useState } from 'preact/hooks';
import { auditLog, listProviders } from '../../api/console-api.js';
import type { AuditView } from '../../api/types.js';
import { AUDIT_ACTION_LABELS, auditLabel } from '../../catalog/audit-actions.js';
import { auditDetails } from '../../format/audit-details.js';
import { when } from '../../format/time.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';

const PAGE = 50;

/** Audit log: who changed what and when, filtered by provider, event and start date; oldest first, paged. */
export function AuditScreen() {
  const [provider, setProvider] = useState('');
  const [action, setAction] = useState('');
  const [since, setSince] = useState('');
  const sinceMs = since ? new Date(`${since}T00:00:00`).getTime() : undefined;
  const filter = {
    ...(provider && { provider }),
    ...(action && { action }),
    ...(sinceMs !== undefined && { since: sinceMs }),
    limit: PAGE,
  };
  const providers = useAsync((signal) => listProviders(signal), []);
  const [more, setMore] = useState<{ entries: AuditView[]; next?: number } | undefined>();
  const page = useAsync(
    (signal) => {
      setMore(undefined);
      return auditLog(filter, signal);
    },
    [provider, action, since],
  );
  const loadMore = useAction(async (after: number, shown: AuditView[]) => {
    const next = await auditLog({ ...filter, after });
    setMore({ entries: [...shown, ...next.entries], ...(next.next !== undefined && { next: next.next }) });
  });
  const providerList = providers.state.status === 'ready' ? providers.state.data : [];
  return (
    <>
      <h1 tabIndex={-1}>Audit log</h1>
      <form class="row" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="audit-provider">Provider</label>
          <select id="audit-provider" value={provider} onChange={(e) => setProvider(e.currentTarget.value)}>
            <option value="">All</option>
            {providerList.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName ?? p.id}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-action">Event</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
            <option value="">All</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-since">Since</label>
          <input
            id="audit-since"
            type="date"
            value={since}
            onInput={(e) => setSince(e.currentTarget.value)}
          />
        </div>
      </form>
      <AsyncView handle={page} label="the audit log">
        {(first) => {
          const shown = more ?? first;
          return (
            <>
              {shown.entries.length === 0 ? (
                <p>Nothing matches.</p>
              ) : (
                <table class="audit">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Event</th>
                      <th scope="col">Provider</th>
                      <th scope="col">Who</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.entries.map((entry) => (
                      <tr key={entry.id} data-action={entry.action}>
                        <td>{when(entry.at)}</td>
                        <th scope="row">{auditLabel(entry.action)}</th>
                        <td>{entry.provider ?? '—'}</td>
                        <td>{entry.actor ?? '—'}</td>
                        <td>
                          <span class="metadata">{auditDetails(entry.metadata)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {shown.next !== undefined && (
                <button
                  type="button"
                  class="secondary"
                  disabled={loadMore.busy}
                  onClick={() => shown.next !== undefined && void loadMore.run(shown.next, shown.entries)}
                >
                  {loadMore.busy ? 'Loading…' : 'Load more'}
                </button>
              )}
              {loadMore.error && <ErrorNotice error={loadMore.error} />}
            </>
          );
        }}
      </AsyncView>
    </>
  );
}
