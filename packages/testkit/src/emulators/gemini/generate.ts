import {
  countTokens,
  deterministicId,
  type PlannedAnswer,
  planAnswer,
  splitIntoChunks,
} from '../../emulator/defaults.js';
import { sampleToolArguments } from '../../emulator/sample-value.js';
import type { JsonReply, StreamReply, VendorRequestContext } from '../../emulator/types.js';
import { googleError } from './errors.js';
import {
  type GeminiGenerateRequest,
  type GeminiPart,
  isGemini3,
  readGeminiRequest,
  validateGeminiRequest,
} from './read-request.js';

/** Gemini's `usageMetadata`. */
interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  promptTokensDetails: Array<{ modality: string; tokenCount: number }>;
}

/** What a Gemini call will answer, after the request's own limits (maxOutputTokens, stop sequences). */
interface GeminiAnswer {
  plan: PlannedAnswer;
  finishReason: string;
  modelVersion: string;
  responseId: string;
  /** Gemini 3: parts carry thought signatures. */
  signs: boolean;
}

/** Cuts the planned text at the first stop sequence and at `maxOutputTokens`, as the API does. */
function applyLimits(
  plan: PlannedAnswer,
  body: GeminiGenerateRequest,
  scriptedUsage: boolean,
): PlannedAnswer['finish'] {
  const config = body.generationConfig ?? {};
  let finish = plan.finish;
  for (const stop of config.stopSequences ?? []) {
    const at = plan.text.indexOf(stop);
    if (stop && at >= 0) plan.text = plan.text.slice(0, at);
  }
  const max = config.maxOutputTokens;
  if (max !== undefined && plan.toolCalls.length === 0 && countTokens(plan.text) > max) {
    plan.text = plan.text.slice(0, max * 4);
    finish = 'length';
  }
  if (!scriptedUsage)
    plan.usage.outputTokens = countTokens(plan.text) + plan.usage.reasoningTokens + toolTokens(plan);
  if (max !== undefined && !scriptedUsage) plan.usage.outputTokens = Math.min(plan.usage.outputTokens, max);
  return finish;
}

function toolTokens(plan: PlannedAnswer): number {
  return plan.toolCalls.reduce((s, c) => s + countTokens(c.name + JSON.stringify(c.arguments)), 0);
}

