import { loadCatalog } from '../../data/catalog-data.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { ModelPicker } from './ModelPicker.js';

/** Models: every provider's models with prices, and the default each provider serves. */
export function ModelsScreen() {
  const catalog = useAsync((signal) => loadCatalog(signal), []);
  return (
    <>
      <h1 tabIndex={-1}>Models</h1>
      <p>Pick the model each provider serves by default. Prices are per million tokens.</p>
      <AsyncView handle={catalog} label="the models">
        {(data) => (
          <ModelPicker
            models={data.models}
            providerNames={data.providerNames}
            current={data.current}
            run={data.run}
            onChanged={catalog.reload}
          />
        )}
      </AsyncView>
    </>
  );
}
