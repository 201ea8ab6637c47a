/**
 * Recipe: reading a PalError.
 *
 * Everything PAL throws is a `PalError` (test with `isPalError(e)`, which also recognises one
 * from another copy of @pal/core). What to read on it:
 * - `code`: stable, for your program to branch on (`MODEL_NOT_FOUND`, `INVALID_REQUEST`,
 *   `PROVIDER_AUTH_ERROR`, `BUDGET_EXCEEDED`…; the table is in packages/core/README.md).
 * - `userMessage`: a sentence you can show to a person as it is.
 * - `action`: what to offer next to it (`pick-another-model`, `fix-request`, `re-enter-key`…).
 * - `retryable`: whether trying again later may succeed (the retry policy already did, if on).
 * - `path`: for bad input, the field at fault (`['model']`, `['messages', 0, 'content']`).
 * - `provider`, `model`, `status`, `details`; `message` is for logs. `toJSON()` never holds a secret.
 *
 * Three mistakes below: a typo in the model name and an unknown field are caught before anything
 * is sent; a wrong API key comes back from the vendor as a 401 and is mapped to the same shape.
 *
 * Run on its own (starts a local OpenAI emulator, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/reading-an-error.ts
 */
import { pathToFileURL } from 'node:url';
import { type ChatRequestInput, createRuntime, isPalError, type PalError } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';

export interface ReadingAnErrorEnv {
  /** Where an OpenAI-compatible server listens (origin, no path). */
  openaiURL: string;
  print?: (line: string) => void;
}

export async function main({ openaiURL, print = console.log }: ReadingAnErrorEnv) {
  const baseURL = `${openaiURL}/v1`;
  const pal = createRuntime({ providers: [openai({ apiKey: 'sk-local', baseURL })] });
  const wrongKey = createRuntime({ providers: [openai({ apiKey: 'bad-key', baseURL })] });
  const messages = [{ role: 'user' as const, content: 'Hi' }];

  /** Runs one call that should fail, and prints what its PalError says. */
  async function failure(label: string, call: () => Promise<unknown>): Promise<PalError> {
    try {
      await call();
    } catch (error) {
      if (!isPalError(error)) throw error; // not PAL's: a bug in this program
      print(`${label}:`);
      const fields: Array<[string, unknown]> = [
        ['code', error.code],
        ['userMessage', error.userMessage],
        ['action', error.action],
        ['retryable', error.retryable],
        ['path', error.path ? JSON.stringify(error.path) : '(none)'],
        ['status', error.status ?? '(none: no HTTP answer)'],
      ];
      for (const [name, value] of fields) print(`  ${name.padEnd(12)}${String(value)}`);
      return error;
    }
    throw new Error(`${label}: the call succeeded`);
  }

  try {
    const typo = await failure('a typo in the model name', () =>
      pal.chat({ model: 'openai/gpt-5.4-mnii', messages }),
    );
    // e.g. a body received as JSON: TypeScript cannot catch the misspelt field, PAL does
    const body = JSON.parse(
      '{ "model": "openai/gpt-5.4-mini", "messages": [{ "role": "user", "content": "Hi" }], "temprature": 0.2 }',
    ) as ChatRequestInput;
    const unknownField = await failure('an unknown field', () => pal.chat(body));
    const badKey = await failure('a wrong API key', () =>
      wrongKey.chat({ model: 'openai/gpt-5.4-mini', messages }),
    );
    return { typo, unknownField, badKey };
  } finally {
    await Promise.all([pal.close(), wrongKey.close()]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const emulator = await startEmulator('openai');
  try {
    await main({ openaiURL: emulator.url });
  } finally {
    await emulator.close();
  }
}
