import type { IncomingHttpHeaders } from 'node:http';
import { countTokens } from '../../emulator/defaults.js';
import { claudeThinkingRefusal } from '../claude-generation.js';
import { type AnthropicRequestBody, blocksOf } from './request-view.js';

/** The API versions the emulator accepts: 0.x SDKs send 2023-06-01, 1.x SDKs 2026-10-21. */
export const ANTHROPIC_VERSIONS = ['2023-01-01', '2023-06-01', '2026-10-21'] as const;

/** Context window of every emulated model, in tokens. */
export const CONTEXT_WINDOW = 200_000;

/** A request rejection: HTTP status, Anthropic error type and message. */
export interface Rejection {
  status: 400 | 404;
  type: 'invalid_request_error' | 'not_found_error';
  message: string;
}

const invalid = (message: string): Rejection => ({ status: 400, type: 'invalid_request_error', message });

/** Checks the `anthropic-version` header the way the API does. */
export function checkVersion(headers: IncomingHttpHeaders): Rejection | undefined {
  const version = headers['anthropic-version'];
  if (typeof version !== 'string' || version === '') return invalid('anthropic-version: header is required');
  if (!(ANTHROPIC_VERSIONS as readonly string[]).includes(version)) {
    return invalid(`anthropic-version: invalid version "${version}"`);
  }
  return undefined;
}

/** Checks that every `tool_result` answers a `tool_use` of the assistant message right before it. */
function checkToolResults(messages: NonNullable<AnthropicRequestBody['messages']>): Rejection | undefined {
  for (const [i, message] of messages.entries()) {
    const results = blocksOf(message.content).filter((b) => b.type === 'tool_result');
    if (results.length === 0) continue;
    const previous = messages[i - 1];
    const offered = new Set(
      previous?.role === 'assistant'
        ? blocksOf(previous.content)
            .filter((b) => b.type === 'tool_use')
            .map((b) => b.id)
        : [],
    );
    const orphan = results.find((r) => !offered.has(r.tool_use_id));
    if (orphan) {
      return invalid(
        `messages.${i}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphan.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
  }
  return undefined;
}

/** Checks image blocks: base64 sources need `media_type` and `data`, URL sources a `url`. */
function checkImages(messages: NonNullable<AnthropicRequestBody['messages']>): Rejection | undefined {
  for (const [i, message] of messages.entries()) {
    for (const [j, block] of blocksOf(message.content).entries()) {
      if (block.type !== 'image') continue;
      const source = block.source;
      const ok =
        (source?.type === 'base64' && !!source.media_type && !!source.data) ||
        (source?.type === 'url' && !!source.url);
      if (!ok)
        return invalid(`messages.${i}.content.${j}.image.source: Input tag does not match the expected tags`);
    }
  }
  return undefined;
}

/**
 * Checks the `thinking` config: what the model's generation refuses (extended thinking on Claude
 * 4.7+, adaptive thinking on 4.5 and earlier, `budget_tokens` beside adaptive, an unknown effort
 * or display), then a budget against `max_tokens`, and thinking with a forced tool choice.
 */
function checkThinking(body: AnthropicRequestBody): Rejection | undefined {
  const refusal = claudeThinkingRefusal(body.model ?? '', body);
  if (refusal) return invalid(refusal);
  const type = body.thinking?.type;
  if (type !== 'enabled' && type !== 'adaptive') return undefined;
  const budget = body.thinking?.budget_tokens ?? 0;
  if (type === 'enabled' && budget < 1024)
    return invalid('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (type === 'enabled' && (body.max_tokens ?? 0) <= budget) {
    return invalid('`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  if (body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool') {
    return invalid('Thinking may not be enabled when tool_choice forces tool use.');
  }
  return undefined;
}

/**
 * Validates a Messages request like the API: required fields, known model family, the
 * 2026-10-21 removal of sampling parameters, tool_result pairing, images, thinking (and, on Claude
 * 4.7+, sampling parameters under any API version) and the context window. Returns the first problem, or undefined when the request is fine.
 */
export function validateMessagesRequest(
  body: AnthropicRequestBody & Record<string, unknown>,
  version: string,
  promptText: string,
): Rejection | undefined {
  if (typeof body !== 'object' || body === null) return invalid('request body must be a JSON object');
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return invalid('max_tokens: Field required');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid('messages: Field required');
  if (version === '2026-10-21') {
    const removed = ['temperature', 'top_p', 'top_k'].find((field) => body[field] !== undefined);
    if (removed) return invalid(`${removed}: Extra inputs are not permitted`);
  }
  const roleIndex = body.messages.findIndex((m) => m.role !== 'user' && m.role !== 'assistant');
  if (roleIndex >= 0) {
    return invalid(`messages.${roleIndex}.role: Input should be 'user' or 'assistant'`);
  }
  const problem = checkToolResults(body.messages) ?? checkImages(body.messages) ?? checkThinking(body);
  if (problem) return problem;
  if (!/^claude-/.test(body.model))
    return { status: 404, type: 'not_found_error', message: `model: ${body.model}` };
  const tokens = countTokens(promptText);
  if (tokens > CONTEXT_WINDOW)
    return invalid(`prompt is too long: ${tokens} tokens > ${CONTEXT_WINDOW} maximum`);
  return undefined;
}
