import { z } from 'zod';

/** A JSON Schema document (draft 2020-12 or 7), as a plain object. */
export type JsonSchema = Record<string, unknown>;

/** True when `value` is a zod schema (v4 or v3 classic), so it can be converted to JSON Schema. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && ('_zod' in value || '_def' in value);
}

/**
 * A JSON Schema given either as a plain object or as a zod schema; zod schemas are
 * converted to JSON Schema when a request is validated.
 */
export const jsonSchemaInputSchema = z
  .union([
    z.custom<z.ZodType>((value) => isZodSchema(value), 'expected a zod schema'),
    z.record(z.string(), z.unknown()),
  ])
  .transform((value): JsonSchema => {
    if (isZodSchema(value)) {
      const { $schema: _ignored, ...schema } = z.toJSONSchema(value, { target: 'draft-7', io: 'input' });
      return schema as JsonSchema;
    }
    return value as JsonSchema;
  });
