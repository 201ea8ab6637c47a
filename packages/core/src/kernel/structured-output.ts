import type { z } from 'zod';
import type { ChatRequestInput } from '../contracts/chat-request.js';
import type { ChatResult } from '../contracts/chat-result.js';
import { isZodSchema } from '../contracts/json-schema.js';
import { PalError } from '../errors/pal-error.js';
import { formatPath } from './validate-request.js';

/** The zod schemas a request gave (before they were turned into JSON Schema for the vendor). */
export interface OutputSchemas {
  /** `responseFormat` is JSON: parse the answer (and validate it, with `object`). */
  json: boolean;
  object?: z.ZodType;
  /** Tool parameters given as zod schemas, by tool name. */
  tools?: Map<string, z.ZodType>;
}

/** What of `input` decides how a result is decoded; undefined when nothing is to decode. */
export function outputSchemasOf(input: ChatRequestInput): OutputSchemas | undefined {
  const format = input.responseFormat;
  const json = format?.type === 'json';
  let tools: Map<string, z.ZodType> | undefined;
  for (const tool of input.tools ?? []) {
    if (!isZodSchema(tool.parameters)) continue;
    tools ??= new Map();
    tools.set(tool.name, tool.parameters);
  }
  if (!json && !tools) return undefined;
  const object =
    json && format && 'schema' in format && isZodSchema(format.schema) ? format.schema : undefined;
  return { json, ...(object && { object }), ...(tools && { tools }) };
}

/**
 * Decodes a result for its request, in place: `object` from the JSON answer (validated by the
 * response schema when it is zod), and each tool call's `arguments` validated by its tool's zod
 * schema (and replaced by the parsed output, defaults and transforms applied). A mismatch is a
 * SERIALIZATION_ERROR that carries the text or arguments, and the zod issues, in `details`.
 */
export function decodeResult<R extends ChatResult>(result: R, schemas: OutputSchemas | undefined): R {
  if (!schemas) return result;
  if (schemas.tools) {
    for (const call of result.toolCalls) {
      const schema = schemas.tools.get(call.name);
      if (!schema) continue;
      const parsed = schema.safeParse(call.arguments);
      if (!parsed.success) {
        throw mismatch(
          `The arguments of tool "${call.name}" do not match its parameters`,
          parsed.error,
          { toolName: call.name, toolCallId: call.id, arguments: call.arguments },
          result,
        );
      }
      call.arguments = parsed.data;
      for (const part of result.content)
        if (part.type === 'tool-call' && part.id === call.id) part.arguments = parsed.data;
    }
  }
  if (schemas.json && result.finishReason !== 'tool-calls') {
    let value: unknown;
    try {
      value = JSON.parse(result.text);
    } catch {
      throw new PalError({
        code: 'SERIALIZATION_ERROR',
        message: `The model was asked for JSON but answered text that is not JSON${result.finishReason === 'length' ? ' (it stopped at maxOutputTokens)' : ''}`,
        retryable: false,
        provider: result.provider,
        model: result.model,
        details: { text: result.text, finishReason: result.finishReason },
      });
    }
    if (schemas.object) {
      const parsed = schemas.object.safeParse(value);
      if (!parsed.success)
        throw mismatch(
          'The JSON answer does not match the response schema',
          parsed.error,
          { text: result.text },
          result,
        );
      value = parsed.data;
    }
    result.object = value;
  }
  return result;
}

function mismatch(
  what: string,
  error: z.ZodError,
  details: Record<string, unknown>,
  result: ChatResult,
): PalError {
  const issues = error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const first = issues[0];
  return new PalError({
    code: 'SERIALIZATION_ERROR',
    message: `${what}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
    retryable: false,
    provider: result.provider,
    model: result.model,
    details: { ...details, issues },
  });
}
