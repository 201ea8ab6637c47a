import type { VendorRoute } from './types.js';

/** A request path split into its raw query and its percent-decoded segments. */
export interface SplitPath {
  /** The decoded path, segments joined with `/`. */
  path: string;
  /** The decoded segments (without the empty leading one). */
  segments: string[];
  query: URLSearchParams;
}

/** Splits `rawUrl` into path and query, percent-decoding each path segment on its own. */
export function splitRequestUrl(rawUrl: string): SplitPath {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
  const segments = rawPath
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path: `/${segments.join('/')}`, segments, query };
}

/** The route that matched a request, with its captured path parameters. */
export interface RouteMatch {
  route: VendorRoute;
  params: Record<string, string>;
}

/**
 * Matches one pattern segment against one decoded path segment. A pattern segment that starts with
 * `:name` captures; anything after the name starting with `:` is a literal suffix, so
 * `:model:generateContent` matches `gemini-2.0-flash:generateContent` with `model = gemini-2.0-flash`.
 */
function matchSegment(pattern: string, segment: string, params: Record<string, string>): boolean {
  if (!pattern.startsWith(':')) return pattern === segment;
  const suffixAt = pattern.indexOf(':', 1);
  const name = suffixAt === -1 ? pattern.slice(1) : pattern.slice(1, suffixAt);
  const suffix = suffixAt === -1 ? '' : pattern.slice(suffixAt);
  if (!segment.endsWith(suffix) || segment.length === suffix.length) return false;
  params[name] = segment.slice(0, segment.length - suffix.length);
  return true;
}

function matchPattern(pattern: string | RegExp, split: SplitPath): Record<string, string> | undefined {
  if (pattern instanceof RegExp) {
    const m = pattern.exec(split.path);
    return m ? { ...(m.groups ?? {}) } : undefined;
  }
  const parts = pattern.split('/').slice(1);
  if (parts.length !== split.segments.length) return undefined;
  const params: Record<string, string> = {};
  return parts.every((p, i) => matchSegment(p, split.segments[i]!, params)) ? params : undefined;
}

/** The first route whose method and pattern match, or undefined. */
export function matchRoute(
  routes: readonly VendorRoute[],
  method: string,
  split: SplitPath,
): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, split);
    if (params) return { route, params };
  }
  return undefined;
}
