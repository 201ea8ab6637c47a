import { useState } from 'preact/hooks';
import { saveProvider, testProvider } from '../../api/console-api.js';
import type { TestResult } from '../../api/types.js';
import { SecretInput } from '../../ui/SecretInput.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { TestOutcome } from '../setup/TestOutcome.js';
import { emptyRow, idFromName, type ModelRowDraft, modelsOf } from './model-rows.js';
import { ModelTable } from './ModelTable.js';
import { Form } from '../../ui/Form.js';
import { FormFooter } from '../../ui/FormFooter.js';

/**
 * A custom OpenAI-compatible host (vLLM, LM Studio, a proxy): name, base URL, key and its models
 * with prices, saved with no code change and usable through the gateway at once as
 * `<id>/<model>`; Save and test calls it once.
 */
export function CustomProviderForm({ onSaved }: { onSaved: (id: string) => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [baseURL, setBaseURL] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [rows, setRows] = useState<ModelRowDraft[]>(() => [emptyRow()]);
  const [problem, setProblem] = useState<string | undefined>();
  const [result, setResult] = useState<TestResult | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  const firstModel = rows.find((row) => row.id.trim())?.id.trim();

  const save = useAction(async () => {
    setResult(undefined);
    const parsed = modelsOf(rows);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(undefined);
    const [first] = parsed.models;
    await saveProvider({
      id,
      displayName: name.trim(),
      package: '@pal/provider-openai',
      factory: 'openaiCompatible',
      baseURL: baseURL.trim(),
      ...(apiKey.trim() && { apiKey: apiKey.trim() }),
      models: parsed.models,
      ...(first && { defaultModel: first.id }),
    });
    setApiKey('');
    setSaved(id);
    onSaved(id);
    setResult(await testProvider(id));
  });

  return (
    <Form labelledBy="custom-title" onSubmit={() => void save.run()}>
      <h2 id="custom-title">Your host</h2>
      <TextField
        label="Name"
        value={name}
        required
        onInput={(value) => {
          setName(value);
          if (!idEdited) setId(idFromName(value));
        }}
        placeholder="My vLLM box"
      />
      <TextField
        label="Provider id"
        value={id}
        required
        pattern="[a-z0-9][a-z0-9._\-]*"
        onInput={(value) => {
          setIdEdited(true);
          setId(value);
        }}
        hint="Calls name it as <id>/<model>: lower-case letters, digits, '.', '_' and '-'."
      />
      <TextField
        label="Base URL"
        value={baseURL}
        required
        type="url"
        onInput={setBaseURL}
        placeholder="http://127.0.0.1:8000/v1"
        hint="With the /v1, as OpenAI's SDK takes it."
      />
      <SecretInput label="API key (if the host needs one)" value={apiKey} onInput={setApiKey} />
      <ModelTable rows={rows} onChange={setRows} />
      <FormFooter
        action={save}
        submit="Save and test"
        busyText="Saving and testing…"
        disabled={!id || !baseURL}
        problem={problem}
      />
      {result && <TestOutcome vendorName={name || id} result={result} />}
      {saved && !save.busy && (
        <p class="hint">
          Call it through the gateway as <code>{`${saved}/${firstModel ?? '<model>'}`}</code>.
        </p>
      )}
    </Form>
  );
}
