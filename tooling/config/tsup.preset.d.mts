import type { Options } from 'tsup';
/** Shared tsup preset: ESM + CJS + .d.ts with sourcemaps. */
export declare function palTsup(overrides?: Options): Options;
