import { z } from 'zod';
import { configSchema } from './config-schema.js';

/**
 * JSON Schema of the config file, for editors (`"$schema": "./node_modules/@pal/core/provider-runtime.schema.json"`).
 * Written to `packages/core/provider-runtime.schema.json` by the build.
 */
export const configJsonSchema: Record<string, unknown> = {
  ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' }),
  title: 'PAL provider runtime configuration',
};
