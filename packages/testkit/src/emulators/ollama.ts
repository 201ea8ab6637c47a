import type { VendorEmulator, VendorReply } from '../emulator/types.js';
import { handleChat } from './ollama/chat.js';
import { handleEmbed, handleLegacyEmbeddings } from './ollama/embed.js';
import { ollamaErrorMessage, ollamaErrorReply } from './ollama/errors.js';
import { DEFAULT_OLLAMA_MODELS, type OllamaEmulatedModel } from './ollama/models.js';
import { handleShow, handleTags } from './ollama/model-routes.js';

export { DEFAULT_OLLAMA_MODELS, type OllamaEmulatedModel } from './ollama/models.js';

/** Options of {@link createOllamaEmulator}. */
export interface OllamaEmulatorOptions {
  /** The models the server has "pulled" (default {@link DEFAULT_OLLAMA_MODELS}); others answer 404. */
  models?: readonly OllamaEmulatedModel[];
}

/** The version `GET /api/version` reports. */
const EMULATED_VERSION = '0.12.6';

/** Turns a recorded fixture into a reply: a JSON body, or one NDJSON line per chunk. */
function replayFixture(fixture: { format: 'json' | 'chunks'; text: string }): VendorReply {
  if (fixture.format === 'json') return { kind: 'json', status: 200, body: JSON.parse(fixture.text) };
  const lines = fixture.text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return {
    kind: 'stream',
    status: 200,
    contentType: 'application/x-ndjson',
    frames: lines.map((l) => `${l}\n`),
  };
}

/**
 * An Ollama emulator: `/api/chat` (NDJSON stream unless `stream: false`), `/api/embed`,
 * `/api/embeddings`, `/api/tags`, `/api/show`, `/api/version`, with Ollama's
 * `{"error": "…"}` bodies. No auth, as a local Ollama has none.
 */
export function createOllamaEmulator(options: OllamaEmulatorOptions = {}): VendorEmulator {
  const models = options.models ?? DEFAULT_OLLAMA_MODELS;
  return {
    vendor: 'ollama',
    routes: [
      { method: 'POST', pattern: '/api/chat', handle: (ctx) => handleChat(ctx, models) },
      { method: 'POST', pattern: '/api/embed', handle: (ctx) => handleEmbed(ctx, models) },
      { method: 'POST', pattern: '/api/embeddings', handle: (ctx) => handleLegacyEmbeddings(ctx, models) },
      { method: 'GET', pattern: '/api/tags', handle: () => handleTags(models) },
      { method: 'POST', pattern: '/api/show', handle: (ctx) => handleShow(ctx, models) },
      {
        method: 'GET',
        pattern: '/api/version',
        handle: () => ({ kind: 'json', status: 200, body: { version: EMULATED_VERSION } }),
      },
    ],
    errorReply: (fault, ctx) => ollamaErrorReply(fault, String(ctx.body?.model ?? '')),
    streamErrorFrame: (fault, ctx) =>
      `${JSON.stringify({ error: ollamaErrorMessage(fault.kind, String(ctx.body?.model ?? ''), fault.message) })}\n`,
    malformedFrame: () =>
      '{"model":"llama3.2","created_at":"2026-11-22T02:00:00Z","message":{"role":"assist\n',
    replay: (fixture) => replayFixture(fixture),
  };
}

/** The Ollama emulator with the default model list. */
export const ollamaEmulator: VendorEmulator = createOllamaEmulator();
