import { listBudgets, listProviders } from '../../api/console-api.js';
import { AsyncView } from '../../ui/AsyncView.js';
import { useAsync } from '../../ui/use-async.js';
import { BudgetForm } from './BudgetForm.js';
import { loadTogether } from '../../data/load-together.js';

/** Budgets: the overall limits and each provider's, with what is spent against them. */
export function BudgetsScreen() {
  const data = useAsync(
    (signal) => loadTogether({ budgets: listBudgets, providers: listProviders }, signal),
    [],
  );
  return (
    <>
      <h1 tabIndex={-1}>Budgets</h1>
      <p>
        A call that could pass a limit is refused before it is sent, so a bill never surprises you. You are
        alerted when spend reaches the threshold.
      </p>
      <AsyncView handle={data} label="the budgets">
        {({ budgets, providers }) => (
          <>
            <BudgetForm
              key="overall"
              title="All providers"
              saved={budgets.find((b) => b.provider === undefined)}
              onSaved={data.reload}
            />
            {providers.map((p) => (
              <BudgetForm
                key={p.id}
                title={p.displayName ?? p.id}
                provider={p.id}
                saved={budgets.find((b) => b.provider === p.id)}
                onSaved={data.reload}
              />
            ))}
          </>
        )}
      </AsyncView>
    </>
  );
}
