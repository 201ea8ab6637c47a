import { useState } from 'preact/hooks';
import { updateProvider } from '../../api/console-api.js';
import type { ProviderView } from '../../api/types.js';
import { SecretInput } from '../../ui/SecretInput.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { Form } from '../../ui/Form.js';
import { FormFooter } from '../../ui/FormFooter.js';

/** Edit a provider's endpoint or rotate its key (the new key replaces the old one, encrypted). */
export function ProviderEditor({
  provider,
  onDone,
}: {
  provider: ProviderView;
  onDone: (changed: boolean) => void;
}) {
  const [endpoint, setEndpoint] = useState(provider.endpoint ?? '');
  const [key, setKey] = useState('');
  const save = useAction(async () => {
    await updateProvider(provider.id, {
      baseURL: endpoint.trim() || null,
      ...(key.trim() && { apiKey: key.trim() }),
    });
    setKey('');
    onDone(true);
  });
  const name = provider.displayName ?? provider.id;
  return (
    <Form className="editor" label={`Edit ${name}`} onSubmit={() => void save.run()}>
      <TextField
        label="Endpoint"
        type="url"
        value={endpoint}
        onInput={setEndpoint}
        placeholder="the vendor's own"
        hint="Empty: the vendor's own endpoint."
      />
      <SecretInput
        label="New API key (rotate)"
        value={key}
        onInput={setKey}
        placeholder={provider.maskedKey ? `Now: ${provider.maskedKey}` : 'none saved'}
      />
      <FormFooter
        action={save}
        submit="Save"
        busyText="Saving…"
        before={
          <button type="button" class="secondary" onClick={() => onDone(false)}>
            Cancel
          </button>
        }
      />
    </Form>
  );
}
