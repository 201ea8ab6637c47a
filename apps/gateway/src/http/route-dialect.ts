import { anthropicDialect, type Dialect, openaiDialect, palDialect } from './dialect.js';

/** The dialect of the routes under a path: OpenAI's for `/v1/*`, Anthropic's for `/v1/messages*`, PAL's elsewhere. */
export function dialectFor(path: string): Dialect {
  if (path.startsWith('/v1/messages')) return anthropicDialect;
  if (path === '/v1/summarize') return palDialect; // PAL's own endpoint under /v1 (seed 002)
  if (path.startsWith('/v1/')) return openaiDialect;
  return palDialect;
}
