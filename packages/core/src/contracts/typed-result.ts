import type { z } from 'zod';
import type { ChatResult } from './chat-result.js';
import type { ToolCall } from './content.js';

/** What `result.object` is for a request: the zod schema's output, `unknown` for a plain JSON Schema. */
export type ObjectOf<R> = R extends { responseFormat: { type: 'json'; schema: infer S } }
  ? S extends z.ZodType
    ? z.output<S>
    : unknown
  : R extends { responseFormat: { type: 'json' } }
    ? unknown
    : never;

/** One typed tool call for a tool definition `T`. */
type ToolCallFor<T> = T extends { name: infer N extends string; parameters: infer P }
  ? { id: string; name: N; arguments: P extends z.ZodType ? z.output<P> : unknown }
  : T extends { name: infer N extends string }
    ? { id: string; name: N; arguments: unknown }
    : never;

/** `result.toolCalls[i]` for a request: typed per tool name when the tools are known. */
export type ToolCallOf<R> = R extends { tools: ReadonlyArray<infer T> } ? ToolCallFor<T> : ToolCall;

/**
 * A `ChatResult` typed from its request: `object` from `responseFormat`'s zod schema, and tool
 * calls whose `arguments` are typed per tool name from each tool's zod `parameters`.
 */
export type TypedChatResult<R> = Omit<ChatResult, 'toolCalls' | 'object'> & {
  toolCalls: Array<ToolCallOf<R>>;
} & ([ObjectOf<R>] extends [never] ? { object?: undefined } : { object: ObjectOf<R> });
