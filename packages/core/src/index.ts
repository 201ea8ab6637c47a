/**
 * @pal/core: PAL's canonical contracts, error taxonomy, runtime kernel, policies,
 * provider registry and configuration.
 * @packageDocumentation
 */
export * from './contracts/index.js';
export * from './errors/index.js';
export * from './telemetry/telemetry-sink.js';
export * from './kernel/index.js';
export * from './batching/embed-in-batches.js';
export * from './translation/index.js';
export * from './registry/index.js';
export * from './config/index.js';
export * from './policies/index.js';
export * from './accounting/index.js';
