import { useState } from 'preact/hooks';
import { createKey, listKeys, revokeKey } from '../../api/console-api.js';
import type { KeyView } from '../../api/types.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { EMPTY_KEY, keyInputOf } from './key-draft.js';
import { KeyRow } from './KeyRow.js';
import { NewKeyNotice } from './NewKeyNotice.js';

/** Gateway keys: create one (shown once), the list (masked), revoke, and each key's budget. */
export function KeysScreen() {
  const keys = useAsync((signal) => listKeys(signal), []);
  const [draft, setDraft] = useState(EMPTY_KEY);
  const [problem, setProblem] = useState<string | undefined>();
  const [created, setCreated] = useState<KeyView | undefined>();
  const [revoking, setRevoking] = useState<KeyView | undefined>();
  const [budgetOf, setBudgetOf] = useState<string | undefined>();
  const create = useAction(async () => {
    const parsed = keyInputOf(draft);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    setCreated(await createKey(parsed.input));
    setDraft(EMPTY_KEY);
    keys.reload();
  });
  const revoke = useAction(async (key: KeyView) => {
    await revokeKey(key.id);
    setRevoking(undefined);
    keys.reload();
  });
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  return (
    <>
      <h1 tabIndex={-1}>Gateway keys</h1>
      <p>
        Apps call the gateway's /v1 endpoints with these keys; each may have its own models, rate and budget.
      </p>
      <form
        class="panel"
        aria-labelledby="new-key-title"
        onSubmit={(event) => {
          event.preventDefault();
          void create.run();
        }}
      >
        <h2 id="new-key-title">Create a key</h2>
        <div class="row">
          <TextField
            label="Name"
            value={draft.name}
            onInput={(name) => set({ name })}
            required
            placeholder="billing-app"
          />
          <TextField
            label="Allowed models"
            value={draft.models}
            onInput={(models) => set({ models })}
            placeholder="any"
            hint="Comma-separated: openai/gpt-4o-mini, anthropic/*"
          />
        </div>
        <div class="row">
          <TextField
            label="Requests per minute"
            type="number"
            min={0}
            value={draft.rpm}
            onInput={(rpm) => set({ rpm })}
            placeholder="no limit"
          />
          <TextField
            label="Daily budget (USD)"
            type="number"
            min={0}
            step="any"
            value={draft.dailyUsd}
            onInput={(dailyUsd) => set({ dailyUsd })}
            placeholder="no limit"
          />
          <TextField
            label="Monthly budget (USD)"
            type="number"
            min={0}
            step="any"
            value={draft.monthlyUsd}
            onInput={(monthlyUsd) => set({ monthlyUsd })}
            placeholder="no limit"
          />
        </div>
        {problem && (
          <p class="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        <div class="actions">
          <button type="submit" disabled={create.busy}>
            {create.busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
        {create.error && <ErrorNotice error={create.error} />}
        {created && <NewKeyNotice created={created} onDone={() => setCreated(undefined)} />}
      </form>
      <AsyncView handle={keys} label="the keys">
        {(list) =>
          list.length === 0 ? (
            <p>No keys yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Models</th>
                  <th scope="col">Req/min</th>
                  <th scope="col">Budget</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span class="visually-hidden">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((key) => (
                  <KeyRow
                    key={key.id}
                    record={key}
                    budgetOpen={budgetOf === key.id}
                    onBudget={() => setBudgetOf(budgetOf === key.id ? undefined : key.id)}
                    onRevoke={() => setRevoking(key)}
                    onChanged={keys.reload}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncView>
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke the key "${revoking?.name ?? ''}"?`}
        confirmLabel="Revoke"
        busy={revoke.busy}
        onConfirm={() => revoking && void revoke.run(revoking)}
        onCancel={() => {
          revoke.clearError();
          setRevoking(undefined);
        }}
      >
        <p>Calls with it are refused at once. This cannot be undone.</p>
        {revoke.error && <ErrorNotice error={revoke.error} />}
      </ConfirmDialog>
    </>
  );
}
