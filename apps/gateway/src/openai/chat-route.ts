import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { openStream } from '../http/open-stream.js';
import { palHeaders } from '../http/pal-headers.js';
import { readBody } from '../http/read-body.js';
import { resultHeaders } from '../http/result-headers.js';
import { requestCall } from '../http/request-call.js';
import { SSE_HEADERS, sseBody } from '../http/sse.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { completionFrames } from './completion-chunks.js';
import { completionId, servedModel, toCompletion } from './to-completion.js';
import { toPalRequest } from './to-pal-request.js';

/**
 * `POST /v1/chat/completions`: an OpenAI chat request, translated to PAL's, served by the router,
 * answered as a `chat.completion` or, with `stream: true`, as `chat.completion.chunk` SSE frames.
 * The client's connection is the call's signal: a client that goes away aborts the upstream call.
 */
export function registerChatCompletions(app: Hono, deps: GatewayDeps): void {
  app.post('/v1/chat/completions', async (c) => {
    const body = await readBody(c, chatRequestSchema);
    const chat = toPalRequest(body, deps.runtime.registry);
    const signal = c.req.raw.signal;
    const created = Math.floor(Date.now() / 1000);

    if (!chat.stream) {
      const call = requestCall(c, 'chat');
      const result = await deps.router.chat(chat.request, { ...chat.route, call, signal });
      return c.json(toCompletion(result, chat.notes, created), 200, resultHeaders(result, chat.notes));
    }

    const call = requestCall(c, 'stream');
    const stream = deps.router.stream(chat.request, { ...chat.route, call, signal });
    // nothing is written before the first token: a stream that cannot start is a plain HTTP error
    const opened = await openStream(stream);
    const { provider, model } = opened.start;
    const frames = completionFrames(opened, {
      id: completionId(opened.start.id, call.requestId),
      created,
      model: servedModel(provider, model),
      requestId: call.requestId,
      includeUsage: chat.includeUsage,
      notes: chat.notes,
      result: () => stream.result(),
    });
    // headers go out now, with what is known at the first token (who serves, the attempts so far,
    // the gateway's notes); the cost is known only after the last token: it comes in the body
    const headers = {
      ...SSE_HEADERS,
      ...palHeaders({ provider, model, attempts: call.attempts.length, notes: chat.notes }),
    };
    return c.body(sseBody(frames), 200, headers);
  });
}
