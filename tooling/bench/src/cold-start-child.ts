/**
 * One cold start, in a fresh `node` process spawned by the cold-start benchmark
 * (`scenarios/cold-start.ts`): `node dist/cold-start-child.js <contender> <mode> [baseURL]`.
 *
 * - `import`: imports the contender's packages (as an application's first lines would) and prints
 *   `{"importMs": …, "cpuMs": …}`: the milliseconds those imports took, and the CPU time used so far.
 * - `answer`: imports, creates a client for the OpenAI emulator at `baseURL`, makes one chat call and
 *   prints `{"importMs": …, "cpuMs": …, "answer": "…"}` as soon as the answer is in; the parent times
 *   spawn → that line.
 *
 * Contenders: `pal` (`@pal/core` + `@pal/provider-openai`), `ai-sdk` (`ai` + `@ai-sdk/openai`), `openai`
 * (the official SDK alone), `node` (imports nothing; an answer mode that prints at once: the floor of
 * process start). The packages stay external in the build (tsup), so they load as installed.
 * @module
 */

const MODEL = 'gpt-4o-mini';
const SYSTEM = { role: 'system' as const, content: 'You are a concise assistant.' };
const USER = { role: 'user' as const, content: 'What is the capital of France?' };
const MESSAGES = [SYSTEM, USER];
/** A key the emulator accepts; not a secret. */
const KEY = 'sk-bench-emulator-key';

type Ask = () => Promise<string>;

/** Imports the contender's packages and returns how to make its one call. */
async function load(contender: string, baseURL: string): Promise<Ask> {
  switch (contender) {
    case 'pal': {
      const [{ createRuntime }, { openai }] = await Promise.all([
        import('@pal/core'),
        import('@pal/provider-openai'),
      ]);
      return async () => {
        const runtime = createRuntime({ providers: [openai({ apiKey: KEY, baseURL })] });
        return (await runtime.chat({ model: `openai/${MODEL}`, messages: MESSAGES })).text;
      };
    }
    case 'ai-sdk': {
      const [{ generateText }, { createOpenAI }] = await Promise.all([
        import('ai'),
        import('@ai-sdk/openai'),
      ]);
      return async () => {
        const provider = createOpenAI({ apiKey: KEY, baseURL });
        // Chat Completions, as the other two use (the bare `provider(id)` would pick the Responses API)
        // the system prompt as the AI SDK wants it (in `messages` it warns on every call)
        const result = await generateText({
          model: provider.chat(MODEL),
          system: SYSTEM.content,
          messages: [USER],
          maxRetries: 0,
        });
        return result.text;
      };
    }
    case 'openai': {
      const { default: OpenAI } = await import('openai');
      return async () => {
        const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0 });
        const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });
        return completion.choices[0]?.message.content ?? '';
      };
    }
    case 'node':
      return async () => '';
    default:
      throw new Error(`cold-start-child: unknown contender "${contender}"`);
  }
}

const [contender = '', mode = 'import', baseURL = ''] = process.argv.slice(2);
const started = performance.now();
const ask = await load(contender, baseURL);
const importMs = performance.now() - started;
/** CPU time (user + system) the process has used since it started, in ms: steadier than wall time on a busy machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
if (mode === 'answer') {
  const answer = await ask();
  process.stdout.write(`${JSON.stringify({ importMs, cpuMs: cpuMs(), answer })}\n`);
} else {
  process.stdout.write(`${JSON.stringify({ importMs, cpuMs: cpuMs() })}\n`);
}
// keep-alive sockets and pools would hold the process open; the parent has what it timed
process.exit(0);

export {};
