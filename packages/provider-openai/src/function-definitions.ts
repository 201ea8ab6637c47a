import type { ResponseFormat, ToolDefinition } from '@pal/core';

/** A canonical tool as the `{ name, description, parameters }` both OpenAI APIs put in their function tools. */
export function functionDefinition(tool: ToolDefinition) {
  return {
    name: tool.name,
    parameters: tool.parameters,
    ...(tool.description !== undefined && { description: tool.description }),
  };
}

/** A JSON response format with a schema as the `{ name, schema, description }` both OpenAI APIs take. */
export function jsonSchemaDefinition(format: Extract<ResponseFormat, { type: 'json' }>) {
  return {
    name: format.name ?? 'response',
    schema: format.schema,
    ...(format.description !== undefined && { description: format.description }),
  };
}
