import { type ProtectedKeys, z } from '@pal/core/provider';

/**
 * `request.providerOptions[<provider id>]` for Anthropic: Messages API body fields PAL does not
 * translate. The fields of API version 2026-10-21 are typed; other keys pass through as they are,
 * because `anthropic-beta` features add body fields of their own (`context_management`,
 * `mcp_servers`…). `output_config` is merged field by field (PAL writes its `format`), and `tools`
 * holds Anthropic's server tools only (web search, code execution…), appended after the tools PAL
 * translates from `request.tools`.
 */
export const anthropicProviderOptionsSchema = z.looseObject({
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  speed: z.enum(['standard', 'fast']).nullable().optional(),
  inference_geo: z.string().nullable().optional(),
  cache_control: z
    .strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
    .nullable()
    .optional(),
  container: z
    .union([z.string(), z.looseObject({})])
    .nullable()
    .optional(),
  diagnostics: z.looseObject({ previous_message_id: z.string().nullable().optional() }).nullable().optional(),
  output_config: z
    .looseObject({ effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullable().optional() })
    .optional(),
  tools: z.array(z.looseObject({ type: z.string().optional(), name: z.string().optional() })).optional(),
  user_profile_id: z.string().optional(),
  workspace_id: z.string().optional(),
});
export type AnthropicProviderOptions = z.output<typeof anthropicProviderOptionsSchema>;

/** Body fields PAL writes from the request, and the request field to set instead. */
export const PROTECTED_KEYS: ProtectedKeys = {
  model: 'model',
  messages: 'messages',
  system: 'system messages',
  max_tokens: 'maxOutputTokens',
  thinking: 'reasoning',
  tool_choice: 'toolChoice',
  stop_sequences: 'stop',
  metadata: 'metadata.user',
  stream: 'runtime.stream()',
};

/** True for a custom (function) tool, which belongs in `request.tools`; server tools have a `type` of their own. */
export const isCustomTool = (tool: object) =>
  'input_schema' in tool || ((tool as { type?: unknown }).type ?? 'custom') === 'custom';

/** `output_config` fields PAL writes. */
export const PROTECTED_OUTPUT_CONFIG_KEYS: ProtectedKeys = { format: 'responseFormat' };
