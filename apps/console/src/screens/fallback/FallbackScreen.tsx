import { useState } from 'preact/hooks';
import { getRouting, listProviders, saveRouting } from '../../api/console-api.js';
import type { ProviderView, RoutingView } from '../../api/types.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import { useAction } from '../../ui/use-action.js';
import { useAsync } from '../../ui/use-async.js';
import { ChainList } from './ChainList.js';

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

/** Fallback: the chain (drag to reorder), auto-fallback, ask before switching, and the strategy. */
export function FallbackScreen() {
  const data = useAsync(async (signal) => {
    const [routing, providers] = await Promise.all([getRouting(signal), listProviders(signal)]);
    return { routing, providers };
  }, []);
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
  const strategies = routing.strategies ?? Object.keys(STRATEGY_TEXT).filter(Boolean);
  return (
    <form
      class="panel"
      aria-label="Routing settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
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
          <div class="field">
            <label for="chain-add">Add a provider to the chain</label>
            <select id="chain-add" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
              <option value="">Choose…</option>
              {addable.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName ?? p.id}
                </option>
              ))}
            </select>
          </div>
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
      <div class="field">
        <label for="strategy">Routing strategy</label>
        <select
          id="strategy"
          value={routing.strategy ?? ''}
          onChange={(e) => update({ strategy: e.currentTarget.value || undefined })}
        >
          <option value="">{STRATEGY_TEXT['']}</option>
          {strategies.map((s) => (
            <option key={s} value={s}>
              {s}: {STRATEGY_TEXT[s] ?? s}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save routing'}
        </button>
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      {done && !save.busy && (
        <p class="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>Saved. New calls follow it.
        </p>
      )}
    </form>
  );
}
