import type { AssistantContentPart, ChatRequestInput, UserContentPart } from '@pal/core';
import { invalidField } from '../http/invalid-field.js';
import type { OpenAIMessage } from './chat-request-schema.js';

type PalMessage = ChatRequestInput['messages'][number];
type Path = ReadonlyArray<string | number>;

/**
 * OpenAI chat messages → PAL's: `developer` is a system message (what OpenAI itself makes of it
 * for models without the role); text parts are joined for system messages; `image_url` parts
 * become image parts (an http(s) URL as a URL, a `data:` URL inlined as base64 with its media
 * type); an assistant's `tool_calls` become tool-call parts with their JSON arguments parsed;
 * `tool` messages answer them by `tool_call_id`. What PAL's messages cannot carry is a 400 naming
 * it (audio and file parts, the deprecated `function` role, an assistant's audio); what changes
 * nothing for the answer (`detail` on an image, `name` on system and assistant messages) is
 * dropped with a note for `x-pal-warnings`.
 */
export function toPalMessages(messages: readonly OpenAIMessage[], notes: string[]): PalMessage[] {
  return messages.map((message, index) => toPalMessage(message, ['messages', index], notes));
}

function toPalMessage(message: OpenAIMessage, path: Path, notes: string[]): PalMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      if (message.name)
        notes.push(`${path.join('.')}.name was not sent (system messages carry no name in PAL)`);
      return { role: 'system', content: joinText(message.content) };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map((part, i) => userPart(part, [...path, 'content', i], notes)),
        ...(message.name && { name: message.name }),
      };
    case 'assistant':
      return assistantMessage(message, path, notes);
    case 'tool':
      return {
        role: 'tool',
        toolCallId: message.tool_call_id,
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map((part) => ({ type: 'text' as const, text: part.text })),
      };
    case 'function':
      throw invalidField(
        [...path, 'role'],
        'the deprecated "function" role is not supported: use tool messages',
      );
  }
}

function joinText(content: string | ReadonlyArray<{ text: string }>): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}

type OpenAIUserPart = Exclude<Extract<OpenAIMessage, { role: 'user' }>['content'], string>[number];

function userPart(part: OpenAIUserPart, path: Path, notes: string[]): UserContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type !== 'image_url') {
    throw invalidField([...path, 'type'], `${part.type} parts are not supported: PAL takes text and images`);
  }
  const { url, detail } = part.image_url;
  if (detail && detail !== 'auto') notes.push(`${path.join('.')}.image_url.detail was not sent`);
  if (/^https?:\/\//i.test(url)) return { type: 'image', url };
  const inline = /^data:(image\/[\w.+-]+);base64,(.+)$/is.exec(url);
  if (inline)
    return { type: 'image', mediaType: (inline[1] as string).toLowerCase(), data: inline[2] as string };
  throw invalidField(
    [...path, 'image_url', 'url'],
    'expected an http(s) URL or a base64 data URL of an image (data:image/png;base64,…)',
  );
}

function assistantMessage(
  message: Extract<OpenAIMessage, { role: 'assistant' }>,
  path: Path,
  notes: string[],
): PalMessage {
  if (message.audio) throw invalidField([...path, 'audio'], 'PAL answers in text only');
  if (message.function_call != null) {
    throw invalidField(
      [...path, 'function_call'],
      'the deprecated function_call is not supported: use tool_calls',
    );
  }
  if (message.name)
    notes.push(`${path.join('.')}.name was not sent (assistant messages carry no name in PAL)`);
  const text =
    message.content == null
      ? ''
      : typeof message.content === 'string'
        ? message.content
        : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const calls = message.tool_calls ?? [];
  if (calls.length === 0) return { role: 'assistant', content: text };
  const content: AssistantContentPart[] = text ? [{ type: 'text', text }] : [];
  calls.forEach((call, i) => {
    content.push({
      type: 'tool-call',
      id: call.id,
      name: call.function.name,
      arguments: parseArguments(call.function.arguments, [...path, 'tool_calls', i, 'function', 'arguments']),
    });
  });
  return { role: 'assistant', content };
}

function parseArguments(json: string, path: Path): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    throw invalidField(path, 'the arguments are not valid JSON');
  }
}
