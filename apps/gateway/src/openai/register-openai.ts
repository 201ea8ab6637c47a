import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { registerChatCompletions } from './chat-route.js';
import { registerEmbeddings } from './embeddings-route.js';
import { registerModels } from './models-route.js';
import { registerSummarize } from './summarize-route.js';

/**
 * The OpenAI-compatible surface: `POST /v1/chat/completions` (JSON and SSE), `POST /v1/embeddings`,
 * `GET /v1/models` and `GET /v1/models/{id}`, errors in OpenAI's shape; and PAL's
 * `POST /v1/summarize` (PAL's dialect). See `src/openai/README.md` for what each OpenAI field becomes.
 */
export function registerOpenAI(app: Hono, deps: GatewayDeps): void {
  registerChatCompletions(app, deps);
  registerEmbeddings(app, deps);
  registerModels(app, deps);
  registerSummarize(app, deps);
}
