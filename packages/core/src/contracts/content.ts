import { z } from 'zod';

/** A plain text part of a message or result. */
export const textPartSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
});
export type TextPart = z.infer<typeof textPartSchema>;

/**
 * An image given either by URL (`url`) or inline as base64 (`data` + `mediaType`).
 * Exactly one of `url` or `data` must be present.
 */
export const imagePartSchema = z
  .object({
    type: z.literal('image'),
    url: z.string().url().optional(),
    data: z.string().min(1).optional(),
    mediaType: z
      .string()
      .regex(/^image\/[\w.+-]+$/, 'must be an image media type such as image/png')
      .optional(),
  })
  .superRefine((part, ctx) => {
    if ((part.url === undefined) === (part.data === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an image part needs exactly one of "url" or "data"' });
    }
    if (part.data !== undefined && part.mediaType === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mediaType'],
        message: 'an inline (base64) image needs its mediaType, e.g. "image/png"',
      });
    }
  });
export type ImagePart = z.infer<typeof imagePartSchema>;

/** A tool call made by the model, with its arguments already parsed from JSON. */
export const toolCallPartSchema = z.object({
  type: z.literal('tool-call'),
  id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.unknown(),
  /**
   * Opaque vendor signature of the call that must be sent back unchanged with it on the next turn
   * (Gemini 3's `thoughtSignature` on a function call).
   */
  signature: z.string().optional(),
});
export type ToolCallPart = z.infer<typeof toolCallPartSchema>;
/** A tool call as it appears in `ChatResult.toolCalls`. */
export type ToolCall = Omit<ToolCallPart, 'type'>;

/** Reasoning ("thinking") text the model exposed. */
export const reasoningPartSchema = z.object({
  type: z.literal('reasoning'),
  text: z.string(),
  /** Vendor signature that must be sent back unchanged on the next turn (Anthropic thinking). */
  signature: z.string().optional(),
  /**
   * Opaque, encrypted reasoning the vendor returned instead of text (Anthropic `redacted_thinking`);
   * send it back unchanged on the next turn. `text` is empty for such a part.
   */
  redactedData: z.string().optional(),
});
export type ReasoningPart = z.infer<typeof reasoningPartSchema>;

/** Parts a user message may hold. */
export const userContentPartSchema = z.discriminatedUnion('type', [textPartSchema, imagePartSchema]);
export type UserContentPart = z.infer<typeof userContentPartSchema>;

/** Parts an assistant message or a result may hold. */
export const assistantContentPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  toolCallPartSchema,
  reasoningPartSchema,
]);
export type AssistantContentPart = z.infer<typeof assistantContentPartSchema>;
