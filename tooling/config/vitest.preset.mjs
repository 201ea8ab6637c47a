/**
 * Shared vitest preset. Tests live beside the code (`src/**\/*.test.ts`).
 * @param {import('vitest/config').ViteUserConfig['test']} overrides
 */
export function palVitest(overrides = {}) {
  return {
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
      ...overrides,
    },
  };
}
