import { signal } from '@preact/signals';

const STORAGE_KEY = 'pal.console.adminToken';

/**
 * The admin token `/api/*` is called with. It arrives once in the address's fragment
 * (`/#token=…`, never sent to the server, as the sandbox prints it), is kept for this tab in
 * sessionStorage, and the fragment is cleared so it does not linger in the address bar.
 */
export const adminToken = signal<string>(readInitialToken());

function readInitialToken(): string {
  if (typeof window === 'undefined') return '';
  const match = /(?:^#|[#&?])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    window.sessionStorage.setItem(STORAGE_KEY, token);
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
    return token;
  }
  return window.sessionStorage.getItem(STORAGE_KEY) ?? '';
}

/** Keeps `token` for this tab and uses it for every call from now on. */
export function signIn(token: string): void {
  window.sessionStorage.setItem(STORAGE_KEY, token);
  adminToken.value = token;
}

/** Forgets the token (after the gateway refused it). */
export function signOut(): void {
  window.sessionStorage.removeItem(STORAGE_KEY);
  adminToken.value = '';
}
