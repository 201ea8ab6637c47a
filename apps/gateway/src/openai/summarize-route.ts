import { z } from '@pal/core/provider';
import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';
import { callOptions } from '../http/call-options.js';
import { endCallWhen } from '../http/end-call.js';
import { palField } from '../http/pal-field.js';
import { resultHeaders } from '../http/result-headers.js';
import { readBody } from '../http/read-body.js';
import { requestCall } from '../http/request-call.js';
import { routeExtensionsShape, routeOf } from '../http/route-extensions.js';

const summarizeSchema = z.strictObject({
  content: z.string().trim().min(1, 'content is empty: give the text to summarise'),
  /** Default `auto`: the router picks (with `provider_hint`, by that hint). */
  model: z.string().min(1).optional(),
  ...routeExtensionsShape,
});

const INSTRUCTION =
  'Summarise the text the user sends in at most three sentences, in its own language. ' +
  'Answer with the summary only.';

/**
 * `POST /v1/summarize { content, provider_hint?, model?, provider?, fallbacks? }` (seed 002): a
 * short summary of `content` through the router, `model` `auto` unless given, so `provider_hint`
 * (`cheapest`, `local_preferred`…) picks the target. PAL's own dialect: the answer is
 * `{ summary, request_id, provider, model, usage, pal }` and errors are PAL's error JSON.
 */
export function registerSummarize(app: Hono, deps: GatewayDeps): void {
  app.post('/v1/summarize', async (c) => {
    const body = await readBody(c, summarizeSchema);
    const call = requestCall(c, 'chat');
    const { model, route } = routeOf(body.model ?? 'auto', body, deps.runtime.registry);
    const answer = deps.router.chat(
      {
        model,
        messages: [
          { role: 'system', content: INSTRUCTION },
          { role: 'user', content: body.content },
        ],
        maxOutputTokens: 300,
      },
      callOptions(c, route, call),
    );
    endCallWhen(call, answer);
    const result = await answer;
    return c.json(
      {
        summary: result.text.trim(),
        request_id: result.requestId,
        provider: result.provider,
        model: result.model,
        usage: {
          input_tokens: result.usage.inputTokens,
          output_tokens: result.usage.outputTokens,
          total_tokens: result.usage.totalTokens,
        },
        pal: palField(result),
      },
      200,
      resultHeaders(result),
    );
  });
}
