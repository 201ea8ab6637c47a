import { randomUUID } from 'node:crypto';
import { countTokens, type NeutralRequest, planAnswer } from '../emulator/defaults.js';
import { sampleToolArguments } from '../emulator/sample-value.js';
import type {
  JsonReply,
  ScriptStep,
  VendorEmulator,
  VendorReply,
  VendorRequestContext,
} from '../emulator/types.js';
import { authenticateBedrock } from './bedrock/auth.js';
import { converseBody, converseStreamFrames } from './bedrock/converse-reply.js';
import { forcedTool, isValidModelId, neutralFromConverse } from './bedrock/converse-request.js';
import { bedrockErrorReply, errorReplyFor, streamErrorFrameFor } from './bedrock/errors.js';
import { corruptedCrcFrame, EVENT_STREAM_CONTENT_TYPE } from './bedrock/event-frames.js';
import { invokeModel } from './bedrock/invoke.js';
import { replayBedrockFixture } from './bedrock/replay.js';
import {
  checkClaudeThinking,
  claudeShowsThinking,
  claudeThinkingOf,
  REDACTED_THINKING_TRIGGER,
  redactedThinkingFor,
} from './bedrock/thinking.js';

/** Rejects what Bedrock rejects before running a model: a malformed model id, a conversation without messages. */
function validateConverse(ctx: VendorRequestContext): JsonReply | undefined {
  if (!isValidModelId(ctx.params.model ?? '')) {
    return bedrockErrorReply('ValidationException', 'The provided model identifier is invalid.');
  }
  const messages = ctx.body?.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages[0]?.role !== 'user') {
    return bedrockErrorReply(
      'ValidationException',
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  return checkClaudeThinking(ctx.params.model ?? '', ctx.body);
}

/** A forced tool (`toolChoice: {tool}` / `{any}`) is always called, as Bedrock models must. */
function effectiveStep(ctx: VendorRequestContext): ScriptStep {
  const forced = forcedTool(ctx.body);
  if (!forced || ctx.step.toolCalls || ctx.step.text !== undefined) return ctx.step;
  return { ...ctx.step, toolCalls: [{ name: forced.name, arguments: sampleToolArguments(forced.schema) }] };
}

/**
 * Claude with thinking on thinks at the start of its turn (not after a tool result: no
 * interleaved thinking): reasoning text unless the step scripts its own, and redacted thinking
 * instead when the prompt holds Anthropic's trigger.
 */
function withThinking(
  ctx: VendorRequestContext,
  neutral: NeutralRequest,
  step: ScriptStep,
): { step: ScriptStep; redacted?: string } {
  if (!claudeThinkingOf(ctx.params.model ?? '', ctx.body) || neutral.lastIsToolResult) return { step };
  if (neutral.lastUserText.includes(REDACTED_THINKING_TRIGGER)) {
    return { step, redacted: redactedThinkingFor(neutral.promptText) };
  }
  if (step.reasoning !== undefined) return { step };
  return { step: { ...step, reasoning: `Considering: ${neutral.lastUserText}` } };
}

function converse(ctx: VendorRequestContext, stream: boolean): VendorReply {
  const invalid = validateConverse(ctx);
  if (invalid) return invalid;
  const neutral = neutralFromConverse(ctx.body);
  const { step, redacted } = withThinking(ctx, neutral, effectiveStep(ctx));
  const answer = planAnswer(neutral, step);
  const headers = { 'x-amzn-requestid': randomUUID() };
  const shown = claudeShowsThinking(ctx.params.model ?? '', ctx.body);
  if (!stream) {
    return { kind: 'json', status: 200, headers, body: converseBody(answer, step, redacted, shown) };
  }
  return {
    kind: 'stream',
    contentType: EVENT_STREAM_CONTENT_TYPE,
    headers,
    frames: converseStreamFrames(answer, step, redacted, shown),
  };
}

/** CountTokens (free): `{input: {converse: {messages, system}}}` or `{input: {invokeModel: {body}}}` → `{inputTokens}`. */
function countTokensReply(ctx: VendorRequestContext): JsonReply {
  if (!isValidModelId(ctx.params.model ?? '')) {
    return bedrockErrorReply('ValidationException', 'The provided model identifier is invalid.');
  }
  const input = ctx.body?.input;
  const text = input?.converse
    ? neutralFromConverse(input.converse).promptText
    : String(input?.invokeModel?.body ?? '');
  if (!input?.converse && !input?.invokeModel)
    return bedrockErrorReply('ValidationException', 'input is required');
  return {
    kind: 'json',
    status: 200,
    headers: { 'x-amzn-requestid': randomUUID() },
    body: { inputTokens: countTokens(text) },
  };
}

/** A route pattern for `/model/{modelId}/<action>`; the framework hands over the percent-decoded model id. */
const modelRoute = (action: string) => new RegExp(`^/model/(?<model>[^/]+)/${action}$`);

/**
 * The Amazon Bedrock Runtime emulator: Converse (JSON), ConverseStream (binary
 * `application/vnd.amazon.eventstream` frames), Claude's extended and adaptive thinking (signed and
 * redacted reasoning, the display Claude 4.7+ omit by default, and the API's checks on thinking and
 * on the sampling Claude 4.7+ refuse), InvokeModel for Titan / Cohere embeddings and
 * Nova Canvas / Titan image generation, CountTokens, SigV4 or bearer auth, and Bedrock's
 * `x-amzn-errortype` error replies and mid-stream exception frames.
 */
export const bedrockEmulator: VendorEmulator = {
  vendor: 'bedrock',
  routes: [
    { method: 'POST', pattern: modelRoute('converse'), handle: (ctx) => converse(ctx, false) },
    { method: 'POST', pattern: modelRoute('converse-stream'), handle: (ctx) => converse(ctx, true) },
    { method: 'POST', pattern: modelRoute('invoke'), handle: invokeModel },
    { method: 'POST', pattern: modelRoute('count-tokens'), handle: countTokensReply },
  ],
  errorReply: (fault) => errorReplyFor(fault),
  streamErrorFrame: (fault) => streamErrorFrameFor(fault),
  malformedFrame: corruptedCrcFrame,
  authenticate: authenticateBedrock,
  replay: (fixture) => replayBedrockFixture(fixture),
};
