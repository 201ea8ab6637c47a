/**
 * The console API's shapes, as the gateway declares them (`import type` only: nothing of the
 * gateway reaches the browser), plus the few the console adds.
 */
export type {
  AuditPage as AuditPageView,
  AuditView,
  BudgetInput,
  BudgetView,
  ConsoleStatus as StatusView,
  KeyInput,
  KeyPatch,
  KeyView,
  ModelInput,
  ModelView,
  PlaygroundEstimate as EstimateView,
  ProviderInput,
  ProviderView,
  RoutingInput,
  RoutingView,
  TestResult,
  UsageReport,
} from '@pal/gateway';

/** The filter of the Audit log screen (`GET /api/audit`'s query). */
export interface AuditFilter {
  provider?: string;
  action?: string;
  since?: number;
  after?: number;
  limit?: number;
}
