import { splitIntoChunks } from '../../emulator/defaults.js';
import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { completionMeta } from './chat-completion.js';
import { type OpenAIPlan, planOpenAIAnswer } from './chat-plan.js';
import { contextLengthRejection } from './context-window.js';
import { openaiError } from './errors.js';
import { neutralFromResponses } from './neutral-request.js';
import { requestedModel } from './request-shape.js';
import { type ResponseOutputItem, responseObject, responseOutput } from './response-object.js';
import { namedEventFrame, SSE_CONTENT_TYPE, STREAM_HEADERS } from './sse.js';
import { successHeaders } from './success-headers.js';
import { requireJsonObject, requireModel } from './validate.js';

/** The stream events that build one output item, in the API's order. */
function itemEvents(
  item: ResponseOutputItem,
  outputIndex: number,
  pieces: number,
): Array<Record<string, unknown>> {
  const base = { output_index: outputIndex, item_id: item.id };
  const events: Array<Record<string, unknown>> = [];
  if (item.type === 'message') {
    const text = item.content[0]!.text;
    events.push({
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, status: 'in_progress', content: [] },
    });
    const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
    events.push({ type: 'response.content_part.added', ...base, content_index: 0, part });
    for (const delta of splitIntoChunks(text, pieces)) {
      events.push({ type: 'response.output_text.delta', ...base, content_index: 0, delta, logprobs: [] });
    }
    events.push({ type: 'response.output_text.done', ...base, content_index: 0, text, logprobs: [] });
    events.push({ type: 'response.content_part.done', ...base, content_index: 0, part: { ...part, text } });
  } else if (item.type === 'function_call') {
    events.push({
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, arguments: '', status: 'in_progress' },
    });
    for (const delta of splitIntoChunks(item.arguments, pieces)) {
      events.push({ type: 'response.function_call_arguments.delta', ...base, delta });
    }
    events.push({ type: 'response.function_call_arguments.done', ...base, arguments: item.arguments });
  } else {
    const text = item.summary[0]!.text;
    events.push({
      type: 'response.output_item.added',
      output_index: outputIndex,
      item: { ...item, summary: [] },
    });
    events.push({
      type: 'response.reasoning_summary_part.added',
      ...base,
      summary_index: 0,
      part: { type: 'summary_text', text: '' },
    });
    for (const delta of splitIntoChunks(text, pieces)) {
      events.push({ type: 'response.reasoning_summary_text.delta', ...base, summary_index: 0, delta });
    }
    events.push({ type: 'response.reasoning_summary_text.done', ...base, summary_index: 0, text });
    events.push({
      type: 'response.reasoning_summary_part.done',
      ...base,
      summary_index: 0,
      part: { type: 'summary_text', text },
    });
  }
  events.push({ type: 'response.output_item.done', output_index: outputIndex, item });
  return events;
}

function streamEvents(plan: OpenAIPlan, meta: Parameters<typeof responseObject>[1], pieces: number) {
  const output = responseOutput(plan, meta.id);
  const final = responseObject(plan, meta, 'final', output);
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: responseObject(plan, meta, 'in_progress', []) },
    { type: 'response.in_progress', response: responseObject(plan, meta, 'in_progress', []) },
    ...output.flatMap((item, i) => itemEvents(item, i, pieces)),
    { type: final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response: final },
  ];
  return events.map((event, sequence) => ({ type: event.type, sequence_number: sequence, ...event }));
}

/** `POST /v1/responses`: a Responses API answer (JSON, or named SSE events ending with `response.completed`). */
export function responsesReply(ctx: VendorRequestContext): VendorReply {
  const rejection = requireJsonObject(ctx) ?? requireModel(ctx);
  if (rejection) return rejection;
  const body = ctx.body as Record<string, unknown>;
  if (body.input === undefined) {
    return openaiError(ctx, 400, {
      message: "Missing required parameter: 'input'.",
      type: 'invalid_request_error',
      param: 'input',
      code: 'missing_required_parameter',
    });
  }
  const neutral = neutralFromResponses(body);
  const tooLong = contextLengthRejection(ctx, neutral, 'responses');
  if (tooLong) return tooLong;
  const plan = planOpenAIAnswer(neutral, ctx.step, {
    toolChoice: body.tool_choice,
    maxOutputTokens: body.max_output_tokens,
  });
  const { id, created } = completionMeta(requestedModel(ctx), neutral.promptText, false);
  const meta = { id: id.replace('chatcmpl-', 'resp_'), model: requestedModel(ctx), createdAt: created, body };
  const headers = successHeaders(ctx, plan.usage.inputTokens + plan.usage.outputTokens);
  if (body.stream !== true) {
    return {
      kind: 'json',
      status: 200,
      headers,
      body: responseObject(plan, meta, 'final', responseOutput(plan, meta.id)),
    };
  }
  return {
    kind: 'stream',
    contentType: SSE_CONTENT_TYPE,
    headers: { ...STREAM_HEADERS, ...headers },
    frames: streamEvents(plan, meta, ctx.step.chunks ?? 3).map((event) =>
      namedEventFrame(event.type as string, event),
    ),
  };
}
