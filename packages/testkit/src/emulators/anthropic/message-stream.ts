import { splitIntoChunks } from '../../emulator/defaults.js';
import type { AnthropicMessage, AnthropicResponseBlock } from './answer.js';

/** One streamed Messages API event (`message_start`, `content_block_delta`, `ping`…). */
export type AnthropicStreamEvent = { type: string } & Record<string, unknown>;

/** The empty block a `content_block_start` announces. */
function startedBlock(block: AnthropicResponseBlock): AnthropicResponseBlock {
  if (block.type === 'text') return { type: 'text', text: '' };
  if (block.type === 'thinking') return { type: 'thinking', thinking: '', signature: '' };
  return { ...block, input: {} };
}

/** The deltas of one block: text/thinking pieces, a signature, or `input_json_delta` pieces (first one empty). */
function blockDeltas(block: AnthropicResponseBlock, chunks: number): Array<Record<string, unknown>> {
  if (block.type === 'text')
    return splitIntoChunks(block.text, chunks).map((text) => ({ type: 'text_delta', text }));
  if (block.type === 'thinking') {
    return [
      ...splitIntoChunks(block.thinking, chunks).map((thinking) => ({ type: 'thinking_delta', thinking })),
      { type: 'signature_delta', signature: block.signature },
    ];
  }
  const json = Object.keys(block.input).length === 0 ? '' : JSON.stringify(block.input);
  return ['', ...splitIntoChunks(json, chunks)].map((partial_json) => ({
    type: 'input_json_delta',
    partial_json,
  }));
}

/**
 * The event sequence Anthropic streams for `message`: message_start (input usage, output 1),
 * per block content_block_start / deltas / content_block_stop (a `ping` after the first
 * start, as the API does), message_delta (stop reason and the full usage), message_stop.
 */
export function streamEventsFor(message: AnthropicMessage, chunks = 3): AnthropicStreamEvent[] {
  const { usage } = message;
  const { output_tokens_details: details, ...startUsage } = usage;
  const events: AnthropicStreamEvent[] = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...startUsage, output_tokens: Math.min(1, usage.output_tokens) },
      },
    },
  ];
  message.content.forEach((block, index) => {
    events.push({ type: 'content_block_start', index, content_block: startedBlock(block) });
    if (index === 0) events.push({ type: 'ping' });
    for (const delta of blockDeltas(block, chunks))
      events.push({ type: 'content_block_delta', index, delta });
    events.push({ type: 'content_block_stop', index });
  });
  if (message.content.length === 0) events.push({ type: 'ping' });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence ?? null },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
      ...(details && { output_tokens_details: details }),
    },
  });
  events.push({ type: 'message_stop' });
  return events;
}

/** Rebuilds the final message from streamed events (for replaying a stream recording as a JSON answer). */
export function messageFromEvents(events: AnthropicStreamEvent[]): AnthropicMessage {
  let message: AnthropicMessage | undefined;
  const partialJson = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'message_start') {
      message = structuredClone(event.message as AnthropicMessage);
      message.content = [];
    } else if (!message) {
    } else if (event.type === 'content_block_start') {
      message.content[event.index as number] = structuredClone(event.content_block as AnthropicResponseBlock);
    } else if (event.type === 'content_block_delta') {
      const index = event.index as number;
      const block = message.content[index];
      const delta = event.delta as Record<string, string>;
      if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
      if (block?.type === 'thinking' && delta.type === 'thinking_delta') block.thinking += delta.thinking;
      if (block?.type === 'thinking' && delta.type === 'signature_delta') block.signature = delta.signature!;
      if (delta.type === 'input_json_delta')
        partialJson.set(index, (partialJson.get(index) ?? '') + delta.partial_json);
    } else if (event.type === 'content_block_stop') {
      const index = event.index as number;
      const block = message.content[index];
      const json = partialJson.get(index);
      if (block?.type === 'tool_use') block.input = json ? JSON.parse(json) : {};
    } else if (event.type === 'message_delta') {
      const delta = event.delta as { stop_reason: string | null; stop_sequence: string | null };
      message.stop_reason = delta.stop_reason;
      message.stop_sequence = delta.stop_sequence;
      message.usage = { ...message.usage, ...(event.usage as object) };
    }
  }
  if (!message) throw new Error('the recording has no message_start event');
  return message;
}
