/**
 * Shared tsup preset: ESM + CJS + .d.ts with sourcemaps, one bundle per entry.
 * @param {import('tsup').Options} overrides
 * @returns {import('tsup').Options}
 */
export function palTsup(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
