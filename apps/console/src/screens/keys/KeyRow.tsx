import type { KeyView } from '../../api/types.js';
import { usd } from '../../format/money.js';
import { when } from '../../format/time.js';
import { KeyBudgetEditor } from './KeyBudgetEditor.js';

const COLUMNS = 7;

/** One gateway key in the list (masked), with its budget editor below it when open. */
export function KeyRow({
  record,
  budgetOpen,
  onBudget,
  onRevoke,
  onChanged,
}: {
  record: KeyView;
  budgetOpen: boolean;
  onBudget: () => void;
  onRevoke: () => void;
  onChanged: () => void;
}) {
  const revoked = record.revokedAt !== undefined;
  return (
    <>
      <tr class={revoked ? 'revoked' : undefined}>
        <th scope="row">{record.name}</th>
        <td>
          <code>{record.masked}</code>
        </td>
        <td>{record.allowedModels?.join(', ') ?? 'any'}</td>
        <td class="num">{record.requestsPerMinute ?? '—'}</td>
        <td>
          {record.dailyUsd !== undefined && `${usd(record.dailyUsd)}/day `}
          {record.monthlyUsd !== undefined && `${usd(record.monthlyUsd)}/month`}
          {record.dailyUsd === undefined && record.monthlyUsd === undefined && 'none'}
        </td>
        <td>
          {when(record.createdAt)}
          {record.lastUsedAt !== undefined && <div class="hint">used {when(record.lastUsedAt)}</div>}
        </td>
        <td class="key-actions">
          {revoked ? (
            <span class="badge off">Revoked {when(record.revokedAt)}</span>
          ) : (
            <>
              <button type="button" class="secondary" aria-expanded={budgetOpen} onClick={onBudget}>
                Budget<span class="visually-hidden"> of {record.name}</span>
              </button>
              <button type="button" class="danger" onClick={onRevoke}>
                Revoke<span class="visually-hidden"> {record.name}</span>
              </button>
            </>
          )}
        </td>
      </tr>
      {budgetOpen && !revoked && (
        <tr>
          <td colSpan={COLUMNS}>
            <KeyBudgetEditor keyId={record.id} onSaved={onChanged} />
          </td>
        </tr>
      )}
    </>
  );
}
