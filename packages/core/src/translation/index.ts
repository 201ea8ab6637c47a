/**
 * Translation helpers every provider package shares: the vendor-neutral steps of turning a
 * canonical request into a vendor's and a vendor's answer back into canonical form.
 */
export * from './tool-arguments-json.js';
export * from './content-text.js';
export * from './alternating-turns.js';
export * from './system-text.js';
export * from './tool-result-name.js';
export * from './forced-json-tool.js';
export * from './inline-image.js';
export * from './cache-split-usage.js';
export * from './reasoning-budget.js';
export * from './truncated-stream-error.js';
export * from './provider-options.js';
export * from './call-warnings.js';
export * from './rate-limit-headers.js';
