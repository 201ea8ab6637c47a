import { z } from 'zod';
import { assistantContentPartSchema, textPartSchema, userContentPartSchema } from './content.js';

/** A system instruction. Providers that take the system prompt as a separate field receive it there. */
export const systemMessageSchema = z.strictObject({
  role: z.literal('system'),
  content: z.string(),
});

/** A user turn: text, or parts (text and images). */
export const userMessageSchema = z.strictObject({
  role: z.literal('user'),
  content: z.union(
    [
      z.string(),
      z
        .array(userContentPartSchema)
        .min(1, 'content is empty: give a string or at least one text or image part'),
    ],
    {
      error: 'user content must be a string or a non-empty array of text/image parts',
    },
  ),
  name: z.string().optional(),
});

/** An assistant turn, as returned in `ChatResult.content` (text, tool calls, reasoning). */
export const assistantMessageSchema = z.strictObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(assistantContentPartSchema)], {
    error: 'assistant content must be a string or an array of text/tool-call/reasoning parts',
  }),
});

/** The result of a tool call, answering the assistant's tool call with id `toolCallId`. */
export const toolMessageSchema = z.strictObject({
  role: z.literal('tool'),
  toolCallId: z.string().min(1),
  /** The tool's name; providers that need it (Gemini) look it up from the matching call when absent. */
  name: z.string().optional(),
  content: z.union([z.string(), z.array(textPartSchema)], {
    error: 'tool content must be a string or an array of text parts',
  }),
  isError: z.boolean().optional(),
});

/** One message of a conversation. */
export const messageSchema = z.discriminatedUnion('role', [
  systemMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
]);
export type Message = z.infer<typeof messageSchema>;
export type SystemMessage = z.infer<typeof systemMessageSchema>;
export type UserMessage = z.infer<typeof userMessageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolMessage = z.infer<typeof toolMessageSchema>;
