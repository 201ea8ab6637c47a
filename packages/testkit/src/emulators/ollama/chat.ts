import type { NeutralRequest, PlannedAnswer } from '../../emulator/defaults.js';
import { planAnswer, splitIntoChunks } from '../../emulator/defaults.js';
import type { ScriptStep, VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { ollamaError } from './errors.js';
import { type OllamaEmulatedModel, findModel } from './models.js';

interface OllamaMessage {
  role?: string;
  content?: string;
  images?: string[];
  tool_calls?: unknown[];
}

/** The fields of an Ollama `/api/chat` body the emulator reads (unchecked: it comes off the wire). */
export interface OllamaChatBody {
  model?: unknown;
  messages?: OllamaMessage[];
  tools?: Array<{ function?: { name?: string; parameters?: unknown } }>;
  format?: unknown;
  options?: { num_predict?: unknown };
  stream?: boolean;
  think?: unknown;
}

/** The vendor-neutral view of an Ollama `/api/chat` body, for the answer planner. */
export function neutralChatRequest(body: OllamaChatBody): NeutralRequest {
  const messages: OllamaMessage[] = Array.isArray(body.messages) ? body.messages : [];
  const text = (m: OllamaMessage | undefined) => (typeof m?.content === 'string' ? m.content : '');
  const last = messages.at(-1);
  const lastIsToolResult = last?.role === 'tool';
  const lastUser = lastIsToolResult ? last : [...messages].reverse().find((m) => m.role === 'user');
  const tools: Array<{ function?: { name?: string; parameters?: unknown } }> = Array.isArray(body.tools)
    ? body.tools
    : [];
  const toolNames = tools.map((t) => t.function?.name).filter((n): n is string => typeof n === 'string');
  const toolSchemas = Object.fromEntries(tools.map((t) => [t.function?.name ?? '', t.function?.parameters]));
  const format = body.format;
  return {
    lastUserText: text(lastUser),
    promptText: messages.map(text).join('\n'),
    toolNames,
    toolSchemas,
    ...(typeof format === 'object' && format !== null && { jsonSchema: format }),
    wantsJson: format === 'json' || (typeof format === 'object' && format !== null),
    lastIsToolResult,
    imageCount: messages.reduce((n, m) => n + (Array.isArray(m.images) ? m.images.length : 0), 0),
  };
}

/** Checks a chat body the way Ollama does; returns its error reply, or the served model. */
export function validateChatBody(
  body: OllamaChatBody | undefined,
  models: readonly OllamaEmulatedModel[],
): { error: VendorReply } | { model: OllamaEmulatedModel } {
  if (!body || typeof body !== 'object') return { error: ollamaError(400, 'missing request body') };
  if (typeof body.model !== 'string' || body.model === '')
    return { error: ollamaError(400, 'model is required') };
  const model = findModel(models, body.model);
  if (!model) return { error: ollamaError(404, `model "${body.model}" not found, try pulling it first`) };
  if (!model.capabilities.includes('completion')) {
    return { error: ollamaError(400, `"${body.model}" does not support chat`) };
  }
  if (body.messages !== undefined && !Array.isArray(body.messages)) {
    return {
      error: ollamaError(400, 'json: cannot unmarshal object into Go struct field ChatRequest.messages'),
    };
  }
  if (Array.isArray(body.tools) && body.tools.length > 0 && !model.capabilities.includes('tools')) {
    return {
      error: ollamaError(400, `registry.ollama.ai/library/${model.name}:latest does not support tools`),
    };
  }
  if (body.think === true && !model.capabilities.includes('thinking')) {
    return {
      error: ollamaError(400, `registry.ollama.ai/library/${model.name}:latest does not support thinking`),
    };
  }
  return { model };
}

/** Applies `options.num_predict`: a longer default answer is cut and finishes with `length`. */
function applyNumPredict(plan: PlannedAnswer, body: OllamaChatBody, step: ScriptStep): PlannedAnswer {
  const limit = body.options?.num_predict;
  if (typeof limit !== 'number' || limit <= 0 || step.finishReason || plan.usage.outputTokens <= limit)
    return plan;
  if (plan.toolCalls.length > 0) return plan;
  const text = plan.text.slice(0, limit * 4);
  return {
    ...plan,
    text,
    finish: 'length',
    usage: { ...plan.usage, outputTokens: limit },
    textChunks: splitIntoChunks(text, step.chunks ?? 3),
  };
}

/** The planned answer to an `/api/chat` body. */
export function planChatAnswer(body: OllamaChatBody, step: ScriptStep): PlannedAnswer {
  return applyNumPredict(planAnswer(neutralChatRequest(body), step), body, step);
}

/** Ollama's counters and nanosecond durations for the final (`done: true`) object. */
function doneFields(plan: PlannedAnswer, step: ScriptStep) {
  const promptEval = plan.usage.inputTokens * 1_000_000;
  const evalDuration = plan.usage.outputTokens * 20_000_000;
  return {
    done_reason: step.finishReason ?? (plan.finish === 'length' ? 'length' : 'stop'),
    done: true,
    total_duration: 3_000_000 + promptEval + evalDuration,
    load_duration: 3_000_000,
    prompt_eval_count: plan.usage.inputTokens,
    prompt_eval_duration: promptEval,
    eval_count: plan.usage.outputTokens,
    eval_duration: evalDuration,
  };
}

/** Ollama's tool-call shape: arguments as an object, plus the `id` and `index` newer servers add. */
function wireToolCalls(plan: PlannedAnswer) {
  return plan.toolCalls.map((c, index) => ({
    id: c.id,
    function: { index, name: c.name, arguments: c.arguments },
  }));
}

/** Answers `POST /api/chat`: NDJSON lines unless `stream: false`, then one JSON object. */
export function handleChat(ctx: VendorRequestContext, models: readonly OllamaEmulatedModel[]): VendorReply {
  const checked = validateChatBody(ctx.body, models);
  if ('error' in checked) return checked.error;
  const body = ctx.body as OllamaChatBody;
  const head = () => ({ model: body.model as string, created_at: new Date().toISOString() });
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    const loaded = {
      ...head(),
      message: { role: 'assistant', content: '' },
      done_reason: 'load',
      done: true,
    };
    return { kind: 'json', status: 200, body: loaded };
  }
  const plan = planChatAnswer(body, ctx.step);
  const toolCalls = wireToolCalls(plan);
  if (body.stream === false) {
    const message = {
      role: 'assistant',
      content: plan.text,
      ...(plan.reasoning !== undefined && { thinking: plan.reasoning }),
      ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    };
    return {
      kind: 'json',
      status: 200,
      body: { ...head(), message, ...doneFields(plan, ctx.step) },
    };
  }
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  const part = (message: Record<string, unknown>) =>
    line({ ...head(), message: { role: 'assistant', content: '', ...message }, done: false });
  const frames: string[] = [];
  if (plan.reasoning)
    for (const piece of splitIntoChunks(plan.reasoning, 2)) frames.push(part({ thinking: piece }));
  for (const piece of plan.textChunks) frames.push(part({ content: piece }));
  if (toolCalls.length > 0) frames.push(part({ tool_calls: toolCalls }));
  frames.push(
    line({ ...head(), message: { role: 'assistant', content: '' }, ...doneFields(plan, ctx.step) }),
  );
  return {
    kind: 'stream',
    status: 200,
    contentType: 'application/x-ndjson',
    frames,
  };
}
