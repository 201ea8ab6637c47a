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

/** The models the emulator lists, newest first (as the API orders them). */
export const ANTHROPIC_MODELS: readonly AnthropicModelEntry[] = [
  model('claude-opus-4-5-20251101', 'Claude Opus 4.5', '2025-11-01T00:00:00Z'),
  model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-01T00:00:00Z'),
  model('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29T00:00:00Z'),
  model('claude-opus-4-1-20250805', 'Claude Opus 4.1', '2025-08-05T00:00:00Z'),
  model('claude-3-5-haiku-20241022', 'Claude Haiku 3.5', '2024-10-22T00:00:00Z'),
  model('claude-3-5-sonnet-20241022', 'Claude Sonnet 3.5 (New)', '2024-10-22T00:00:00Z'),
  model('claude-3-opus-20240229', 'Claude Opus 3', '2024-02-29T00:00:00Z'),
  model('claude-3-haiku-20240307', 'Claude Haiku 3', '2024-03-07T00:00:00Z'),
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
