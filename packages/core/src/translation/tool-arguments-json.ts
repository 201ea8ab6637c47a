import { PalError } from '../errors/pal-error.js';

/**
 * A tool call's arguments as a vendor sends them (a JSON string, or its streamed pieces joined)
 * → the parsed value. An empty or blank string is `{}` (a call without arguments); text that is
 * not JSON is a SERIALIZATION_ERROR naming the tool (the provider's error mapper adds provider and model).
 * @example
 * parseToolArguments('{"city":"Paris"}', 'get_weather'); // { city: 'Paris' }
 */
export function parseToolArguments(json: string, toolName: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new PalError({
      code: 'SERIALIZATION_ERROR',
      message: `tool call "${toolName}" has invalid JSON arguments`,
      cause,
    });
  }
}

/** Parsed tool-call arguments → the JSON string vendors that take arguments as text expect back; none is `{}`. */
export function stringifyToolArguments(args: unknown): string {
  return JSON.stringify(args ?? {});
}
