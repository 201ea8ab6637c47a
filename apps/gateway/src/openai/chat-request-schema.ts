import { z } from '@pal/core/provider';
import { routeExtensionsShape } from '../http/route-extensions.js';

// OpenAI accepts `null` for every optional field (SDK users pass it to mean "unset"): so does this.
const text = z.object({ type: z.literal('text'), text: z.string() });
const imageUrl = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).nullish(),
  }),
});
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
/** Parts OpenAI has that PAL's messages cannot carry: accepted here so the 400 can say why. */
const unsupportedPart = z.object({ type: z.enum(['input_audio', 'file']) });

const textContent = z.union([z.string(), z.array(text)]);

const systemLike = {
  content: textContent,
  name: z.string().nullish(),
};

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** One message of an OpenAI chat request (unknown keys, such as an echoed `annotations`, are dropped). */
export const openaiMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), ...systemLike }),
  z.object({ role: z.literal('developer'), ...systemLike }),
  z.object({
    role: z.literal('user'),
    content: z.union([
      z.string(),
      z
        .array(z.discriminatedUnion('type', [text, imageUrl, unsupportedPart]))
        .min(1, 'content is empty: give a string or at least one text or image_url part'),
    ]),
    name: z.string().nullish(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.discriminatedUnion('type', [text, refusal]))]).nullish(),
    tool_calls: z.array(toolCall).nullish(),
    refusal: z.string().nullish(),
    name: z.string().nullish(),
    audio: z.object({ id: z.string() }).nullish(),
    function_call: z.unknown().optional(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: textContent }),
  z.object({ role: z.literal('function'), name: z.string(), content: z.string().nullish() }),
]);
export type OpenAIMessage = z.output<typeof openaiMessageSchema>;

const functionTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
  z.object({ type: z.enum(['allowed_tools', 'custom']) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a name of 1-64 letters, digits, "_" or "-"'),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/**
 * The fields of `POST /v1/chat/completions` PAL reads, as OpenAI defines them (ranges included),
 * plus PAL's extensions (`provider`, `provider_hint`, `fallbacks`). Fields PAL refuses or ignores
 * are listed in `field-policy.ts`; any other key is refused by `unknownFields`.
 */
export const chatRequestShape = {
  model: z.string().min(1, 'model is required'),
  messages: z.array(openaiMessageSchema).min(1, 'at least one message is required'),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high']).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z
    .object({ include_usage: z.boolean().nullish(), include_obfuscation: z.boolean().nullish() })
    .nullish(),
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  ...routeExtensionsShape,
};

/** The request body as read: the fields above, and any others kept for `unknownFields` to name. */
export const chatRequestSchema = z.looseObject(chatRequestShape);
export type OpenAIChatRequest = z.output<typeof chatRequestSchema>;
