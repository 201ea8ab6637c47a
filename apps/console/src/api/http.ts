import { adminToken, signOut } from '../state/session.js';
import { ApiError, apiErrorOf } from './api-error.js';

/**
 * Calls the gateway with the admin token and answers the parsed JSON body (`undefined` for 204).
 * A failure is an {@link ApiError} carrying the gateway's `userMessage`; a 401 forgets the token so
 * the console asks for it again.
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await requestRaw(method, path, body, signal);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Like {@link request} but answers the raw response (streams), once its status is a success. */
export async function requestRaw(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  const response = await send(method, path, body, signal);
  if (!response.ok) throw await failureOf(response, path);
  return response;
}

async function send(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (adminToken.value) headers.authorization = `Bearer ${adminToken.value}`;
  try {
    return await fetch(path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal && { signal }),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(
      'Cannot reach the gateway. Check that it is still running.',
      0,
      'NETWORK_ERROR',
      'Cannot reach the gateway. Check that it is still running.',
      'retry',
    );
  }
}

async function failureOf(response: Response, path: string): Promise<ApiError> {
  const body = await response.json().catch(() => undefined);
  const error = apiErrorOf(response.status, response.statusText, body);
  // the console API refused the admin token (a vendor refusing its key is not that)
  if (response.status === 401 && path.startsWith('/api/')) signOut();
  return error;
}
