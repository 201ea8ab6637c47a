import type Anthropic from '@anthropic-ai/sdk';
import type { ProviderStreamEvent } from '@pal/core';
import { parseToolArguments, truncatedStreamError } from '@pal/core/provider';
import { type AnthropicUsageCounters, toFinishReason, toUsage } from './response-translation.js';

/** What the stream remembers about an open `tool_use` block. */
interface ToolBlock {
  ordinal: number;
  id: string;
  name: string;
  json: string;
}

/**
 * Anthropic stream events → PAL provider stream events: `start`, `text-delta`, `reasoning-delta`
 * (thinking and signature deltas), `tool-call-delta` per `input_json_delta` (keyed by the block
 * index, numbered in call order) and a parsed `tool-call` at each block stop, then `usage` and
 * `finish`. Input usage comes from `message_start`, output (and any restated input) from
 * `message_delta`. A stream that ends without `message_delta` is a STREAM_ERROR.
 */
export async function* fromAnthropicStream(
  events: AsyncIterable<Anthropic.RawMessageStreamEvent>,
  provider: string,
): AsyncGenerator<ProviderStreamEvent> {
  const usage: AnthropicUsageCounters = {};
  const tools = new Map<number, ToolBlock>();
  let stopReason: string | null | undefined;
  let ended = false;
  for await (const event of events) {
    if (event.type === 'message_start') {
      Object.assign(usage, event.message.usage);
      yield { type: 'start', provider, model: event.message.model, id: event.message.id };
    } else if (event.type === 'content_block_start' && event.content_block.type === 'redacted_thinking') {
      yield { type: 'reasoning-delta', text: '', redactedData: event.content_block.data };
    } else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
      const { id, name } = event.content_block;
      const block = { ordinal: tools.size, id, name, json: '' };
      tools.set(event.index, block);
      yield { type: 'tool-call-delta', index: block.ordinal, id, name, argumentsDelta: '' };
    } else if (event.type === 'content_block_delta') {
      const delta = event.delta;
      if (delta.type === 'text_delta') yield { type: 'text-delta', text: delta.text };
      else if (delta.type === 'thinking_delta') yield { type: 'reasoning-delta', text: delta.thinking };
      else if (delta.type === 'signature_delta')
        yield { type: 'reasoning-delta', text: '', signature: delta.signature };
      else if (delta.type === 'input_json_delta') {
        const block = tools.get(event.index);
        if (!block || delta.partial_json === '') continue;
        block.json += delta.partial_json;
        yield { type: 'tool-call-delta', index: block.ordinal, argumentsDelta: delta.partial_json };
      }
    } else if (event.type === 'content_block_stop') {
      const block = tools.get(event.index);
      if (block) {
        yield {
          type: 'tool-call',
          id: block.id,
          name: block.name,
          arguments: parseToolArguments(block.json, block.name),
        };
      }
    } else if (event.type === 'message_delta') {
      ended = true;
      stopReason = event.delta.stop_reason;
      // the final counts; absent or null ones keep message_start's
      for (const [key, value] of Object.entries(event.usage)) {
        if (typeof value === 'number' || (typeof value === 'object' && value !== null)) {
          (usage as Record<string, unknown>)[key] = value;
        }
      }
    }
  }
  if (!ended) throw truncatedStreamError({ provider, expected: 'message_delta' });
  const total = toUsage(usage);
  yield { type: 'usage', usage: total };
  yield { type: 'finish', finishReason: toFinishReason(stopReason), usage: total };
}
