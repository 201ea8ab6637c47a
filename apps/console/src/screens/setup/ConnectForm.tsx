import { useState } from 'preact/hooks';
import { saveProvider, testProvider } from '../../api/console-api.js';
import type { ProviderView, TestResult } from '../../api/types.js';
import type { Vendor } from '../../catalog/vendors.js';
import { SecretInput } from '../../ui/SecretInput.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { TestOutcome } from './TestOutcome.js';
import { Form } from '../../ui/Form.js';
import { FormFooter } from '../../ui/FormFooter.js';

/**
 * Seed 003's setup screen for one vendor: "Enter your OpenAI API key" (masked), "Where to find
 * your key", an optional endpoint, and Test Connection, which saves the key (encrypted; the field
 * is emptied and only the masked form is shown from then on) and makes the cheapest authenticated
 * call. `onConnected` runs once the test passed.
 */
export function ConnectForm({
  vendor,
  saved,
  onConnected,
}: {
  vendor: Vendor;
  saved?: ProviderView;
  onConnected: (provider: ProviderView) => void;
}) {
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [endpoint, setEndpoint] = useState(saved?.endpoint ?? '');
  const [current, setCurrent] = useState<ProviderView | undefined>(saved);
  const [result, setResult] = useState<TestResult | undefined>();
  const helpId = `key-help-${vendor.id}`;

  const connect = useAction(async () => {
    setResult(undefined);
    const entered = Object.fromEntries(
      Object.entries(credentials).filter(([, value]) => value.trim() !== ''),
    );
    const stored = await saveProvider({
      id: vendor.id,
      displayName: vendor.name,
      package: vendor.package,
      ...(vendor.factory && { factory: vendor.factory }),
      ...(Object.keys(entered).length > 0 && { credentials: entered }),
      ...(vendor.endpoint && { baseURL: endpoint.trim() || null }),
    });
    setCredentials({}); // the key is never shown again, only its masked form
    setCurrent(stored);
    const outcome = await testProvider(vendor.id);
    setResult(outcome);
    if (outcome.ok) onConnected(stored);
  });

  const missing = vendor.credentials.some((field) => !current && !credentials[field.name]?.trim());
  const maskedOf = (name: string) =>
    current?.credentials?.[name] ?? (name === 'apiKey' ? current?.maskedKey : undefined);

  return (
    <Form labelledBy="connect-title" onSubmit={() => void connect.run()}>
      <h2 id="connect-title">
        {vendor.credentials.length > 0
          ? `Enter your ${vendor.name} ${vendor.credentials[0]?.label}`
          : `Connect ${vendor.name}`}
      </h2>
      <p id={helpId}>
        <a href={vendor.keyHelp.url} target="_blank" rel="noopener noreferrer">
          Where to find your key
        </a>{' '}
        <span class="hint">({vendor.keyHelp.text})</span>
      </p>
      {vendor.credentials.map((field) => {
        const masked = maskedOf(field.name);
        return (
          <div key={field.name}>
            {field.secret ? (
              <SecretInput
                label={field.label}
                value={credentials[field.name] ?? ''}
                onInput={(value) => setCredentials({ ...credentials, [field.name]: value })}
                placeholder={masked ? `Saved: ${masked} — type a new one to replace it` : field.placeholder}
                describedBy={helpId}
              />
            ) : (
              <TextField
                label={field.label}
                value={credentials[field.name] ?? ''}
                onInput={(value) => setCredentials({ ...credentials, [field.name]: value })}
                placeholder={masked ? `Saved: ${masked}` : field.placeholder}
                autocomplete="off"
              />
            )}
            {masked && (
              <p class="hint">
                Saved {field.label}: <code>{masked}</code>
              </p>
            )}
          </div>
        );
      })}
      {vendor.endpoint && (
        <TextField
          label={vendor.endpoint.label ?? 'Endpoint (optional)'}
          value={endpoint}
          onInput={setEndpoint}
          type="url"
          placeholder={vendor.endpoint.placeholder}
          required={vendor.endpoint.required}
          hint="Leave empty for the vendor's own endpoint; set it for a proxy."
        />
      )}
      <FormFooter
        action={connect}
        submit="Test Connection"
        busyText={`Testing ${vendor.name}…`}
        disabled={missing}
      />
      {result && <TestOutcome vendorName={vendor.name} result={result} />}
    </Form>
  );
}
