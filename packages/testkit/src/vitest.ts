/**
 * @pal/testkit/vitest: the provider conformance suite, as vitest tests (vitest is a peer dependency).
 * @packageDocumentation
 */
export {
  CONFORMANCE_API_KEY,
  type ConformanceCapabilities,
  NATIVE_LENGTH_FINISH,
  type ProviderConformanceOptions,
} from './conformance/conformance-options.js';
export { describeProviderConformance } from './conformance/describe-provider-conformance.js';
