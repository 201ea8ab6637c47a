import { palTsup } from '@pal/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(
  palTsup({
    entry: ['src/index.ts', 'src/provider.ts', 'src/http.ts'],
    shims: true,
    // the entries share one copy of each module (one PalError class, one zod), in ESM and CJS alike
    splitting: true,
    // zod is bundled into core's runtime (its types still come from the `zod` dependency): zod's own
    // ESM build is ~95 files (64 of them locales) and loading them one by one was the largest part of
    // importing @pal/core. Providers use core's `z`; schemas from an app's own zod interoperate (zod 4
    // shares its registry and config through globalThis). See tooling/bench, benchmark 5.
    noExternal: ['zod'],
  }),
);
