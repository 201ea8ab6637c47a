/** Loaders by name, each taking the abort signal. */
type Loaders = Record<string, (signal?: AbortSignal) => Promise<unknown>>;

/** What {@link loadTogether} answers: each loader's result under its name. */
export type Loaded<T extends Loaders> = { [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs several calls a screen needs at once and answers their results by name; the first failure
 * fails it all (the screen shows that error and a Retry).
 * @example const { budgets, providers } = await loadTogether({ budgets: listBudgets, providers: listProviders }, signal);
 */
export async function loadTogether<T extends Loaders>(loaders: T, signal?: AbortSignal): Promise<Loaded<T>> {
  const names = Object.keys(loaders);
  const results = await Promise.all(names.map((name) => loaders[name]?.(signal)));
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as Loaded<T>;
}
