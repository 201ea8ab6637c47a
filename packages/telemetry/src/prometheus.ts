/**
 * `@pal/telemetry/prometheus`: Prometheus metrics on `prom-client`, with bounded label values.
 * @module
 */
export { type KnownModels, LabelGuard, OTHER } from './label-guard.js';
export { type PrometheusSinkOptions, prometheusSinkOptionsSchema } from './prometheus-options.js';
export {
  CIRCUIT_STATE_VALUES,
  type MetricsResponse,
  type PrometheusSink,
  prometheusSink,
} from './prometheus-sink.js';
