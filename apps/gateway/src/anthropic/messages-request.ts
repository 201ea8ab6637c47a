import { z } from '@pal/core/provider';
import { routeExtensionsShape } from '../http/route-extensions.js';

/**
 * Fields of Anthropic's API that PAL cannot honour: accepted (so tools built for Anthropic keep
 * working), not sent, and reported in `x-pal-warnings`. Anything else unknown is a 400, as
 * Anthropic answers ("Extra inputs are not permitted").
 */
const notHonoured = z.unknown().optional();

/**
 * A discriminated union whose unknown `type` is reported as "expected one of …" at `type` (zod's
 * own discriminator issue reaches the 400 message as "expected another value").
 */
// biome-ignore lint/suspicious/noExplicitAny: the union's input is narrower than the loose object piped into it, by design
function byType<const T extends readonly [string, ...string[]], U extends z.ZodType<unknown, any>>(
  types: T,
  union: U,
) {
  return z.looseObject({ type: z.enum(types) }).pipe(union);
}

export const textBlockSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: notHonoured,
  citations: notHonoured,
});

const imageSourceSchema = byType(
  ['base64', 'url'],
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('base64'),
      media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
      data: z.string().min(1, 'data is empty'),
    }),
    z.strictObject({ type: z.literal('url'), url: z.url() }),
  ]),
);

export const imageBlockSchema = z.strictObject({
  type: z.literal('image'),
  source: imageSourceSchema,
  cache_control: notHonoured,
});

const toolUseBlockSchema = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: notHonoured,
});

const toolResultContentSchema = z.union([
  z.string(),
  z.array(byType(['text', 'image'], z.discriminatedUnion('type', [textBlockSchema, imageBlockSchema]))),
]);

const toolResultBlockSchema = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: toolResultContentSchema.optional(),
  is_error: z.boolean().optional(),
  cache_control: notHonoured,
});

const thinkingBlockSchema = z.strictObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});

const redactedThinkingBlockSchema = z.strictObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/** The blocks a message may hold (which role may hold which is checked in translation). */
export const BLOCK_TYPES = [
  'text',
  'image',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
] as const;

const contentBlockSchema = byType(
  BLOCK_TYPES,
  z.discriminatedUnion('type', [
    textBlockSchema,
    imageBlockSchema,
    toolUseBlockSchema,
    toolResultBlockSchema,
    thinkingBlockSchema,
    redactedThinkingBlockSchema,
  ]),
);
export type ContentBlock = z.output<typeof contentBlockSchema>;

const messageParamSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlockSchema)]),
});
export type MessageParam = z.output<typeof messageParamSchema>;

const toolSchema = z.strictObject({
  type: z.literal('custom').optional(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, "_" or "-"'),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  cache_control: notHonoured,
  strict: notHonoured,
});

const parallel = { disable_parallel_tool_use: z.boolean().optional() };
const toolChoiceSchema = byType(
  ['auto', 'any', 'tool', 'none'],
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('auto'), ...parallel }),
    z.strictObject({ type: z.literal('any'), ...parallel }),
    z.strictObject({ type: z.literal('tool'), name: z.string().min(1), ...parallel }),
    z.strictObject({ type: z.literal('none') }),
  ]),
);

const thinkingSchema = byType(
  ['enabled', 'disabled', 'adaptive'],
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('enabled'),
      budget_tokens: z.number().int().min(1024, 'budget_tokens must be at least 1024'),
    }),
    z.strictObject({ type: z.literal('disabled') }),
    z.strictObject({ type: z.literal('adaptive') }),
  ]),
);

const outputConfigSchema = z.strictObject({
  effort: z.enum(['low', 'medium', 'high', 'max']).optional(),
  format: z
    .strictObject({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
    .nullish(),
});

/** The fields of a Messages request, `max_tokens` aside. */
const requestShape = {
  model: z.string().min(1, 'model is required'),
  messages: z.array(messageParamSchema).min(1, 'at least one message is required'),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().gt(0).max(1).optional(),
  top_k: z.number().int().positive().optional(),
  stop_sequences: z.array(z.string()).max(16).optional(),
  stream: z.boolean().optional(),
  metadata: z.strictObject({ user_id: z.string().nullish() }).optional(),
  thinking: thinkingSchema.optional(),
  output_config: outputConfigSchema.optional(),
  /** PAL's extensions: `provider`, `provider_hint` (the `x-pal-provider-hint` header wins), `fallbacks`. */
  ...routeExtensionsShape,
  service_tier: notHonoured,
  container: notHonoured,
  mcp_servers: notHonoured,
  context_management: notHonoured,
  inference_geo: notHonoured,
};

/** The Anthropic fields that are accepted but not honoured (each reported as a warning when present). */
export const NOT_HONOURED_FIELDS = [
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
  'inference_geo',
] as const;

function thinkingFits(
  body: { max_tokens?: number | undefined; thinking?: { type: string; budget_tokens?: number } | undefined },
  ctx: z.RefinementCtx,
) {
  const { thinking, max_tokens: maxTokens } = body;
  const budget = thinking?.budget_tokens;
  if (budget === undefined || maxTokens === undefined) return;
  if (budget >= maxTokens)
    ctx.addIssue({
      code: 'custom',
      path: ['thinking', 'budget_tokens'],
      message: `budget_tokens (${budget}) must be less than max_tokens (${maxTokens})`,
    });
}

/** `POST /v1/messages`: Anthropic's Messages request (`max_tokens` required, as Anthropic requires it). */
export const messagesRequestSchema = z
  .strictObject({ ...requestShape, max_tokens: z.number().int().positive() })
  .superRefine(thinkingFits);
export type MessagesRequest = z.output<typeof messagesRequestSchema>;

/** `POST /v1/messages/count_tokens`: the same fields, `max_tokens` optional. */
export const countTokensRequestSchema = z
  .strictObject({ ...requestShape, max_tokens: z.number().int().positive().optional() })
  .superRefine(thinkingFits);
export type CountTokensRequest = z.output<typeof countTokensRequestSchema>;
