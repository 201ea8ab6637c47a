/**
 * PAL demo: one runtime over five providers, each served by a local emulator of its vendor
 * (the official SDKs talk real HTTP to 127.0.0.1; no keys, no internet).
 */
import { type ChatResult, createRuntime, isPalError } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { bedrock } from '@pal/provider-bedrock';
import { gemini } from '@pal/provider-gemini';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';

const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const usd = (n: number) => `$${n.toFixed(6)}`;

function section(title: string): void {
  console.log(`\n${bold(title)}`);
}

function row(result: ChatResult): string {
  const text = result.text.length > 48 ? `${result.text.slice(0, 45)}...` : result.text;
  return `  ${result.provider.padEnd(10)} ${result.model.padEnd(44)} ${String(result.usage.inputTokens).padStart(4)} in ${String(result.usage.outputTokens).padStart(4)} out  ${usd(result.cost.totalUsd)}  ${dim(JSON.stringify(text))}`;
}

async function main(): Promise<void> {
  // The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22; not news for a demo.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const vendors = ['openai', 'anthropic', 'gemini', 'bedrock', 'ollama'] as const;
  const emulators = Object.fromEntries(
    await Promise.all(vendors.map(async (v) => [v, await startEmulator(v)] as const)),
  ) as Record<(typeof vendors)[number], Emulator>;
  const key = 'sk-demo-0000000000000000vX2Q';
  const providers = [
    openai({ apiKey: key, baseURL: `${emulators.openai.url}/v1` }),
    anthropic({ apiKey: key, baseURL: emulators.anthropic.url }),
    gemini({ apiKey: key, baseURL: emulators.gemini.url }),
    bedrock({
      endpoint: emulators.bedrock.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDDEMO', secretAccessKey: 'demo-secret' },
    }),
    ollama({ baseURL: emulators.ollama.url }),
  ];
  const pal = createRuntime({ providers, policies: { retry: { maxAttempts: 3, baseDelayMs: 100 } } });

  try {
    console.log(bold('PAL demo: one runtime, five providers, local vendor emulators'));
    for (const [vendor, emulator] of Object.entries(emulators))
      console.log(dim(`  ${vendor.padEnd(10)} ${emulator.url}`));

    section('1. Estimate before calling (tokens and USD range from the catalog)');
    const question = {
      role: 'user' as const,
      content: 'In one sentence: why do LLM gateways retry with jitter?',
    };
    const estimate = await pal.estimate({
      model: 'openai/gpt-4o',
      messages: [question],
      maxOutputTokens: 200,
    });
    console.log(
      `  openai/gpt-4o: ~${estimate.inputTokens} input tokens, up to ${estimate.maxOutputTokens} output: ${usd(estimate.minUsd)} .. ${usd(estimate.maxUsd)}`,
    );

    section('2. The same request to every provider');
    const models = [
      'openai/gpt-4o-mini',
      'anthropic/claude-haiku-4-5',
      'gemini/gemini-2.5-flash',
      'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      'ollama/llama3.2',
    ];
    for (const model of models) console.log(row(await pal.chat({ model, messages: [question] })));

    section('3. Streaming (Anthropic): deltas as they arrive, usage and cost at the end');
    process.stdout.write('  ');
    const stream = pal.stream({
      model: 'anthropic/claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Tell me about streaming.' }],
    });
    for await (const event of stream) {
      if (event.type === 'text-delta') process.stdout.write(event.text);
      if (event.type === 'finish')
        console.log(
          dim(
            `\n  finish=${event.finishReason} usage=${event.usage.totalTokens} tokens cost=${usd(event.cost.totalUsd)}`,
          ),
        );
    }

    section('4. A tool call and its result (OpenAI)');
    const tools = [
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const ask = { role: 'user' as const, content: 'Use get_weather for Paris' };
    const first = await pal.chat({ model: 'openai/gpt-4o', messages: [ask], tools });
    const call = first.toolCalls[0]!;
    console.log(`  model asked for ${call.name}(${JSON.stringify(call.arguments)})`);
    const second = await pal.chat({
      model: 'openai/gpt-4o',
      tools,
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.id, content: '18°C, clear' },
      ],
    });
    console.log(`  answer: ${second.text}`);

    section('5. A 429 with retry-after: 1 (the kernel waits and retries; the SDK retries nothing)');
    emulators.openai.script({
      fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '1' } },
    });
    const started = Date.now();
    const retried = await pal.chat({ model: 'openai/gpt-4o-mini', messages: [question] });
    console.log(`  succeeded after ${retried.attempts.length} attempts in ${Date.now() - started} ms`);
    for (const attempt of retried.attempts)
      console.log(dim(`    attempt ${attempt.attempt}: ${attempt.error ? attempt.error.code : 'ok'}`));

    section('6. A wrong key gives a typed error with a message for people (and no secret)');
    const wrong = createRuntime({
      providers: [openai({ apiKey: 'bad-key', baseURL: `${emulators.openai.url}/v1` })],
    });
    try {
      await wrong.chat({ model: 'openai/gpt-4o', messages: [question] });
    } catch (error) {
      if (!isPalError(error)) throw error;
      console.log(`  ${error.code}: "${error.userMessage}" (action: ${error.action})`);
    }

    section('7. A hard budget refuses a call before it is sent');
    const frugal = createRuntime({
      providers: [providers[0]!],
      policies: { budget: { global: { dailyUsd: 0.001 } } },
    });
    const before = emulators.openai.requests.length;
    try {
      await frugal.chat({ model: 'openai/gpt-4o', messages: [question], maxOutputTokens: 4000 });
    } catch (error) {
      if (!isPalError(error)) throw error;
      console.log(`  ${error.code}: ${error.message}`);
      console.log(dim(`  requests sent upstream: ${emulators.openai.requests.length - before}`));
    }

    section('8. Bad input fails fast, naming the path');
    try {
      await pal.chat({
        model: 'openai/gpt-4o',
        messages: [{ role: 'user', content: 42 as unknown as string }],
      });
    } catch (error) {
      if (!isPalError(error)) throw error;
      console.log(`  ${error.code}: ${error.message}`);
    }
    console.log(`\n${dim('Secrets stay masked:')} ${JSON.stringify(pal).slice(0, 160)}...`);
  } finally {
    await pal.close?.();
    await Promise.all(Object.values(emulators).map((e) => e.close()));
  }
}

main().catch((error: unknown) => {
  console.error(isPalError(error) ? error.toJSON() : error);
  process.exitCode = 1;
});
