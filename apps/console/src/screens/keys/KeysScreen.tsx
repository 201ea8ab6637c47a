import { useState } from 'preact/hooks';
import { createKey, listKeys, revokeKey } from '../../api/console-api.js';
import type { KeyView } from '../../api/types.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { EMPTY_KEY, keyInputOf } from './key-draft.js';
import { KeyRow } from './KeyRow.js';
import { UsdBudgetFields } from './UsdBudgetFields.js';
import { NewKeyNotice } from './NewKeyNotice.js';
import { Form } from '../../ui/Form.js';
import { LimitField } from '../../ui/LimitField.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { TableHead } from '../../ui/TableHead.js';

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
      <Form labelledBy="new-key-title" onSubmit={() => void create.run()}>
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
            hint="Comma-separated: openai/gpt-5.4-mini, anthropic/*"
          />
        </div>
        <div class="row">
          <LimitField label="Requests per minute" whole value={draft.rpm} onInput={(rpm) => set({ rpm })} />
          <UsdBudgetFields
            daily={draft.dailyUsd}
            monthly={draft.monthlyUsd}
            onDaily={(dailyUsd) => set({ dailyUsd })}
            onMonthly={(monthlyUsd) => set({ monthlyUsd })}
          />
        </div>
        <FormFooter action={create} submit="Create key" busyText="Creating…" problem={problem} />
        {created && <NewKeyNotice created={created} onDone={() => setCreated(undefined)} />}
      </Form>
      <AsyncView handle={keys} label="the keys">
        {(list) =>
          list.length === 0 ? (
            <p>No keys yet.</p>
          ) : (
            <table>
              <TableHead
                columns={['Name', 'Key', 'Models', 'Req/min', 'Budget', 'Created', { hidden: 'Actions' }]}
              />
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
        action={revoke}
        onConfirm={() => revoking && void revoke.run(revoking)}
        onClose={() => setRevoking(undefined)}
      >
        <p>Calls with it are refused at once. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
