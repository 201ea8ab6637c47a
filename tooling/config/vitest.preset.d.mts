import type { ViteUserConfig } from 'vitest/config';
/** Shared vitest preset. */
export declare function palVitest(overrides?: NonNullable<ViteUserConfig['test']>): ViteUserConfig;
