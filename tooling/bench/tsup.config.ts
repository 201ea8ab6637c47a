import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/emulator-worker.ts', 'src/cold-start-child.ts'],
  // dev dependencies would be bundled: the cold-start children must load them as installed
  external: ['ai', '@ai-sdk/openai'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  splitting: false,
});
