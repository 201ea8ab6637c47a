import { palVitest } from '@pal/tooling/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig(
  palVitest({
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.test-support.ts', 'src/**/index.ts', 'src/http.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 90 },
    },
  }),
);
