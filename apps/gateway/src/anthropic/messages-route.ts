import type { CallWarning, ChatRequestInput, Runtime } from '@pal/core';
import type { Context } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { endCallWhen } from '../http/end-call.js';
import { openStream } from '../http/open-stream.js';
import { describeWarnings, palHeaders } from '../http/pal-headers.js';
import { readBody } from '../http/read-body.js';
import { resultHeaders } from '../http/result-headers.js';
import { callOptions, type GatewayCallOptions } from '../http/call-options.js';
import { requestCall } from '../http/request-call.js';
import { SSE_HEADERS, type SseFrame, sseBody } from '../http/sse.js';
import { servedModel, toAnthropicMessage } from './message-body.js';
import { messageIdOf } from './message-id.js';
import { messagesRequestSchema } from './messages-request.js';
import { type AnthropicStreamEvent, anthropicStreamOf } from './message-stream.js';
import { routedRequest } from './routed-request.js';

/** How long a stream may be silent before a `ping` keeps the connection (and its proxies) alive. */
const PING_EVERY_MS = 10_000;
const PING_FRAME: SseFrame = { event: 'ping', data: JSON.stringify({ type: 'ping' }) };

/**
 * `POST /v1/messages`: Anthropic's Messages API over the PAL router, whichever provider serves.
 * The answer is the Messages JSON, or with `stream: true` Anthropic's SSE stream; PAL's
 * request id is in `x-request-id` and in `request-id` (where Anthropic's SDK reads it).
 */
export async function messagesRoute(c: Context, deps: GatewayDeps): Promise<Response> {
  const body = await readBody(c, messagesRequestSchema);
  const call = requestCall(c, body.stream ? 'stream' : 'chat');
  c.header('request-id', call.requestId);
  const { request, warnings, route } = routedRequest(body, deps.runtime.registry);
  const options = callOptions(c, route, call);
  if (body.stream) return streamAnswer(c, deps, request, warnings, options);
  const answer = deps.router.chat(request, options);
  endCallWhen(call, answer);
  const result = await answer;
  return c.json(toAnthropicMessage(result), 200, resultHeaders(result, describeWarnings(warnings)));
}

async function streamAnswer(
  c: Context,
  deps: GatewayDeps,
  request: ChatRequestInput,
  warnings: CallWarning[],
  options: GatewayCallOptions,
): Promise<Response> {
  const { call } = options;
  // a failure before the first token is still an HTTP error (404, 429…), not a 200 stream
  const stream = deps.router.stream(request, options);
  const opening = openStream(stream);
  endCallWhen(call, stream.result()); // the iteration has begun: result() waits for its end
  const opened = await opening;
  const { provider, model, id } = opened.start;
  const events = anthropicStreamOf(opened, {
    id: messageIdOf(id, call.requestId),
    model: servedModel(provider, model),
    inputTokens: await estimatedInput(
      deps.runtime,
      request,
      `${call.target.provider}/${call.target.modelId}`,
    ),
  });
  // known now: who serves, the attempts it took to get the first token, what was dropped or changed
  const headers = {
    ...SSE_HEADERS,
    ...palHeaders({
      provider,
      model,
      attempts: call.attempts.length,
      warnings: [...warnings, ...call.warnings],
    }),
  };
  const keepAlive = { everyMs: PING_EVERY_MS, frame: PING_FRAME };
  return c.body(sseBody(framesOf(events), { keepAlive }), 200, headers);
}

/** The prompt's tokens on the serving target, as PAL estimates them (0 when it cannot). */
async function estimatedInput(runtime: Runtime, request: ChatRequestInput, target: string): Promise<number> {
  try {
    return (await runtime.estimate({ ...request, model: target })).inputTokens;
  } catch {
    return 0;
  }
}

/** Anthropic's framing: every event named after its `type`. */
async function* framesOf(events: AsyncIterable<AnthropicStreamEvent>): AsyncGenerator<SseFrame> {
  for await (const event of events) yield { event: event.type, data: JSON.stringify(event) };
}
