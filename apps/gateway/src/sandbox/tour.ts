import type { Emulator } from '@pal/testkit';
import OpenAI from 'openai';
import { GatewayClient } from '../cli/gateway-client.js';
import type { Output } from '../cli/output.js';
import type { SandboxVendor } from './sandbox-providers.js';

/** Where the tour goes: a running gateway, and the emulators behind it (to inject a failure). */
export interface TourTarget {
  url: string;
  /** A gateway key the gateway accepts (`pal-sandbox` in the sandbox). */
  key: string;
  adminToken: string;
  /** The emulator serving each vendor (absent for vendors served by the real service). */
  emulators: Partial<Record<SandboxVendor, Emulator>>;
}

/** The model the tour asks at each vendor. */
export const TOUR_MODELS: Readonly<Record<SandboxVendor, string>> = {
  openai: 'openai/gpt-5.4-mini',
  anthropic: 'anthropic/claude-haiku-4-5',
  gemini: 'gemini/gemini-3.6-flash',
  bedrock: 'bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0',
  ollama: 'ollama/llama3.2',
};

/** What one answer through the gateway came with, from its body's `pal` field and headers. */
interface Served {
  provider: string;
  model: string;
  attempts: number;
  costUsd: string;
  tokens: string;
  text: string;
}

/** What the tour saw, step by step (a test reads it; the narration prints it). */
export interface TourReport {
  perProvider: Served[];
  streamed: { text: string; chunks: number; usage?: { prompt_tokens: number; completion_tokens: number } };
  fallback?: Served;
  budgetRefusal?: { status: number; code?: string; message: string; retryAfter?: string | null };
  costTable: Array<{ provider: string; calls: number; costUsd: number }>;
}

const ASK = 'In one sentence: what does an LLM gateway do?';

/**
 * The sandbox's narrated tour, as a user of the gateway would take it: the official `openai` SDK
 * pointed at the gateway makes one chat per provider, streams an answer, survives an injected
 * failure by falling back, meets a budget refusal, and reads the cost table from the console API.
 */
export async function runTour(target: TourTarget, out: Output): Promise<TourReport> {
  const client = new OpenAI({ baseURL: `${target.url}/v1`, apiKey: target.key, maxRetries: 0 });
  const step = (n: number, title: string) => {
    out.line();
    out.line(out.style('bold', `${n}. ${title}`));
  };

  step(1, 'One question to every provider, through one endpoint (the official openai SDK)');
  const perProvider: Served[] = [];
  for (const model of Object.values(TOUR_MODELS)) {
    const served = await ask(client, { model, messages: [{ role: 'user', content: ASK }] });
    perProvider.push(served);
    out.line(row(out, served));
  }

  step(2, 'Streaming: tokens as they arrive, usage at the end');
  const stream = await client.chat.completions.create({
    model: TOUR_MODELS.anthropic,
    messages: [{ role: 'user', content: 'Tell me about streaming in a few words.' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let usage: TourReport['streamed']['usage'];
  out.stdout.write('   ');
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content ?? '';
    if (delta) {
      chunks++;
      text += delta;
      out.stdout.write(delta);
    }
    if (chunk.usage)
      usage = { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens };
  }
  out.line();
  if (usage)
    out.line(
      out.style('dim', `   ${usage.prompt_tokens} in / ${usage.completion_tokens} out, ${chunks} chunks`),
    );

  step(3, 'A failure: OpenAI answers 500s, the router moves the call to Anthropic');
  let fallback: Served | undefined;
  const openaiEmulator = target.emulators.openai;
  if (openaiEmulator) {
    const failure = { fault: { type: 'error', kind: 'server' } } as const;
    openaiEmulator.script(failure, failure, failure, failure);
    fallback = await ask(client, {
      model: TOUR_MODELS.openai,
      messages: [{ role: 'user', content: ASK }],
      fallbacks: [TOUR_MODELS.anthropic],
    });
    openaiEmulator.reset();
    out.line(
      `   asked ${TOUR_MODELS.openai}, served by ${fallback.provider}/${fallback.model} after ${fallback.attempts} attempts`,
    );
  } else
    out.line(
      out.style(
        'dim',
        '   skipped: OpenAI is the real service here (its key is set), so no failure is injected',
      ),
    );

  step(4, 'A budget: a gateway key with a $0.000001 daily budget is refused before anything is sent');
  const budgetRefusal = await refusedByBudget(target);
  out.line(`   ${budgetRefusal.status} ${budgetRefusal.code ?? ''}: ${budgetRefusal.message}`);
  if (budgetRefusal.retryAfter)
    out.line(
      out.style('dim', `   retry-after: ${budgetRefusal.retryAfter} s (when the day's counter starts again)`),
    );

  step(5, 'What it cost, by provider (from the usage ledger)');
  const usageReport = await adminJson<{ byProvider: TourReport['costTable'] }>(target, '/usage');
  const costTable = usageReport.byProvider.map(({ provider, calls, costUsd }) => ({
    provider,
    calls,
    costUsd,
  }));
  out.table(
    costTable.map((r) => ({ provider: r.provider, calls: r.calls, 'cost $': Number(r.costUsd.toFixed(6)) })),
  );

  return {
    perProvider,
    streamed: { text, chunks, ...(usage && { usage }) },
    ...(fallback && { fallback }),
    budgetRefusal,
    costTable,
  };
}

type ChatBody = OpenAI.ChatCompletionCreateParamsNonStreaming & { fallbacks?: string[] };

async function ask(client: OpenAI, body: ChatBody): Promise<Served> {
  const { data, response } = await client.chat.completions
    .create(body as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
  const usage = data.usage;
  return {
    provider: response.headers.get('x-pal-provider') ?? '?',
    model: response.headers.get('x-pal-model') ?? data.model,
    attempts: Number(response.headers.get('x-pal-attempts') ?? 1),
    costUsd: response.headers.get('x-pal-cost-usd') ?? '?',
    tokens: usage ? `${usage.prompt_tokens} in / ${usage.completion_tokens} out` : '',
    text: data.choices[0]?.message.content ?? '',
  };
}

function row(out: Output, served: Served): string {
  const answer = served.text.length > 44 ? `${served.text.slice(0, 41)}...` : served.text;
  return `   ${`${served.provider}/${served.model}`.padEnd(52)} ${served.tokens.padEnd(18)} $${served.costUsd.padEnd(12)} ${out.style('dim', JSON.stringify(answer))}`;
}

async function refusedByBudget(target: TourTarget): Promise<NonNullable<TourReport['budgetRefusal']>> {
  const created = await adminJson<{ key: string }>(target, '/keys', {
    name: 'tour: tiny budget',
    dailyUsd: 0.000001,
  });
  const response = await fetch(`${target.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: TOUR_MODELS.openai, messages: [{ role: 'user', content: ASK }] }),
  });
  const body = (await response.json()) as {
    error?: { message?: string; code?: string; pal?: { userMessage?: string } };
  };
  return {
    status: response.status,
    ...(body.error?.code && { code: body.error.code }),
    message: body.error?.pal?.userMessage ?? body.error?.message ?? '',
    retryAfter: response.headers.get('retry-after'),
  };
}

/** The console API with the admin token, through the CLI's own client (errors as it reports them). */
function adminJson<T>(target: TourTarget, path: string, body?: unknown): Promise<T> {
  const admin = new GatewayClient({ url: target.url, adminToken: target.adminToken });
  return admin.api<T>(body === undefined ? 'GET' : 'POST', path, body);
}
