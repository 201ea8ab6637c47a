import { type ChatRequest, type Message, PalError } from '@pal/core';
import {
  contentText,
  IMAGE_URL_FETCH_HINT,
  inlineImageOf,
  mergeProviderOptions,
  readProviderOptions,
  toolResultName,
  type Warn,
  warnUnsentFormatLabels,
  warnUnsentNames,
  warnUnsentToolErrors,
} from '@pal/core/provider';
import { ollamaProviderOptionsSchema, PROTECTED_KEYS, PROTECTED_OPTION_KEYS } from './provider-options.js';

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
          message: `Ollama takes images as base64 data only: pass { data, mediaType } or a data: URL, ${IMAGE_URL_FETCH_HINT}.`,
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

/**
 * The tools to offer: Ollama has no `tool_choice`, so "none" offers none and a named tool offers
 * only it; `warn` says that "required" and a named tool cannot be enforced.
 */
function toTools(request: ChatRequest, warn: Warn) {
  const choice = request.toolChoice;
  if (!request.tools?.length || choice === 'none') return undefined;
  if (choice === 'required' || typeof choice === 'object') {
    const offered = choice === 'required' ? 'the tools were offered' : `only ${choice.name} was offered`;
    const details = `Ollama has no tool_choice: ${offered}, but the model may answer without calling it`;
    warn({ type: 'changed-setting', setting: 'toolChoice', details });
  }
  const offered =
    typeof choice === 'object' ? request.tools.filter((t) => t.name === choice.name) : request.tools;
  return offered.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
}

/** Ollama's `think`: an effort for gpt-oss (which takes low/medium/high), else on; `warn` says what is lost. */
function thinkOf(request: ChatRequest, warn: Warn): boolean | string | undefined {
  const { reasoning, model } = request;
  if (!reasoning) return undefined;
  const levels = /gpt-oss/.test(model);
  if (reasoning.budgetTokens !== undefined) {
    const details = 'Ollama takes no thinking budget (think is on or off, or a level for gpt-oss)';
    warn({ type: 'unsupported-setting', setting: 'reasoning.budgetTokens', details });
  }
  if (reasoning.effort !== undefined && !levels) {
    const details = `Ollama's think is on or off for ${model}: thinking was switched on`;
    warn({ type: 'unsupported-setting', setting: 'reasoning.effort', details });
  }
  return levels && reasoning.effort ? reasoning.effort : true;
}

/**
 * Builds Ollama's `/api/chat` body from a PAL request. `providerOptions[<provider id>]` is validated
 * and merged in last (its `options` into the sampling options), e.g. `{ keep_alive: '10m', options:
 * { num_ctx: 8192 } }`; it cannot replace what PAL writes. What Ollama cannot do as asked is
 * reported to `warn`.
 */
export function toOllamaChatBody(
  request: ChatRequest,
  stream: boolean,
  provider = 'ollama',
  warn: Warn = () => {},
): Record<string, unknown> {
  const given = readProviderOptions(request, provider, ollamaProviderOptionsSchema, PROTECTED_KEYS);
  const at = ['providerOptions', provider] as const;
  const messages = request.messages.map((m, i) => toOllamaMessage(m, i, request.messages, request.model));
  const { options: extraOptions, ...extra } = given ?? {};
  const options = mergeProviderOptions(toOptions(request), extraOptions, PROTECTED_OPTION_KEYS, [
    ...at,
    'options',
  ]);
  const tools = toTools(request, warn);
  const format =
    request.responseFormat?.type === 'json' ? (request.responseFormat.schema ?? 'json') : undefined;
  warnUnsentFormatLabels(request, warn, 'Ollama takes a format schema only');
  warnUnsentNames(request.messages, warn, 'Ollama');
  warnUnsentToolErrors(request.messages, warn, 'Ollama');
  const think = thinkOf(request, warn);
  const body = {
    model: request.model,
    messages,
    stream,
    ...(tools && { tools }),
    ...(format && { format }),
    ...(Object.keys(options).length > 0 && { options }),
    ...(think !== undefined && { think }),
  };
  return mergeProviderOptions(body, extra, PROTECTED_KEYS, at);
}
