import type { ChatRequest } from '../contracts/chat-request.js';
import type { Message } from '../contracts/message.js';
import type { ModelInfo } from '../contracts/model-info.js';
import { estimateImageTokens } from './image-tokens.js';

/** Tokens every message costs besides its content (role and separators). */
const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens that prime the assistant's reply. */
const REPLY_PRIMING_TOKENS = 3;
/** Tokens every tool definition costs besides its JSON. */
const TOOL_OVERHEAD_TOKENS = 8;
/** Output cap assumed when neither the request nor the model gives one. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/** A request's estimated size, used by the rate limiter, the budget guard and the router. */
export interface TokenEstimate {
  inputTokens: number;
  /** The most output the call may produce. */
  maxOutputTokens: number;
}

/** Estimates the tokens of a text with the common 4-characters-per-token heuristic. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Estimates a chat request's input tokens (chars/4 for text, a per-message overhead, tool
 * schemas, the response schema and 85..765 tokens per image) and its output cap
 * (`request.maxOutputTokens`, else the model's, else 4096). A heuristic, not a tokenizer.
 */
export function estimateTokens(request: ChatRequest, model?: ModelInfo): TokenEstimate {
  let inputTokens = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) inputTokens += MESSAGE_OVERHEAD_TOKENS + messageTokens(message);
  for (const tool of request.tools ?? []) {
    inputTokens += TOOL_OVERHEAD_TOKENS + estimateTextTokens(tool.name + (tool.description ?? ''));
    inputTokens += estimateTextTokens(JSON.stringify(tool.parameters ?? {}));
  }
  if (request.responseFormat?.type === 'json' && request.responseFormat.schema) {
    inputTokens += estimateTextTokens(JSON.stringify(request.responseFormat.schema));
  }
  const maxOutputTokens =
    request.maxOutputTokens ?? (model?.maxOutputTokens ? model.maxOutputTokens : DEFAULT_MAX_OUTPUT_TOKENS);
  return { inputTokens, maxOutputTokens };
}

function messageTokens(message: Message): number {
  let tokens = 'name' in message && message.name ? estimateTextTokens(message.name) : 0;
  if (typeof message.content === 'string') return tokens + estimateTextTokens(message.content);
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        tokens += estimateTextTokens(part.text);
        break;
      case 'image':
        tokens += estimateImageTokens(part);
        break;
      case 'tool-call':
        tokens += estimateTextTokens(part.name + JSON.stringify(part.arguments ?? {}));
        break;
    }
  }
  return tokens;
}
