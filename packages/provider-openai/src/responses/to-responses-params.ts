import { type ChatRequest, contentText, type Message, stringifyToolArguments } from '@pal/core';
import type { ResponseCreateParamsBase, ResponseInputItem } from 'openai/resources/responses/responses';
import { functionDefinition, jsonSchemaDefinition } from '../function-definitions.js';
import { imageUrlOf } from '../message-content.js';

function toInputItems(message: Message): ResponseInputItem[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'developer', content: message.content }];
    case 'tool':
      return [
        { type: 'function_call_output', call_id: message.toolCallId, output: contentText(message.content) },
      ];
    case 'user':
      return [
        {
          role: 'user',
          content:
            typeof message.content === 'string'
              ? message.content
              : message.content.map((p) =>
                  p.type === 'text'
                    ? { type: 'input_text' as const, text: p.text }
                    : { type: 'input_image' as const, detail: 'auto' as const, image_url: imageUrlOf(p) },
                ),
        },
      ];
    case 'assistant': {
      if (typeof message.content === 'string') return [{ role: 'assistant', content: message.content }];
      return message.content.flatMap((p): ResponseInputItem[] => {
        if (p.type === 'text') return [{ role: 'assistant', content: p.text }];
        if (p.type === 'tool-call') {
          const args = stringifyToolArguments(p.arguments);
          return [{ type: 'function_call', call_id: p.id, name: p.name, arguments: args }];
        }
        return [];
      });
    }
  }
}

/** Canonical request → Responses API body (without `stream`). */
export function toResponsesParams(request: ChatRequest): ResponseCreateParamsBase {
  const format = request.responseFormat;
  const choice = request.toolChoice;
  return {
    model: request.model,
    input: request.messages.flatMap(toInputItems),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { top_p: request.topP }),
    ...(request.maxOutputTokens !== undefined && { max_output_tokens: request.maxOutputTokens }),
    ...(request.reasoning?.effort !== undefined && { reasoning: { effort: request.reasoning.effort } }),
    ...(request.metadata?.user !== undefined && { safety_identifier: request.metadata.user }),
    ...(request.tools?.length && {
      tools: request.tools.map((t) => ({
        type: 'function' as const,
        strict: false,
        ...functionDefinition(t),
      })),
    }),
    ...(choice !== undefined && {
      tool_choice: typeof choice === 'string' ? choice : { type: 'function' as const, name: choice.name },
    }),
    ...(format?.type === 'json' && {
      text: {
        format: format.schema
          ? { type: 'json_schema', strict: false, ...jsonSchemaDefinition(format) }
          : { type: 'json_object' },
      },
    }),
  } as ResponseCreateParamsBase;
}
