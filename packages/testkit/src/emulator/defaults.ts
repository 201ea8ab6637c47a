import { createHash } from 'node:crypto';
import { sampleFromSchema, sampleToolArguments } from './sample-value.js';
import type { ScriptStep } from './types.js';

/** A vendor-neutral view of a request, which each vendor emulator extracts from its own body. */
export interface NeutralRequest {
  /** The last user text, or '' when none. */
  lastUserText: string;
  /** All text in the prompt (system, messages, tool results), for token counting. */
  promptText: string;
  /** Names of the tools offered (empty when none). */
  toolNames: string[];
  /** JSON Schemas of the offered tools' parameters, by name. */
  toolSchemas?: Record<string, unknown>;
  /** The requested JSON Schema for structured output, if any. */
  jsonSchema?: unknown;
  /** True when JSON output was requested (with or without a schema). */
  wantsJson?: boolean;
  /** True when the last message is a tool result (so the answer should be text). */
  lastIsToolResult?: boolean;
  /** Number of images in the prompt. */
  imageCount?: number;
}

/** What the emulator will answer with, derived from the request and the script step. */
export interface PlannedAnswer {
  text: string;
  toolCalls: Array<{ id: string; name: string; arguments: Record<string, unknown> }>;
  reasoning?: string;
  usage: {
    inputTokens: number;
    outputTokens: number;
    cachedInputTokens: number;
    cacheWriteTokens: number;
    cacheWrite1hTokens: number;
    reasoningTokens: number;
  };
  /** Canonical finish: 'stop' | 'length' | 'tool-calls'; vendors translate (or use step.finishReason verbatim). */
  finish: 'stop' | 'length' | 'tool-calls';
  /** The text split into `chunks` pieces for streaming (concatenates to `text`). */
  textChunks: string[];
}

/** Deterministic token count: ~1 token per 4 characters, at least 1 for non-empty text. */
export function countTokens(text: string): number {
  if (!text) return 0;
  return Math.max(1, Math.ceil(text.length / 4));
}

/** True when the prompt asks for a tool call ("use", "call", "weather", or names a tool). */
export function promptAsksForTool(req: NeutralRequest): boolean {
  if (req.toolNames.length === 0 || req.lastIsToolResult) return false;
  const text = req.lastUserText.toLowerCase();
  return (
    /\b(use|call|invoke|tool|function)\b/.test(text) ||
    req.toolNames.some((n) => text.includes(n.toLowerCase()))
  );
}

/** Splits `text` into `n` non-empty pieces (fewer if the text is shorter) that concatenate to it. */
export function splitIntoChunks(text: string, n: number): string[] {
  if (!text) return [];
  const count = Math.max(1, Math.min(n, text.length));
  const size = Math.ceil(text.length / count);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A deterministic unit-length embedding of `text` with `dimensions` components. */
export function embeddingFor(text: string, dimensions: number): number[] {
  const out: number[] = [];
  let block = 0;
  while (out.length < dimensions) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && out.length < dimensions; i += 2) {
      out.push((digest.readUInt16LE(i) / 65535) * 2 - 1);
    }
    block++;
  }
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0)) || 1;
  return out.map((v) => v / norm);
}

/** A short deterministic id with a vendor prefix (`chatcmpl-…`, `msg_…`, `call_…`). */
export function deterministicId(prefix: string, seed: string): string {
  return `${prefix}${createHash('sha1').update(seed).digest('hex').slice(0, 24)}`;
}

/**
 * Plans the answer to a request: the scripted text/tool calls/usage when given, else a
 * deterministic default — a tool call when tools are offered and the prompt asks for one,
 * JSON valid against the requested schema (plausible values, see {@link sampleFromSchema}), or `"Echo: <last user text>"`.
 */
export function planAnswer(req: NeutralRequest, step: ScriptStep, seed = req.promptText): PlannedAnswer {
  let toolCalls: PlannedAnswer['toolCalls'] = [];
  let text: string;
  if (step.toolCalls) {
    toolCalls = step.toolCalls.map((c, i) => ({
      id: c.id ?? deterministicId('call_', `${seed}:${i}`),
      name: c.name,
      arguments: c.arguments,
    }));
    text = step.text ?? '';
  } else if (step.text !== undefined) {
    text = step.text;
  } else if (promptAsksForTool(req)) {
    const name =
      req.toolNames.find((n) => req.lastUserText.toLowerCase().includes(n.toLowerCase())) ??
      req.toolNames[0]!;
    toolCalls = [
      { id: deterministicId('call_', seed), name, arguments: sampleToolArguments(req.toolSchemas?.[name]) },
    ];
    text = '';
  } else if (req.wantsJson) {
    text = JSON.stringify(req.jsonSchema ? sampleFromSchema(req.jsonSchema) : { answer: req.lastUserText });
  } else {
    text = req.lastIsToolResult ? `Tool result received: ${req.lastUserText}` : `Echo: ${req.lastUserText}`;
  }
  const reasoningTokens = step.usage?.reasoningTokens ?? (step.reasoning ? countTokens(step.reasoning) : 0);
  const outputTokens =
    step.usage?.outputTokens ??
    countTokens(text) +
      toolCalls.reduce((s, c) => s + countTokens(c.name + JSON.stringify(c.arguments)), 0) +
      reasoningTokens;
  const inputTokens = step.usage?.inputTokens ?? countTokens(req.promptText) + (req.imageCount ?? 0) * 85;
  return {
    text,
    toolCalls,
    ...(step.reasoning !== undefined && { reasoning: step.reasoning }),
    usage: {
      inputTokens,
      outputTokens,
      cachedInputTokens: step.usage?.cachedInputTokens ?? 0,
      cacheWriteTokens: step.usage?.cacheWriteTokens ?? 0,
      cacheWrite1hTokens: step.usage?.cacheWrite1hTokens ?? 0,
      reasoningTokens,
    },
    finish: toolCalls.length > 0 ? 'tool-calls' : 'stop',
    textChunks: splitIntoChunks(text, step.chunks ?? 3),
  };
}
