import { z } from 'zod';
import { jsonSchemaInputSchema } from './json-schema.js';

/**
 * The shape of the answer: free text, or JSON (optionally conforming to a JSON Schema,
 * which may be given as a zod schema).
 */
export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({
    type: z.literal('json'),
    schema: jsonSchemaInputSchema.optional(),
    name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/)
      .optional(),
    description: z.string().optional(),
  }),
]);
export type ResponseFormat = z.output<typeof responseFormatSchema>;
export type ResponseFormatInput = z.input<typeof responseFormatSchema>;
