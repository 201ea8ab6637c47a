import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { anthropicErrorReply } from './errors.js';

/** One entry of `GET /v1/models`. */
export interface AnthropicModelEntry {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

const model = (id: string, display_name: string, created_at: string): AnthropicModelEntry => ({
  type: 'model',
  id,
  display_name,
  created_at,
});

/**
 * The models the emulator lists, newest first (as the API orders them): the current Claude models
 * (retired Claude 3, 4.0 and 4.1 models are no longer listed). Release dates are the emulator's,
 * not confirmed ones.
 */
export const ANTHROPIC_MODELS: readonly AnthropicModelEntry[] = [
  model('claude-opus-5-5', 'Claude Opus 5.5', '2026-09-01T00:00:00Z'),
  model('claude-sonnet-5', 'Claude Sonnet 5', '2026-07-01T00:00:00Z'),
  model('claude-opus-5', 'Claude Opus 5', '2026-06-01T00:00:00Z'),
  model('claude-opus-4-8', 'Claude Opus 4.8', '2026-05-01T00:00:00Z'),
  model('claude-opus-4-7', 'Claude Opus 4.7', '2026-04-01T00:00:00Z'),
  model('claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05T00:00:00Z'),
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-01T00:00:00Z'),
  model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-01T00:00:00Z'),
];

/** `GET /v1/models`: one page (`limit` 1–1000, default 20) after `after_id` or before `before_id`. */
export function listModelsReply(ctx: VendorRequestContext): JsonReply {
  const limit = Number(ctx.query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return anthropicErrorReply({
      status: 400,
      type: 'invalid_request_error',
      message: 'limit: Input should be greater than or equal to 1 and less than or equal to 1000',
    });
  }
  const afterId = ctx.query.get('after_id');
  const beforeId = ctx.query.get('before_id');
  let start = 0;
  let end = ANTHROPIC_MODELS.length;
  if (afterId) start = ANTHROPIC_MODELS.findIndex((m) => m.id === afterId) + 1;
  if (beforeId)
    end = Math.max(
      0,
      ANTHROPIC_MODELS.findIndex((m) => m.id === beforeId),
    );
  const page = beforeId
    ? ANTHROPIC_MODELS.slice(Math.max(start, end - limit), end)
    : ANTHROPIC_MODELS.slice(start, Math.min(end, start + limit));
  const hasMore = beforeId ? end - limit > start : start + limit < end;
  return {
    kind: 'json',
    status: 200,
    body: { data: page, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null },
  };
}

/** `GET /v1/models/{model_id}`: one model, or 404 `not_found_error`. */
export function getModelReply(ctx: VendorRequestContext): JsonReply {
  const id = ctx.params.model ?? '';
  const found = ANTHROPIC_MODELS.find((m) => m.id === id);
  if (!found) return anthropicErrorReply({ status: 404, type: 'not_found_error', message: `model: ${id}` });
  return { kind: 'json', status: 200, body: found };
}
