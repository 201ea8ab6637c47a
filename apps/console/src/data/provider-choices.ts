import type { ProviderView } from '../api/types.js';
import type { Choice } from '../ui/SelectField.js';

/** Providers as the choices of a drop-down: their id, shown by their name. */
export function providerChoices(providers: readonly ProviderView[]): Choice[] {
  return providers.map((p) => ({ value: p.id, label: p.displayName ?? p.id }));
}
