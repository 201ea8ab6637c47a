import { useState } from 'preact/hooks';
import { getRouting, listProviders, saveRouting } from '../../api/console-api.js';
import type { ProviderView, RoutingView } from '../../api/types.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { SelectField } from '../../ui/SelectField.js';
import { ChainList } from './ChainList.js';
import { Form } from '../../ui/Form.js';
import { FormFooter } from '../../ui/FormFooter.js';
import { loadTogether } from '../../data/load-together.js';
import { providerChoices } from '../../data/provider-choices.js';

/** What each routing strategy does, in a few words. */
const STRATEGY_TEXT: Record<string, string> = {
  '': 'As listed: the model asked for, then the chain in order',
  local_first: 'Local providers (Ollama) first, cloud after',
  cost_optimized: 'Cheapest first, from the catalog prices',
  quality: 'Best model first',
  speed: 'Fastest first, by measured latency',
  round_robin: 'Each call starts one further along',
  least_connections: 'Fewest calls in flight first',
};

/** The empty first choice of the add-to-chain list. */
const CHOOSE = { value: '', label: 'Choose…' };

/** Fallback: the chain (drag to reorder), auto-fallback, ask before switching, and the strategy. */
export function FallbackScreen() {
  const data = useAsync(
    (signal) => loadTogether({ routing: getRouting, providers: listProviders }, signal),
    [],
  );
  return (
    <>
      <h1 tabIndex={-1}>Fallback</h1>
      <p>When a provider keeps failing (after PAL's retries), calls move to the next one in this order.</p>
      <AsyncView handle={data} label="the routing settings">
        {({ routing, providers }) => (
          <RoutingForm saved={routing} providers={providers} onSaved={data.reload} />
        )}
      </AsyncView>
    </>
  );
}

function RoutingForm({
  saved,
  providers,
  onSaved,
}: {
  saved: RoutingView;
  providers: ProviderView[];
  onSaved: () => void;
}) {
  const [routing, setRouting] = useState(saved);
  const [adding, setAdding] = useState('');
  const [done, setDone] = useState(false);
  const names = new Map(providers.map((p) => [p.id, p.displayName ?? p.id]));
  const label = (ref: string) => {
    const [provider = ref, ...model] = ref.split('/');
    const name = names.get(provider) ?? provider;
    return model.length > 0 ? `${name} · ${model.join('/')}` : name;
  };
  const update = (patch: Partial<RoutingView>) => {
    setDone(false);
    setRouting({ ...routing, ...patch });
  };
  const save = useAction(async () => {
    const { fallbackChain, autoFallback, askBeforeSwitching, strategy } = routing;
    await saveRouting({ fallbackChain, autoFallback, askBeforeSwitching, strategy: strategy ?? null });
    setDone(true);
    onSaved();
  });
  const addable = providers.filter((p) => !routing.fallbackChain.includes(p.id));
  const choices = providerChoices(addable);
  // the ones that need settings of their own (weights) are left to the config file
  const strategies = routing.strategies.filter((name) => STRATEGY_TEXT[name] !== undefined);
  return (
    <Form label="Routing settings" onSubmit={() => void save.run()}>
      <div class="field checkbox">
        <input
          id="auto-fallback"
          type="checkbox"
          checked={routing.autoFallback}
          onChange={(e) => update({ autoFallback: e.currentTarget.checked })}
        />
        <label for="auto-fallback">Auto-fallback to other providers</label>
      </div>
      <div class="field checkbox">
        <input
          id="ask-first"
          type="checkbox"
          checked={routing.askBeforeSwitching}
          disabled={!routing.autoFallback}
          onChange={(e) => update({ askBeforeSwitching: e.currentTarget.checked })}
        />
        <label for="ask-first">Always ask before switching providers</label>
      </div>
      <h2>Fallback order</h2>
      {routing.fallbackChain.length === 0 ? (
        <p>The chain is empty: a call stays with the provider it asked for.</p>
      ) : (
        <ChainList
          chain={routing.fallbackChain}
          label={label}
          onChange={(fallbackChain) => update({ fallbackChain })}
        />
      )}
      {addable.length > 0 && (
        <div class="row">
          <SelectField
            label="Add a provider to the chain"
            value={adding}
            onChange={setAdding}
            first={CHOOSE}
            choices={choices}
          />
          <button
            type="button"
            class="secondary"
            disabled={!adding}
            onClick={() => {
              update({ fallbackChain: [...routing.fallbackChain, adding] });
              setAdding('');
            }}
          >
            Add
          </button>
        </div>
      )}
      <SelectField
        label="Routing strategy"
        value={routing.strategy ?? ''}
        onChange={(value) => update({ strategy: (value || undefined) as RoutingView['strategy'] })}
        choices={[
          { value: '', label: STRATEGY_TEXT[''] ?? '' },
          ...strategies.map((name) => ({ value: name, label: `${name}: ${STRATEGY_TEXT[name] ?? name}` })),
        ]}
      />
      <FormFooter
        action={save}
        submit="Save routing"
        busyText="Saving…"
        done={done ? 'Saved. New calls follow it.' : undefined}
      />
    </Form>
  );
}
