import { closestMatch } from '@pal/core/provider';
import { invalidField } from './invalid-field.js';

/**
 * Refuses a body key outside `known` with a 400 naming it and the closest known key
 * (`temprature` → did you mean "temperature"?), as the vendors' own APIs refuse unknown arguments.
 * (A strict zod object would say "unknown key" about the object, not name the key as the field.)
 */
export function refuseUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (known.includes(key)) continue;
    const hint = closestMatch(key, known);
    throw invalidField([key], `unknown field${hint ? `; did you mean "${hint}"?` : ''}`);
  }
}
