import type { ChatRequestInput, ProviderRegistry, RequestMetadata } from '@pal/core';
import type { RouteOptions } from '@pal/router';
import { invalidField } from '../http/invalid-field.js';
import { routeOf } from '../http/route-extensions.js';
import { checkFields } from './body-fields.js';
import type { OpenAIChatRequest } from './chat-request-schema.js';
import { toPalMessages } from './to-pal-messages.js';

/** A chat body translated: PAL's request, the router's options, how to answer, and what was dropped. */
export interface TranslatedChat {
  request: ChatRequestInput;
  route: RouteOptions;
  stream: boolean;
  includeUsage: boolean;
  /** Sentences for `x-pal-warnings`: fields ignored or changed on the way in. */
  notes: string[];
}

/**
 * An OpenAI chat completion request → PAL's `ChatRequestInput` and the router's per-call options
 * (the field-by-field rules are in the README). Throws a 400 naming the field for anything PAL
 * cannot honour.
 */
export function toPalRequest(body: OpenAIChatRequest, registry: ProviderRegistry): TranslatedChat {
  const notes = checkFields(body);
  const { model, route } = routeOf(body.model, body, registry);
  const request: ChatRequestInput = { model, messages: toPalMessages(body.messages, notes) };

  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null) request.topP = body.top_p;
  const maxTokens = maxOutputTokens(body);
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  if (body.stop != null) request.stop = body.stop;
  if (body.seed != null) request.seed = body.seed;
  if (body.presence_penalty != null) request.presencePenalty = body.presence_penalty;
  if (body.frequency_penalty != null) request.frequencyPenalty = body.frequency_penalty;
  translateTools(body, request, notes);
  translateResponseFormat(body, request, notes);
  translateReasoning(body, request, notes);
  const metadata = metadataOf(body);
  if (metadata) request.metadata = metadata;
  if (body.stream_options?.include_obfuscation)
    notes.push('stream_options.include_obfuscation was not applied');

  return {
    request,
    route,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    notes,
  };
}

/** `max_completion_tokens` (today's name) or `max_tokens` (the older one); both, when they differ, is a 400. */
function maxOutputTokens(body: OpenAIChatRequest): number | undefined {
  const current = body.max_completion_tokens ?? undefined;
  const legacy = body.max_tokens ?? undefined;
  if (current !== undefined && legacy !== undefined && current !== legacy) {
    throw invalidField(['max_tokens'], 'give max_completion_tokens or max_tokens, not two different limits');
  }
  return current ?? legacy;
}

function translateTools(body: OpenAIChatRequest, request: ChatRequestInput, notes: string[]): void {
  if (body.tools && body.tools.length > 0) {
    request.tools = body.tools.map((tool, i) => {
      const fn = tool.function;
      if (fn.strict)
        notes.push(`tools.${i}.function.strict was not applied (arguments are not schema-enforced)`);
      return {
        name: fn.name,
        ...(fn.description != null && { description: fn.description }),
        ...(fn.parameters != null && { parameters: fn.parameters }),
      };
    });
  }
  const choice = body.tool_choice;
  if (choice == null) return;
  if (typeof choice === 'string') request.toolChoice = choice;
  else if (choice.type === 'function') request.toolChoice = { type: 'tool', name: choice.function.name };
  else
    throw invalidField(
      ['tool_choice', 'type'],
      `"${choice.type}" is not supported: use none, auto, required or a function`,
    );
}

function translateResponseFormat(body: OpenAIChatRequest, request: ChatRequestInput, notes: string[]): void {
  const format = body.response_format;
  if (format == null) return;
  if (format.type === 'text') request.responseFormat = { type: 'text' };
  else if (format.type === 'json_object') request.responseFormat = { type: 'json' };
  else {
    const { name, description, schema, strict } = format.json_schema;
    if (strict)
      notes.push('response_format.json_schema.strict was not applied (the answer is not schema-enforced)');
    request.responseFormat = {
      type: 'json',
      name,
      ...(description != null && { description }),
      ...(schema != null && { schema }),
    };
  }
}

/** `reasoning_effort` → PAL's `reasoning.effort`; `minimal` becomes `low`; `none` is not sent (PAL has no "off"). */
function translateReasoning(body: OpenAIChatRequest, request: ChatRequestInput, notes: string[]): void {
  const effort = body.reasoning_effort;
  if (effort == null) return;
  if (effort === 'none') {
    notes.push('reasoning_effort "none" was not sent: the model\'s default applies');
    return;
  }
  if (effort === 'minimal') notes.push('reasoning_effort "minimal" was sent as "low"');
  request.reasoning = { effort: effort === 'minimal' ? 'low' : effort };
}

/** OpenAI's `metadata` (string pairs) and `user` → PAL's metadata, read by budgets and telemetry (not sent upstream). */
function metadataOf(body: OpenAIChatRequest): RequestMetadata | undefined {
  if (body.metadata == null && body.user == null) return undefined;
  return { ...(body.metadata ?? {}), ...(body.user != null && { user: body.user }) };
}
