import { z } from 'zod';
import { configSchema } from './config-schema.js';

let built: Record<string, unknown> | undefined;
const build = (): Record<string, unknown> =>
  (built ??= {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', reused: 'ref' }),
    title: 'PAL provider runtime configuration',
  });

/**
 * JSON Schema of the config file, for editors (`"$schema": "./node_modules/@pal/core/provider-runtime.schema.json"`).
 * Written to `packages/core/provider-runtime.schema.json` by the build. A plain object to read,
 * spread or `JSON.stringify`, built on first access (converting the config schema takes longer than
 * the rest of importing `@pal/core`, and an application never needs it).
 */
export const configJsonSchema: Record<string, unknown> = new Proxy({} as Record<string, unknown>, {
  get: (_, key) => Reflect.get(build(), key),
  has: (_, key) => Reflect.has(build(), key),
  ownKeys: () => Reflect.ownKeys(build()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(build(), key);
    // the proxy's target is an empty extensible object: report the keys as configurable
    return descriptor && { ...descriptor, configurable: true };
  },
  set: (_, key, value) => Reflect.set(build(), key, value),
  deleteProperty: (_, key) => Reflect.deleteProperty(build(), key),
  defineProperty: (_, key, descriptor) => Reflect.defineProperty(build(), key, descriptor),
});
