// Writes the JSON Schema of PAL's config file (for editors) next to package.json.
// Runs after tsup in `pnpm build`: node scripts/write-config-schema.mjs [module]
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const modulePath = resolve(packageDir, process.argv[2] ?? 'dist/index.js');
const { configJsonSchema } = await import(pathToFileURL(modulePath).href);
const target = resolve(packageDir, 'provider-runtime.schema.json');
writeFileSync(target, `${JSON.stringify(configJsonSchema, null, 2)}\n`);
console.log(`wrote ${target}`);
