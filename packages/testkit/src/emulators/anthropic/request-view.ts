import type { NeutralRequest } from '../../emulator/defaults.js';

/** A content block of an Anthropic request message (only the fields the emulator reads). */
export interface AnthropicBlock {
  type: string;
  text?: string;
  content?: string | AnthropicBlock[];
  thinking?: string;
  name?: string;
  input?: unknown;
  id?: string;
  tool_use_id?: string;
  source?: { type: string; media_type?: string; data?: string; url?: string };
}

/** The Messages API request fields the emulator reads. */
export interface AnthropicRequestBody {
  model?: string;
  max_tokens?: number;
  messages?: Array<{ role: string; content: string | AnthropicBlock[] }>;
  system?: string | AnthropicBlock[];
  tools?: Array<{ name: string; description?: string; input_schema?: unknown }>;
  tool_choice?: { type: 'auto' | 'any' | 'tool' | 'none'; name?: string };
  thinking?: { type: string; budget_tokens?: number; display?: string };
  output_config?: { format?: { type: string; schema?: unknown }; effort?: unknown };
  stop_sequences?: string[];
  stream?: boolean;
}

/** The blocks of a message or system field, with a plain string read as one text block. */
export function blocksOf(content: string | AnthropicBlock[] | undefined): AnthropicBlock[] {
  if (content === undefined) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** All the text a block carries (tool results and tool inputs included), for token counting. */
function textOf(block: AnthropicBlock): string {
  if (block.type === 'text') return block.text ?? '';
  if (block.type === 'thinking') return block.thinking ?? '';
  if (block.type === 'tool_result') return blocksOf(block.content).map(textOf).join('\n');
  if (block.type === 'tool_use') return `${block.name} ${JSON.stringify(block.input ?? {})}`;
  return '';
}

/** The vendor-neutral view of a Messages request that the shared answer planner works from. */
export function neutralFromAnthropic(body: AnthropicRequestBody): NeutralRequest {
  const messages = body.messages ?? [];
  const last = messages[messages.length - 1];
  const lastBlocks = last?.role === 'user' ? blocksOf(last.content) : [];
  const lastIsToolResult = lastBlocks.some((b) => b.type === 'tool_result');
  const lastUserText = lastBlocks
    .filter((b) => b.type === 'text' || b.type === 'tool_result')
    .map(textOf)
    .join('\n');
  const promptText = [
    ...blocksOf(body.system).map(textOf),
    ...messages.flatMap((m) => blocksOf(m.content).map(textOf)),
  ].join('\n');
  const tools = body.tool_choice?.type === 'none' ? [] : (body.tools ?? []);
  const format = body.output_config?.format;
  return {
    lastUserText,
    promptText,
    toolNames: tools.map((t) => t.name),
    toolSchemas: Object.fromEntries(tools.map((t) => [t.name, t.input_schema])),
    ...(format?.type === 'json_schema' && { wantsJson: true, jsonSchema: format.schema }),
    lastIsToolResult,
    imageCount: messages.flatMap((m) => blocksOf(m.content)).filter((b) => b.type === 'image').length,
  };
}
