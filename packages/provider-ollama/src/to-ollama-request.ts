import {
  type ChatRequest,
  contentText,
  inlineImageOf,
  type Message,
  PalError,
  toolResultName,
} from '@pal/core';

/** Converts message `index` of `messages`; http(s) image URLs are refused (Ollama takes base64 only). */
function toOllamaMessage(message: Message, index: number, messages: Message[], model: string) {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user': {
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      const images = message.content.flatMap((part, j) => {
        if (part.type !== 'image') return [];
        const inline = inlineImageOf(part);
        if (inline) return [inline.data];
        throw new PalError({
          code: 'UNSUPPORTED_CAPABILITY',
          message:
            'Ollama takes images as base64 data only; image URLs are not fetched. Pass { data, mediaType } or a data: URL.',
          provider: 'ollama',
          model,
          path: ['messages', index, 'content', j, 'url'],
        });
      });
      const content = contentText(message.content, '\n');
      return { role: 'user', content, ...(images.length > 0 && { images }) };
    }
    case 'assistant': {
      if (typeof message.content === 'string') return { role: 'assistant', content: message.content };
      const calls = message.content.flatMap((p) => (p.type === 'tool-call' ? [p] : []));
      const thinking = message.content.flatMap((p) => (p.type === 'reasoning' ? [p.text] : [])).join('');
      return {
        role: 'assistant',
        content: contentText(message.content, '\n'),
        ...(thinking && { thinking }),
        ...(calls.length > 0 && {
          tool_calls: calls.map((c) => ({ id: c.id, function: { name: c.name, arguments: c.arguments } })),
        }),
      };
    }
    case 'tool': {
      const content = contentText(message.content, '\n');
      const name = toolResultName(messages, index);
      return { role: 'tool', content, ...(name !== undefined && { tool_name: name }) };
    }
  }
}

/** PAL's sampling fields and their names in Ollama's `options`. */
const OPTION_NAMES = [
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['maxOutputTokens', 'num_predict'],
  ['stop', 'stop'],
  ['seed', 'seed'],
  ['presencePenalty', 'presence_penalty'],
  ['frequencyPenalty', 'frequency_penalty'],
] as const;

/** The sampling options the request sets, under Ollama's names. */
function toOptions(request: ChatRequest): Record<string, unknown> {
  return Object.fromEntries(
    OPTION_NAMES.flatMap(([pal, name]) => (request[pal] === undefined ? [] : [[name, request[pal]]])),
  );
}

/** The tools to offer: Ollama has no `tool_choice`, so "none" offers none and a named tool offers only it. */
function toTools(request: ChatRequest) {
  const choice = request.toolChoice;
  if (!request.tools?.length || choice === 'none') return undefined;
  const offered =
    typeof choice === 'object' ? request.tools.filter((t) => t.name === choice.name) : request.tools;
  return offered.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

/**
 * Builds Ollama's `/api/chat` body from a PAL request. `providerOptions[<provider id>]` is merged in last
 * (its `options` into the sampling options), e.g. `{ keep_alive: '10m', options: { num_ctx: 8192 } }`.
 */
export function toOllamaChatBody(
  request: ChatRequest,
  stream: boolean,
  provider = 'ollama',
): Record<string, unknown> {
  const messages = request.messages.map((m, i) => toOllamaMessage(m, i, request.messages, request.model));
  const { options: extraOptions, ...extra } = request.providerOptions?.[provider] ?? {};
  const options = { ...toOptions(request), ...(extraOptions as object | undefined) };
  const tools = toTools(request);
  const format =
    request.responseFormat?.type === 'json' ? (request.responseFormat.schema ?? 'json') : undefined;
  return {
    model: request.model,
    messages,
    stream,
    ...(tools && { tools }),
    ...(format && { format }),
    ...(Object.keys(options).length > 0 && { options }),
    ...(request.reasoning && { think: true }),
    ...extra,
  };
}
