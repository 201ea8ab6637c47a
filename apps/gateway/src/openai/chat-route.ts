import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { callOptions } from '../http/call-options.js';
import { endCallWhen } from '../http/end-call.js';
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
 * The route owns the logical call (`requestCall`) and ends it when the answer has settled.
 */
export function registerChatCompletions(app: Hono, deps: GatewayDeps): void {
  app.post('/v1/chat/completions', async (c) => {
    const body = await readBody(c, chatRequestSchema);
    const call = requestCall(c, body.stream ? 'stream' : 'chat');
    const chat = toPalRequest(body, deps.runtime.registry);
    const options = callOptions(c, chat.route, call);
    const created = Math.floor(Date.now() / 1000);

    if (!chat.stream) {
      const answer = deps.router.chat(chat.request, options);
      endCallWhen(call, answer);
      const result = await answer;
      return c.json(toCompletion(result, chat.notes, created), 200, resultHeaders(result, chat.notes));
    }

    const stream = deps.router.stream(chat.request, options);
    // nothing is written before the first token: a stream that cannot start is a plain HTTP error
    const opening = openStream(stream);
    endCallWhen(call, stream.result()); // the iteration has begun: result() waits for its end
    const opened = await opening;
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
