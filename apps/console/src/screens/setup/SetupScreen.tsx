import { useState } from 'preact/hooks';
import { listProviders } from '../../api/console-api.js';
import type { ModelView } from '../../api/types.js';
import { vendorOf } from '../../catalog/vendors.js';
import { loadCatalog } from '../../data/catalog-data.js';
import { href } from '../../state/route.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { CustomProviderForm } from '../custom/CustomProviderForm.js';
import { ModelPicker } from '../models/ModelPicker.js';
import { ConnectForm } from './ConnectForm.js';
import { ProviderCards } from './ProviderCards.js';

/**
 * First-time setup (seed 003): "Connect your LLM provider" cards → the vendor's key form with
 * Test Connection → once it passed, the model picker for that provider → done.
 */
export function SetupScreen({ vendorId }: { vendorId?: string }) {
  const providers = useAsync((signal) => listProviders(signal), [vendorId]);
  const [connected, setConnected] = useState<string | undefined>();
  const vendor = vendorId ? vendorOf(vendorId) : undefined;

  if (vendorId === 'custom')
    return (
      <>
        <h1 tabIndex={-1}>Add a custom OpenAI-compatible host</h1>
        <BackToCards />
        <CustomProviderForm onSaved={setConnected} />
        {connected && <PickModel provider={connected} />}
      </>
    );

  if (vendorId && !vendor)
    return (
      <>
        <h1 tabIndex={-1}>Unknown provider</h1>
        <p>There is no setup form for “{vendorId}”.</p>
        <BackToCards />
      </>
    );

  if (vendor)
    return (
      <>
        <h1 tabIndex={-1}>Connect {vendor.name}</h1>
        <BackToCards />
        <AsyncView handle={providers} label="the providers">
          {(list) => (
            <ConnectForm
              key={vendor.id}
              vendor={vendor}
              saved={list.find((p) => p.id === vendor.id)}
              onConnected={(p) => setConnected(p.id)}
            />
          )}
        </AsyncView>
        {connected === vendor.id && <PickModel provider={vendor.id} />}
      </>
    );

  return (
    <>
      <h1 tabIndex={-1}>Connect your LLM provider</h1>
      <p>
        Pick the vendor whose key you have. You can add more later, and set budgets before the first call.
      </p>
      <AsyncView handle={providers} label="the providers">
        {(list) => <ProviderCards connected={new Set(list.map((p) => p.id))} />}
      </AsyncView>
    </>
  );
}

function BackToCards() {
  return (
    <p>
      <a href={href(['setup'])}>← All providers</a>
    </p>
  );
}

/** Step 3: the model picker for the provider just connected, then what to do next. */
function PickModel({ provider }: { provider: string }) {
  const catalog = useAsync((signal) => loadCatalog(signal), [provider]);
  const [chosen, setChosen] = useState<ModelView | undefined>();
  return (
    <section class="panel" aria-labelledby="pick-model">
      <h2 id="pick-model">Choose a model</h2>
      <AsyncView handle={catalog} label="the models">
        {(data) => (
          <ModelPicker
            models={data.models.filter((m) => m.provider === provider)}
            providerNames={data.providerNames}
            current={data.current}
            run={data.run}
            onChanged={(model) => {
              setChosen(model);
              catalog.reload();
            }}
          />
        )}
      </AsyncView>
      {chosen && (
        <p class="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>New calls to {provider} use {chosen.displayName ?? chosen.model}.
        </p>
      )}
      <p>
        Done? Next: <a href={href(['budgets'])}>set a budget</a> or{' '}
        <a href={href(['playground'])}>try a prompt</a>.
      </p>
    </section>
  );
}
