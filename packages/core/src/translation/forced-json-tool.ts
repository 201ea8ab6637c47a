import type { AssistantContentPart } from '../contracts/content.js';
import type { FinishReason } from '../contracts/chat-result.js';
import type { JsonSchema } from '../contracts/json-schema.js';
import type { ResponseFormat } from '../contracts/response-format.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { Warn } from './call-warnings.js';
import { stringifyToolArguments } from './tool-arguments-json.js';

/**
 * The tool a JSON answer is forced through on APIs that have tool use but no JSON mode
 * (Anthropic Messages, Bedrock Converse): the model is made to call it, and its arguments are the answer.
 */
export interface ForcedJsonTool {
  name: string;
  description: string;
  /** The requested schema, else any object. */
  schema: JsonSchema;
}

/**
 * The forced JSON tool for a request's `responseFormat`: named `format.name` (else `defaultName`),
 * described by `format.description` (else a generic instruction), with the requested schema (else
 * any object). Undefined unless JSON was asked for. The caller offers it and forces the call;
 * {@link answerFromForcedJsonTool} and {@link streamAnswerFromForcedJsonTool} turn the call back into the answer.
 */
export function forcedJsonTool(
  format: ResponseFormat | undefined,
  defaultName: string,
): ForcedJsonTool | undefined {
  if (format?.type !== 'json') return undefined;
  return {
    name: format.name ?? defaultName,
    description: format.description ?? 'Give the answer as JSON matching this schema.',
    schema: format.schema ?? { type: 'object', additionalProperties: true },
  };
}

/**
 * Warns `changed-setting` when a request sets `toolChoice` and asks for JSON through a forced tool:
 * the forced tool replaces the choice (the model must call it, so it calls no other tool).
 * @example
 * if (json) warnToolChoiceReplaced(request, warn);
 */
export function warnToolChoiceReplaced(request: ChatRequest, warn: Warn): void {
  if (request.toolChoice === undefined) return;
  warn({
    type: 'changed-setting',
    setting: 'toolChoice',
    details: 'JSON output is forced through a tool, which replaces the tool choice (no other tool is called)',
  });
}

/**
 * A result answered through the forced JSON tool `toolName`, as the JSON answer: the tool's call
 * becomes its arguments as JSON text, and a `tool-calls` finish becomes `stop`. A result without
 * that call (or no `toolName`) is returned as it is.
 */
export function answerFromForcedJsonTool<
  Result extends { content: AssistantContentPart[]; finishReason: FinishReason },
>(result: Result, toolName: string | undefined): Result {
  let answered = false;
  const content = result.content.map((part): AssistantContentPart => {
    if (part.type !== 'tool-call' || part.name !== toolName) return part;
    answered = true;
    return { type: 'text', text: stringifyToolArguments(part.arguments) };
  });
  if (!answered) return result;
  const finishReason = result.finishReason === 'tool-calls' ? 'stop' : result.finishReason;
  return { ...result, content, finishReason };
}

/**
 * The stream of a request answered through the forced JSON tool `toolName`: the call's argument
 * pieces stream as `text-delta`s (its whole `tool-call` event is dropped, or sent as one text when
 * no pieces came), and a `tool-calls` finish becomes `stop`. Other events, and every event when
 * `toolName` is undefined, pass through.
 */
export async function* streamAnswerFromForcedJsonTool(
  events: AsyncIterable<ProviderStreamEvent>,
  toolName: string | undefined,
): AsyncGenerator<ProviderStreamEvent> {
  const answerIndexes = new Set<number>();
  let answered = false;
  for await (const event of events) {
    if (toolName === undefined) yield event;
    else if (
      event.type === 'tool-call-delta' &&
      (event.name === toolName || answerIndexes.has(event.index))
    ) {
      answerIndexes.add(event.index);
      answered = true;
      if (event.argumentsDelta) yield { type: 'text-delta', text: event.argumentsDelta };
    } else if (event.type === 'tool-call' && event.name === toolName) {
      if (!answered) yield { type: 'text-delta', text: stringifyToolArguments(event.arguments) };
      answered = true;
    } else if (event.type === 'finish' && answered && event.finishReason === 'tool-calls') {
      yield { ...event, finishReason: 'stop' };
    } else yield event;
  }
}
