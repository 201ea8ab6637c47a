import { PalError } from '@pal/core';

/** A tool call's JSON arguments as OpenAI sends them (a string) → the parsed value; `""` is `{}`. */
export function parseToolArguments(raw: string, toolName: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch (cause) {
    throw new PalError({
      code: 'SERIALIZATION_ERROR',
      message: `tool call "${toolName}" has invalid JSON arguments`,
      cause,
    });
  }
}

/** Parsed tool-call arguments → the JSON string both OpenAI APIs expect back in the history. */
export function toolArgumentsJson(args: unknown): string {
  return JSON.stringify(args ?? {});
}
