import { useState } from 'preact/hooks';
import { removeProvider, setProviderEnabled, testProvider } from '../../api/console-api.js';
import type { ProviderView, TestResult } from '../../api/types.js';
import { vendorOf } from '../../catalog/vendors.js';
import { when } from '../../format/time.js';
import { href } from '../../state/route.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { useAction } from '../../ui/use-action.js';
import { TestOutcome } from '../setup/TestOutcome.js';
import { ProviderEditor } from './ProviderEditor.js';

/** One provider: on / off, its masked key and endpoint, last validated, and its actions. */
export function ProviderRow({ provider, onChanged }: { provider: ProviderView; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [test, setTest] = useState<TestResult | undefined>();
  const name = provider.displayName ?? provider.id;
  const toggle = useAction(async () => {
    await setProviderEnabled(provider.id, !provider.enabled);
    onChanged();
  });
  const remove = useAction(async () => {
    await removeProvider(provider.id);
    setRemoving(false);
    onChanged();
  });
  const check = useAction(async () => {
    setTest(await testProvider(provider.id));
    onChanged();
  });
  const validation = provider.lastValidation;
  // only providers saved here can be edited or removed here; the others come from elsewhere
  const saved = provider.source === undefined || provider.source === 'store';
  const origin = provider.source ? SOURCE_TEXT[provider.source] : undefined;
  return (
    <li class="provider">
      <div class="provider-head">
        <h2>{name}</h2>
        <span class={`badge ${provider.enabled ? 'ok' : 'off'}`}>
          {provider.enabled ? 'Enabled' : 'Disabled'}
        </span>
        {origin && <span class="badge off">{origin}</span>}
      </div>
      <dl>
        <dt>Id</dt>
        <dd>
          <code>{provider.id}</code>
        </dd>
        <dt>Key</dt>
        <dd>{provider.maskedKey ? <code>{provider.maskedKey}</code> : 'none'}</dd>
        <dt>Endpoint</dt>
        <dd>{provider.endpoint ? <code>{provider.endpoint}</code> : "the vendor's own"}</dd>
        <dt>Last validated</dt>
        <dd>
          {when(provider.lastValidatedAt)}
          {validation && (validation.ok ? ' ✓' : ` ✗ ${validation.errorCode ?? ''}`)}
        </dd>
      </dl>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void toggle.run()} disabled={toggle.busy}>
          {provider.enabled ? 'Disable' : 'Enable'}
          <span class="visually-hidden"> {name}</span>
        </button>
        <button type="button" class="secondary" onClick={() => void check.run()} disabled={check.busy}>
          {check.busy ? 'Testing…' : 'Test Connection'}
          <span class="visually-hidden"> of {name}</span>
        </button>
        {saved ? (
          <>
            <button
              type="button"
              class="secondary"
              onClick={() => setEditing(!editing)}
              aria-expanded={editing}
            >
              Edit endpoint or rotate key<span class="visually-hidden"> of {name}</span>
            </button>
            <button type="button" class="danger" onClick={() => setRemoving(true)}>
              Remove<span class="visually-hidden"> {name}</span>
            </button>
          </>
        ) : (
          vendorOf(provider.id) && (
            <a class="button secondary-link" href={href(['setup', provider.id])}>
              Connect your own key<span class="visually-hidden"> for {name}</span>
            </a>
          )
        )}
      </div>
      {toggle.error && <ErrorNotice error={toggle.error} />}
      {check.error && <ErrorNotice error={check.error} />}
      {test && <TestOutcome vendorName={name} result={test} />}
      {editing && (
        <ProviderEditor
          provider={provider}
          onDone={(changed) => {
            setEditing(false);
            if (changed) onChanged();
          }}
        />
      )}
      <ConfirmDialog
        open={removing}
        title={`Remove ${name}?`}
        confirmLabel="Remove"
        action={remove}
        onConfirm={() => void remove.run()}
        onClose={() => setRemoving(false)}
      >
        <p>Its key is deleted from the store and calls to it stop at once.</p>
      </ConfirmDialog>
    </li>
  );
}

/** Where a provider not saved here comes from, as its badge says. */
const SOURCE_TEXT: Readonly<Record<string, string | undefined>> = {
  given: 'Set up by the gateway',
  config: 'From the config file',
  env: 'From the environment',
  store: undefined,
};
