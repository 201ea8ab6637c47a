import type { ErrorCode } from '@pal/core';

/** A failure the gateway (or reaching it) reported, as the CLI shows it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code?: ErrorCode,
    readonly status?: number,
    /** What a person can do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** How the CLI reaches a gateway. */
export interface GatewayTarget {
  /** Base URL, e.g. http://127.0.0.1:8787 (`PAL_GATEWAY_URL`). */
  url: string;
  /** Gateway key for `/v1/*` (`PAL_API_KEY`; the sandbox accepts `pal-sandbox`). */
  key?: string;
  /** Admin token for `/api/*` (`PAL_ADMIN_TOKEN`). */
  adminToken?: string;
}

/** Calls the gateway's HTTP API; errors in any of its dialects become a {@link CliError}. */
export class GatewayClient {
  constructor(readonly target: GatewayTarget) {}

  /** `/api/*` with the admin token. */
  api<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#request<T>(method, `/api${path}`, body, this.target.adminToken);
  }

  /** `/v1/*` with the gateway key. */
  v1<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#request<T>(method, `/v1${path}`, body, this.target.key);
  }

  /** `/v1/*` as a raw response (streams). */
  async v1Raw(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const response = await this.#fetch('POST', `/v1${path}`, body, this.target.key, signal);
    if (!response.ok) throw await failureOf(response);
    return response;
  }

  async #request<T>(method: string, path: string, body: unknown, token: string | undefined): Promise<T> {
    const response = await this.#fetch(method, path, body, token);
    if (!response.ok) throw await failureOf(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async #fetch(
    method: string,
    path: string,
    body: unknown,
    token?: string,
    signal?: AbortSignal,
  ): Promise<Response> {
    try {
      return await fetch(new URL(path, this.target.url), {
        method,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal && { signal }),
      });
    } catch (error) {
      throw new CliError(
        `Cannot reach the gateway at ${this.target.url} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`,
        'NETWORK_ERROR',
        undefined,
        'Start it with `pal serve` (or `pnpm demo`), or point --url / PAL_GATEWAY_URL at it.',
      );
    }
  }
}

interface ErrorBody {
  error?: {
    message?: string;
    code?: string;
    userMessage?: string;
    action?: string;
    pal?: { code?: string; userMessage?: string; action?: string };
  };
}

async function failureOf(response: Response): Promise<CliError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const error = body.error ?? {};
  const code = (error.pal?.code ?? error.code) as ErrorCode | undefined;
  const userMessage = error.pal?.userMessage ?? error.userMessage;
  const message = userMessage ?? error.message ?? `${response.status} ${response.statusText}`;
  const hint =
    response.status === 401
      ? 'Pass a gateway key with --key or PAL_API_KEY (admin commands: --admin-token or PAL_ADMIN_TOKEN).'
      : (error.pal?.action ?? error.action);
  return new CliError(message, code, response.status, hint);
}
