import { z } from 'zod';
import { messageSchema } from './message.js';
import { responseFormatSchema } from './response-format.js';
import { toolChoiceSchema, toolDefinitionSchema } from './tools.js';

/** `"provider/model"` (e.g. `"openai/gpt-4o-mini"`) or a bare model id resolved through the catalogs. */
export const modelRefSchema = z.string().min(1, 'model is required');
export type ModelRef = string;

/** Caller metadata used by budgets and telemetry. */
export const requestMetadataSchema = z
  .object({
    user: z.string().optional(),
    runId: z.string().optional(),
    tags: z.array(z.string()).optional(),
  })
  .catchall(z.unknown());
export type RequestMetadata = z.infer<typeof requestMetadataSchema>;

const abortSignalSchema = z.custom<AbortSignal>(
  (value) => typeof AbortSignal !== 'undefined' && value instanceof AbortSignal,
  'expected an AbortSignal',
);

/** A chat request in PAL's canonical form. */
export const chatRequestSchema = z.strictObject({
  model: modelRefSchema,
  messages: z.array(messageSchema).min(1, 'at least one message is required'),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(16)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .optional(),
  seed: z.number().int().optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
  tools: z.array(toolDefinitionSchema).optional(),
  toolChoice: toolChoiceSchema.optional(),
  responseFormat: responseFormatSchema.optional(),
  /** Reasoning effort for models that reason (o-series, Claude thinking, Gemini thinking). */
  reasoning: z
    .object({
      effort: z.enum(['low', 'medium', 'high']).optional(),
      budgetTokens: z.number().int().positive().optional(),
    })
    .optional(),
  metadata: requestMetadataSchema.optional(),
  /** Per-provider escape hatch: `{ openai: { store: true } }` is merged into the OpenAI request body. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  signal: abortSignalSchema.optional(),
});
/** A validated chat request (what adapters receive; `model` is the provider's bare model id). */
export type ChatRequest = z.output<typeof chatRequestSchema>;
/** What callers pass to `runtime.chat` / `runtime.stream` (zod schemas allowed where JSON Schema is). */
export type ChatRequestInput = Omit<z.input<typeof chatRequestSchema>, 'messages' | 'tools' | 'stop'> & {
  // read-only arrays are welcome too (`as const` tool lists keep their literal names, for typed tool calls)
  messages: ReadonlyArray<z.input<typeof messageSchema>>;
  tools?: ReadonlyArray<z.input<typeof toolDefinitionSchema>>;
  stop?: string | readonly string[];
};

/** An embedding request. */
export const embedRequestSchema = z.strictObject({
  model: modelRefSchema,
  input: z.union([z.string(), z.array(z.string()).min(1, 'at least one input is required')]),
  dimensions: z.number().int().positive().optional(),
  metadata: requestMetadataSchema.optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  signal: abortSignalSchema.optional(),
});
export type EmbedRequest = z.output<typeof embedRequestSchema>;
export type EmbedRequestInput = z.input<typeof embedRequestSchema>;

/** An image generation request. */
export const imageRequestSchema = z.strictObject({
  model: modelRefSchema,
  prompt: z.string().min(1, 'prompt is required'),
  n: z.number().int().min(1).max(10).default(1),
  size: z
    .string()
    .regex(/^\d+x\d+$/, 'size is WIDTHxHEIGHT, e.g. "1024x1024"')
    .optional(),
  seed: z.number().int().optional(),
  metadata: requestMetadataSchema.optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  signal: abortSignalSchema.optional(),
});
export type ImageRequest = z.output<typeof imageRequestSchema>;
export type ImageRequestInput = z.input<typeof imageRequestSchema>;
