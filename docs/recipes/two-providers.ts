/**
 * Recipe: two providers in one runtime.
 *
 * One `createRuntime` holds OpenAI and Anthropic; the model ref (`"openai/…"`, `"anthropic/…"`)
 * picks the provider, and the result has the same shape whichever answered (text, usage, cost).
 *
 * The base URL rule, which differs between the two official SDKs:
 * - OpenAI: `baseURL` is the API root *with* its version, `https://api.openai.com/v1`; the SDK
 *   appends `/chat/completions`. Pointing it at a proxy or an emulator, keep the `/v1`.
 * - Anthropic: `baseURL` is the origin only, `https://api.anthropic.com`; the SDK appends
 *   `/v1/messages` itself. Adding `/v1` there sends requests to `/v1/v1/messages`.
 * Leave `baseURL` out to talk to the real APIs (the keys come from OPENAI_API_KEY and
 * ANTHROPIC_API_KEY when `apiKey` is left out too).
 *
 * Run on its own (starts local vendor emulators, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/two-providers.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';

export interface TwoProvidersEnv {
  /** Where an OpenAI-compatible server listens (origin, no path), e.g. `http://127.0.0.1:4010`. */
  openaiURL: string;
  /** Where an Anthropic-compatible server listens (origin), e.g. `http://127.0.0.1:4011`. */
  anthropicURL: string;
  print?: (line: string) => void;
}

export async function main({ openaiURL, anthropicURL, print = console.log }: TwoProvidersEnv) {
  const pal = createRuntime({
    providers: [
      openai({ apiKey: 'sk-local', baseURL: `${openaiURL}/v1` }), // OpenAI: the base URL ends in /v1
      anthropic({ apiKey: 'sk-ant-local', baseURL: anthropicURL }), // Anthropic: the origin only
    ],
  });
  try {
    const answers = [];
    for (const model of ['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5']) {
      const result = await pal.chat({
        model,
        messages: [{ role: 'user', content: 'Name one planet.' }],
      });
      print(
        `${result.provider}/${result.model}: ${result.text} ` +
          `(${result.usage.totalTokens} tokens, $${result.cost.totalUsd.toFixed(6)})`,
      );
      answers.push({
        provider: result.provider,
        model: result.model,
        text: result.text,
        totalTokens: result.usage.totalTokens,
        costUsd: result.cost.totalUsd,
      });
    }
    return answers;
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [oai, ant] = await Promise.all([startEmulator('openai'), startEmulator('anthropic')]);
  try {
    await main({ openaiURL: oai.url, anthropicURL: ant.url });
  } finally {
    await Promise.all([oai.close(), ant.close()]);
  }
}
