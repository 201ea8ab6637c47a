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
import { type DataColumn, DataTable } from '../../ui/DataTable.js';
import { SelectField } from '../../ui/SelectField.js';
import { providerChoices } from '../../data/provider-choices.js';

const PAGE = 50;
const ALL = { value: '', label: 'All' };
const ACTION_CHOICES = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));
const AUDIT_COLUMNS: DataColumn<AuditView>[] = [
  { label: 'Event', cell: (entry) => auditLabel(entry.action) },
  { label: 'When', cell: (entry) => when(entry.at) },
  { label: 'Provider', cell: (entry) => entry.provider ?? '—' },
  { label: 'Who', cell: (entry) => entry.actor ?? '—' },
  { label: 'Details', cell: (entry) => <span class="metadata">{auditDetails(entry.metadata)}</span> },
];

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
        <SelectField
          label="Provider"
          value={provider}
          onChange={setProvider}
          first={ALL}
          choices={providerChoices(providerList)}
        />
        <SelectField label="Event" value={action} onChange={setAction} first={ALL} choices={ACTION_CHOICES} />
        <div class="field">
          <label for="audit-since">Since</label>
          <input
            id="audit-since"
            type="date"
            value={since}
            onInput={(e) => setSince(e.currentTarget.value)}
          />
        </div>
        {providers.state.status === 'loading' && <p class="hint">Loading the providers…</p>}
        {providers.state.status === 'error' && (
          <p class="hint" role="status">
            The provider list could not be loaded: {providers.state.error.message}
          </p>
        )}
      </form>
      <AsyncView handle={page} label="the audit log">
        {(first) => {
          const shown = more ?? first;
          return (
            <>
              <DataTable
                className="audit"
                rows={shown.entries}
                columns={AUDIT_COLUMNS}
                rowKey={(entry) => entry.id}
                rowAttributes={(entry) => ({ 'data-action': entry.action })}
                empty="Nothing matches."
              />
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
