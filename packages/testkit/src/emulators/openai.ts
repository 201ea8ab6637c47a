import type { VendorEmulator } from '../emulator/types.js';
import { authenticateOpenAI } from './openai/auth.js';
import { openaiErrorBody, openaiErrorReply } from './openai/errors.js';
import { replayOpenAIFixture } from './openai/replay.js';
import { requestedModel } from './openai/request-shape.js';
import { OPENAI_ROUTES } from './openai/routes.js';
import { dataFrame, namedEventFrame } from './openai/sse.js';

/**
 * The OpenAI emulator: Chat Completions (JSON and SSE), Responses, embeddings, models and image
 * generation, on OpenAI's paths and Azure OpenAI's, with OpenAI's error bodies and headers.
 */
export const openaiEmulator: VendorEmulator = {
  vendor: 'openai',
  routes: [...OPENAI_ROUTES],
  authenticate: authenticateOpenAI,
  errorReply: openaiErrorReply,
  streamErrorFrame(fault, ctx) {
    const body = openaiErrorBody(fault.kind, requestedModel(ctx), fault.message);
    // the Responses API reports stream failures as a named `error` event; Chat Completions as a data line
    if (ctx.path.endsWith('/responses'))
      return namedEventFrame('error', { type: 'error', sequence_number: 0, ...body });
    return dataFrame(body);
  },
  malformedFrame: () =>
    'data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"delta":\n\n',
  replay: replayOpenAIFixture,
};
