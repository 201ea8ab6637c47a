import { listProviders } from '../../api/console-api.js';
import { href } from '../../state/route.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { ProviderRow } from './ProviderRow.js';

/** Providers: every connected provider with enable / disable, edit, rotate, remove and last validated. */
export function ProvidersScreen() {
  const providers = useAsync((signal) => listProviders(signal), []);
  return (
    <>
      <h1 tabIndex={-1}>Providers</h1>
      <p>
        <a class="button" href={href(['setup'])}>
          + Add Provider
        </a>
      </p>
      <AsyncView handle={providers} label="the providers">
        {(list) =>
          list.length === 0 ? (
            <p>No provider yet.</p>
          ) : (
            <ul class="providers">
              {list.map((provider) => (
                <ProviderRow key={provider.id} provider={provider} onChanged={providers.reload} />
              ))}
            </ul>
          )
        }
      </AsyncView>
    </>
  );
}