/** Forces a function call when `toolConfig.functionCallingConfig.mode` is `ANY`, as the API does. */
function forceToolCall(plan: PlannedAnswer, body: GeminiGenerateRequest, seed: string): void {
  const fcc = body.toolConfig?.functionCallingConfig;
  if (fcc?.mode !== 'ANY' || plan.toolCalls.length > 0) return;
  const declarations = (body.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
  const chosen = declarations.find(
    (d) => !fcc.allowedFunctionNames || fcc.allowedFunctionNames.includes(d.name),
  );
  if (!chosen) return;
  const neutral = readGeminiRequest(body);
  const args = sampleToolArguments(neutral.toolSchemas?.[chosen.name]);
  plan.toolCalls = [{ id: deterministicId('call_', seed), name: chosen.name, arguments: args }];
  plan.text = '';
  plan.finish = 'tool-calls';
}

/** Plans the whole answer for a generate / stream call. */
function planGeminiAnswer(ctx: VendorRequestContext): GeminiAnswer {
  const body = ctx.body as GeminiGenerateRequest;
  const neutral = readGeminiRequest(body);
  const plan = planAnswer(neutral, ctx.step);
  forceToolCall(plan, body, neutral.promptText);
  const finish = applyLimits(plan, body, ctx.step.usage?.outputTokens !== undefined);
  plan.textChunks = splitIntoChunks(plan.text, ctx.step.chunks ?? 3);
  const finishReason = ctx.step.finishReason ?? (finish === 'length' ? 'MAX_TOKENS' : 'STOP');
  return {
    plan,
    finishReason,
    modelVersion: ctx.params.model ?? 'gemini-2.5-flash',
    responseId: deterministicId('', `${neutral.promptText}:${JSON.stringify(ctx.step)}`).slice(0, 22),
    signs: isGemini3(ctx.params.model),
  };
}

function usageMetadata(plan: PlannedAnswer, candidatesTokens: number | undefined): UsageMetadata {
  const { inputTokens, cachedInputTokens, reasoningTokens } = plan.usage;
  const candidates = candidatesTokens === undefined ? undefined : Math.max(0, candidatesTokens);
  return {
    promptTokenCount: inputTokens,
    ...(candidates !== undefined && { candidatesTokenCount: candidates }),
    totalTokenCount: inputTokens + (candidates ?? 0) + reasoningTokens,
    ...(cachedInputTokens > 0 && { cachedContentTokenCount: cachedInputTokens }),
    ...(reasoningTokens > 0 && { thoughtsTokenCount: reasoningTokens }),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
  };
}

/** An opaque, deterministic stand-in for the encrypted thought signature Gemini 3 returns. */
function thoughtSignature(answer: GeminiAnswer, what: string): string {
  return Buffer.from(`emulated-thought:${answer.responseId}:${what}`).toString('base64');
}

/**
 * The answer's function calls. Gemini 3 signs the first one of a response (parallel calls after it
 * carry none) and refuses a later turn that replays it without the signature.
 */
function functionCallParts(answer: GeminiAnswer): GeminiPart[] {
  return answer.plan.toolCalls.map((c, i) => ({
    functionCall: { name: c.name, args: c.arguments },
    ...(answer.signs && i === 0 && { thoughtSignature: thoughtSignature(answer, c.name) }),
  }));
}

/** Gemini 3 also signs the last text part of an answer without function calls. */
function signLastText(answer: GeminiAnswer, parts: GeminiPart[]): GeminiPart[] {
  const last = parts.at(-1);
  if (!answer.signs || answer.plan.toolCalls.length > 0 || last?.text === undefined || last.thought)
    return parts;
  return [...parts.slice(0, -1), { ...last, thoughtSignature: thoughtSignature(answer, 'text') }];
}

function responseBody(
  answer: GeminiAnswer,
  parts: GeminiPart[],
  usage: UsageMetadata,
  final: boolean,
): unknown {
  return {
    candidates: [
      {
        content: { parts, role: 'model' },
        ...(final && { finishReason: answer.finishReason }),
        index: 0,
        ...(final &&
          answer.plan.toolCalls.length > 0 && { finishMessage: 'Model generated function call(s).' }),
      },
    ],
    usageMetadata: usage,
    modelVersion: answer.modelVersion,
    responseId: answer.responseId,
  };
}

/** Candidate (visible) output tokens: the output minus the thinking tokens. */
function candidateTokens(plan: PlannedAnswer): number {
  return plan.usage.outputTokens - plan.usage.reasoningTokens;
}

/** `POST /v1beta/models/{m}:generateContent` */
export function generateContent(ctx: VendorRequestContext): JsonReply {
  const problem = validateGeminiRequest(ctx.body, ctx.params.model);
  if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
  const answer = planGeminiAnswer(ctx);
  const { plan } = answer;
  const parts: GeminiPart[] = signLastText(answer, [
    ...(plan.reasoning ? [{ text: plan.reasoning, thought: true }] : []),
    ...(plan.text || plan.toolCalls.length === 0 ? [{ text: plan.text }] : []),
    ...functionCallParts(answer),
  ]);
  return {
    kind: 'json',
    status: 200,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: responseBody(answer, parts, usageMetadata(plan, candidateTokens(plan)), true),
  };
}

/** Encodes one Gemini SSE event: `data: <one-line JSON>` and a CRLF blank line, nothing else. */
export function sseFrame(json: unknown): string {
  return `data: ${JSON.stringify(json)}\r\n\r\n`;
}

/**
 * `POST /v1beta/models/{m}:streamGenerateContent?alt=sse`: one chunk per text piece (thought parts
 * first), function calls whole in one chunk, `usageMetadata` on every chunk growing to the final
 * figures, `finishReason` on the last chunk, then the connection closes (no terminal marker).
 */
export function streamGenerateContent(ctx: VendorRequestContext): StreamReply | JsonReply {
  const problem = validateGeminiRequest(ctx.body, ctx.params.model);
  if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
  if (ctx.query.get('alt') !== 'sse') {
    // Without alt=sse the real API streams a JSON array; the SDKs never ask for it.
    return googleError(
      400,
      'INVALID_ARGUMENT',
      'The emulator serves streamGenerateContent with alt=sse only.',
    );
  }
  const answer = planGeminiAnswer(ctx);
  const { plan } = answer;
  const pieces: GeminiPart[][] = [
    ...(plan.reasoning ? [[{ text: plan.reasoning, thought: true }]] : []),
    ...plan.textChunks.map((text) => [{ text }]),
    ...(plan.toolCalls.length > 0 ? [functionCallParts(answer)] : []),
  ];
  if (pieces.length === 0) pieces.push([{ text: '' }]);
  pieces.push(signLastText(answer, pieces.pop()!));
  const finalCandidates = candidateTokens(plan);
  let emittedChars = 0;
  const frames = pieces.map((parts, i) => {
    const final = i === pieces.length - 1;
    emittedChars += parts.reduce((s, p) => s + (p.thought ? 0 : (p.text?.length ?? 0)), 0);
    const sofar = final
      ? finalCandidates
      : Math.min(finalCandidates, countTokens(plan.text.slice(0, emittedChars)));
    return sseFrame(responseBody(answer, parts, usageMetadata(plan, sofar), final));
  });
  return { kind: 'stream', status: 200, contentType: 'text/event-stream', frames };
}
