import { refuseUnknownFields } from '../http/unknown-fields.js';
import { invalidField } from '../http/invalid-field.js';
import { chatRequestShape } from './chat-request-schema.js';
import { FIELD_POLICY } from './field-policy.js';

const KNOWN = [...Object.keys(chatRequestShape), ...Object.keys(FIELD_POLICY)];

/**
 * Applies the field policy to a chat body's top-level keys: a refused field, or a key OpenAI does
 * not define (OpenAI itself answers 400 "Unrecognized request argument"), is a 400 naming it;
 * each ignored field gives a note for `x-pal-warnings`.
 */
export function checkFields(body: Record<string, unknown>): string[] {
  refuseUnknownFields(body, KNOWN);
  const notes: string[] = [];
  for (const [key, policy] of Object.entries(FIELD_POLICY)) {
    const verdict = policy(body[key]);
    if (verdict && 'refuse' in verdict) throw invalidField([key], verdict.refuse);
    if (verdict) notes.push(verdict.ignore);
  }
  return notes;
}
