import type { KeyInput } from '../../api/types.js';

/** The create-key form as typed. */
export interface KeyDraft {
  name: string;
  models: string;
  rpm: string;
  dailyUsd: string;
  monthlyUsd: string;
}

/** An empty form. */
export const EMPTY_KEY: KeyDraft = { name: '', models: '', rpm: '', dailyUsd: '', monthlyUsd: '' };

/** The key to create from the form, or the first problem in words. */
export function keyInputOf(draft: KeyDraft): { input: KeyInput } | { problem: string } {
  const name = draft.name.trim();
  if (!name) return { problem: 'Name who or what the key is for.' };
  const input: KeyInput = { name };
  const models = draft.models
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (models.length > 0) input.allowedModels = models;
  const numbers: Array<[keyof KeyDraft, 'requestsPerMinute' | 'dailyUsd' | 'monthlyUsd', string]> = [
    ['rpm', 'requestsPerMinute', 'Requests per minute'],
    ['dailyUsd', 'dailyUsd', 'The daily budget'],
    ['monthlyUsd', 'monthlyUsd', 'The monthly budget'],
  ];
  for (const [field, name, what] of numbers) {
    const raw = draft[field].trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) return { problem: `${what} must be a number ≥ 0.` };
    input[name] = name === 'requestsPerMinute' ? Math.round(value) : value;
  }
  return { input };
}
