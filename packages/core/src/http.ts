/**
 * @pal/core/http: an HTTP client and stream parsers for adapters that have no SDK.
 * @packageDocumentation
 */
export {};
