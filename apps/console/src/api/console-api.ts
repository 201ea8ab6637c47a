import type { PlaygroundInput } from './chat-stream.js';
import { request } from './http.js';
import type {
  AuditFilter,
  AuditPageView,
  BudgetInput,
  BudgetView,
  EstimateView,
  KeyInput,
  KeyPatch,
  KeyView,
  ModelView,
  ProviderInput,
  ProviderView,
  RoutingInput,
  RoutingView,
  StatusView,
  TestResult,
  UsageReport,
} from './types.js';

const path = (id: string) => `/api/providers/${encodeURIComponent(id)}`;
const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Every provider the gateway knows, credentials masked. */
export const listProviders = (signal?: AbortSignal) =>
  request<ProviderView[]>('GET', '/api/providers', undefined, signal);

/** Adds or changes a provider (a key given is stored encrypted; only its masked form comes back). */
export const saveProvider = (input: ProviderInput) => request<ProviderView>('POST', '/api/providers', input);

/** Changes a saved provider (its endpoint, a new key…): what is left out stays as it is. */
export const updateProvider = (id: string, patch: Omit<ProviderInput, 'id'>) =>
  request<ProviderView>('PATCH', path(id), patch);

/** Test Connection: the provider's cheapest authenticated call. */
export const testProvider = (id: string) => request<TestResult>('POST', `${path(id)}/test`);

/** Routes calls to a provider again, or stops routing to it (it stays saved). */
export const setProviderEnabled = (id: string, enabled: boolean) =>
  request<unknown>('POST', `${path(id)}/${enabled ? 'enable' : 'disable'}`);

/** Removes a provider and its key. */
export const removeProvider = (id: string) => request<unknown>('DELETE', path(id));

/** The merged catalog: every model of every registered provider, with prices. */
export const listModels = (signal?: AbortSignal) =>
  request<ModelView[]>('GET', '/api/models', undefined, signal);

/** Makes `model` the provider's default (seed 003's "Use this model"). */
export const setDefaultModel = (provider: string, model: string) =>
  request<ProviderView>('POST', `${path(provider)}/default-model`, { model });

/** The saved budgets (overall and per provider) with what is spent against them. */
export const listBudgets = (signal?: AbortSignal) =>
  request<BudgetView[]>('GET', '/api/budgets', undefined, signal);

/** Saves one budget (no provider: all providers together). */
export const saveBudget = (budget: BudgetInput) => request<BudgetView>('PUT', '/api/budgets', budget);

/** The fallback chain, its switches and the routing strategy. */
export const getRouting = (signal?: AbortSignal) =>
  request<RoutingView>('GET', '/api/routing', undefined, signal);

/** Saves the routing settings; calls use them at once. */
export const saveRouting = (routing: RoutingInput) => request<RoutingView>('PUT', '/api/routing', routing);

/** Spend since `since` (epoch ms), bucketed by hour or day. */
export const getUsage = (since: number, bucket: 'hour' | 'day', signal?: AbortSignal) =>
  request<UsageReport>(
    'GET',
    `/api/usage${query({ since: new Date(since).toISOString(), bucket })}`,
    undefined,
    signal,
  );

/** Every gateway key, masked, revoked ones included. */
export const listKeys = (signal?: AbortSignal) =>
  request<KeyView[]>('GET', '/api/keys?revoked=1', undefined, signal);

/** A new gateway key; its secret is in this answer only. */
export const createKey = (input: KeyInput) => request<KeyView>('POST', '/api/keys', input);

/** One gateway key with what its budget has spent. */
export const getKey = (id: string, signal?: AbortSignal) =>
  request<KeyView>('GET', `/api/keys/${encodeURIComponent(id)}`, undefined, signal);

/** Changes a gateway key's limits (`null` removes one). */
export const updateKey = (id: string, patch: KeyPatch) =>
  request<KeyView>('PATCH', `/api/keys/${encodeURIComponent(id)}`, patch);

/** Revokes a gateway key at once. */
export const revokeKey = (id: string) => request<unknown>('DELETE', `/api/keys/${encodeURIComponent(id)}`);

/** What a playground prompt will take and cost at most, before it is sent. */
export const estimatePlayground = (input: PlaygroundInput, signal?: AbortSignal) =>
  request<EstimateView>('POST', '/api/playground/estimate', input, signal);

/** Whether the gateway is the sandbox, and how its targets are. */
export const getStatus = (signal?: AbortSignal) =>
  request<StatusView>('GET', '/api/status', undefined, signal);

/** A page of the audit log. */
export const auditLog = (filter: AuditFilter, signal?: AbortSignal) =>
  request<AuditPageView>('GET', `/api/audit${query({ ...filter })}`, undefined, signal);
