import { palTsup } from '@pal/tooling/tsup';
import { defineConfig } from 'tsup';

// `shims`: the CommonJS build gets a real `import.meta.url`, which locates the shipped fixtures.
export default defineConfig(
  palTsup({
    entry: ['src/index.ts', 'src/vitest.ts', 'src/scripted.ts', 'src/bin.ts'],
    external: ['vitest'],
    shims: true,
  }),
);
