import { z } from 'zod';
import { jsonSchemaInputSchema } from './json-schema.js';

/** A function the model may call. `parameters` is a JSON Schema object or a zod schema. */
export const toolDefinitionSchema = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, "_" or "-"'),
  description: z.string().optional(),
  parameters: jsonSchemaInputSchema.default({ type: 'object', properties: {} }),
});
export type ToolDefinition = z.output<typeof toolDefinitionSchema>;
export type ToolDefinitionInput = z.input<typeof toolDefinitionSchema>;

/** How the model should use the offered tools. */
export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('tool'), name: z.string().min(1) }),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
