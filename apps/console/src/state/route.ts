import { signal } from '@preact/signals';

/** Where the console is: the screen and what follows it in the address (`#/setup/openai`). */
export interface Route {
  screen: string;
  /** The path segments after the screen (`['openai']`). */
  rest: string[];
}

/** The screens of the console, in the order of the navigation: `[id, label]`. */
export const SCREENS: ReadonlyArray<readonly [id: string, label: string]> = [
  ['setup', 'Setup'],
  ['models', 'Models'],
  ['providers', 'Providers'],
  ['budgets', 'Budgets'],
  ['fallback', 'Fallback'],
  ['usage', 'Usage'],
  ['playground', 'Playground'],
  ['keys', 'Gateway keys'],
  ['audit', 'Audit log'],
];

/** The route an address fragment names; an empty or unknown one is the setup screen. */
export function parseRoute(hash: string): Route {
  const [screen = '', ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: screen || 'setup', rest };
}

/** The current route, following the address's fragment. */
export const route = signal<Route>(parseRoute(typeof window === 'undefined' ? '' : window.location.hash));

if (typeof window !== 'undefined')
  window.addEventListener('hashchange', () => {
    route.value = parseRoute(window.location.hash);
  });

/** The fragment of a screen (and its path), for links: `href(['setup', 'openai'])` → `#/setup/openai`. */
export function href(segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** Goes to a screen, as following a link would. */
export function navigate(segments: string[]): void {
  window.location.hash = href(segments);
}
