import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, RETRYABLE_CODES } from './error-code.js';
import { PalError } from './pal-error.js';
import { suggestedActionFor, userMessageFor } from './user-message.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's error table, one row of cells per code (between the error-table markers). */
function tableRows(): Map<string, string[]> {
  const table = readme.split('<!-- error-table:start -->')[1]?.split('<!-- error-table:end -->')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of table.split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\|\s*|\s*\|$/g, '').trim());
    const code = cells[0]?.match(/^`([A-Z_]+)`$/)?.[1];
    if (code) rows.set(code, cells);
  }
  return rows;
}

describe('the core README documents every error', () => {
  const rows = tableRows();

  it('has one row per code, in ERROR_CODES order', () => {
    expect([...rows.keys()]).toEqual([...ERROR_CODES]);
  });

  it.each(ERROR_CODES)('%s: retryable, action and default userMessage match the code', (code) => {
    const [, when, retryable, action, userMessage] = rows.get(code) ?? [];
    expect(when?.length).toBeGreaterThan(20);
    expect(retryable).toBe(RETRYABLE_CODES.has(code) ? 'yes' : 'no');
    expect(action).toBe(`\`${suggestedActionFor(code)}\``);
    expect(userMessage).toBe(userMessageFor({ code, provider: 'openai', model: 'gpt-5.4' }));
  });

  it('lists every field an error carries', () => {
    const error = new PalError({
      code: 'PROVIDER_RATE_LIMIT_ERROR',
      message: 'm',
      retryAfterMs: 1,
      provider: 'openai',
      model: 'gpt-5.4',
      status: 429,
      path: ['model'],
      details: {},
      alternativeModel: 'gpt-5.4-mini',
      cause: new Error('c'),
    });
    const fields = readme.split('### Fields')[1]?.split('### Codes')[0] ?? '';
    for (const key of Object.keys(error.toJSON()).filter((key) => key !== 'name'))
      expect(fields, key).toContain(`| \`${key}\``);
  });
});
