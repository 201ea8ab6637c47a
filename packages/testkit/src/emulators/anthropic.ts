import type { VendorEmulator } from '../emulator/types.js';
import { authenticateAnthropic } from './anthropic/auth.js';
import { faultErrorReply, streamErrorFrame } from './anthropic/errors.js';
import { countTokensReply, messagesReply } from './anthropic/messages-route.js';
import { getModelReply, listModelsReply } from './anthropic/models.js';
import { replayAnthropicFixture } from './anthropic/replay.js';

/**
 * The Anthropic Messages API emulator: `POST /v1/messages` (JSON and `event:`-framed SSE,
 * `?beta=true` ignored), `POST /v1/messages/count_tokens`, `GET /v1/models[/{id}]`; both key
 * headers (`x-api-key`, `Authorization: Bearer`) and both `anthropic-version`s; Anthropic's
 * error bodies, `anthropic-ratelimit-*` headers and in-stream `error` events.
 */
export const anthropicEmulator: VendorEmulator = {
  vendor: 'anthropic',
  routes: [
    { method: 'POST', pattern: '/v1/messages', handle: messagesReply },
    { method: 'POST', pattern: '/v1/messages/count_tokens', handle: countTokensReply },
    { method: 'GET', pattern: '/v1/models', handle: listModelsReply },
    { method: 'GET', pattern: '/v1/models/:model', handle: getModelReply },
  ],
  authenticate: authenticateAnthropic,
  errorReply: (fault, ctx) => faultErrorReply(fault, ctx.body?.model ?? ctx.params.model),
  streamErrorFrame: (fault) => streamErrorFrame(fault),
  malformedFrame: () =>
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{\n\n',
  replay: replayAnthropicFixture,
};
