import type { NeutralRequest } from '../../emulator/defaults.js';

interface ChatPart {
  type?: string;
  text?: string;
}
interface ChatMessage {
  role?: string;
  content?: string | ChatPart[] | null;
  tool_calls?: Array<{ function?: { name?: string; arguments?: string } }>;
}
interface ChatTool {
  type?: string;
  function?: { name?: string; parameters?: unknown };
}

function partsText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) => (typeof p.text === 'string' ? p.text : ''))
    .filter(Boolean)
    .join('\n');
}

function countImages(content: ChatMessage['content']): number {
  if (!Array.isArray(content)) return 0;
  return content.filter((p) => p.type === 'image_url' || p.type === 'input_image').length;
}

/** The vendor-neutral view of a Chat Completions body (`messages`, `tools`, `response_format`). */
export function neutralFromChat(body: Record<string, unknown>): NeutralRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as ChatMessage[];
  const tools = (Array.isArray(body.tools) ? body.tools : []) as ChatTool[];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const promptText = messages
    .map((m) =>
      [
        partsText(m.content),
        ...(m.tool_calls ?? []).map((c) => `${c.function?.name ?? ''}${c.function?.arguments ?? ''}`),
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n');
  const toolSchemas: Record<string, unknown> = {};
  const toolNames: string[] = [];
  for (const tool of tools) {
    const name = tool.function?.name;
    if (!name) continue;
    toolNames.push(name);
    toolSchemas[name] = tool.function?.parameters ?? { type: 'object', properties: {} };
  }
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  const last = messages[messages.length - 1];
  return {
    lastUserText: lastUser ? partsText(lastUser.content) : '',
    promptText,
    toolNames,
    toolSchemas,
    ...(format?.type === 'json_schema' && { jsonSchema: format.json_schema?.schema }),
    wantsJson: format?.type === 'json_schema' || format?.type === 'json_object',
    lastIsToolResult: last?.role === 'tool',
    imageCount: messages.reduce((n, m) => n + countImages(m.content), 0),
  };
}

interface ResponsesItem {
  type?: string;
  role?: string;
  content?: string | ChatPart[];
  output?: unknown;
  name?: string;
  arguments?: string;
}

/** The vendor-neutral view of a Responses API body (`input`, `instructions`, `tools`, `text.format`). */
export function neutralFromResponses(body: Record<string, unknown>): NeutralRequest {
  const items: ResponsesItem[] =
    typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : ((Array.isArray(body.input) ? body.input : []) as ResponsesItem[]);
  const textOf = (item: ResponsesItem): string => {
    if (item.type === 'function_call_output')
      return typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
    if (item.type === 'function_call') return `${item.name ?? ''}${item.arguments ?? ''}`;
    return partsText(item.content as ChatMessage['content']);
  };
  const lastUser = [...items].reverse().find((i) => i.role === 'user');
  const instructions = typeof body.instructions === 'string' ? body.instructions : '';
  const tools = (Array.isArray(body.tools) ? body.tools : []) as Array<{
    type?: string;
    name?: string;
    parameters?: unknown;
  }>;
  const toolSchemas: Record<string, unknown> = {};
  const toolNames: string[] = [];
  for (const tool of tools) {
    if (tool.type !== 'function' || !tool.name) continue;
    toolNames.push(tool.name);
    toolSchemas[tool.name] = tool.parameters ?? { type: 'object', properties: {} };
  }
  const format = (body.text as { format?: { type?: string; schema?: unknown } } | undefined)?.format;
  const last = items[items.length - 1];
  return {
    lastUserText: lastUser ? textOf(lastUser) : '',
    promptText: [instructions, ...items.map(textOf)].filter(Boolean).join('\n'),
    toolNames,
    toolSchemas,
    ...(format?.type === 'json_schema' && { jsonSchema: format.schema }),
    wantsJson: format?.type === 'json_schema' || format?.type === 'json_object',
    lastIsToolResult: last?.type === 'function_call_output',
    imageCount: items.reduce((n, i) => n + countImages(i.content as ChatMessage['content']), 0),
  };
}
