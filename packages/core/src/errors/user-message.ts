import type { ErrorCode, SuggestedAction } from './error-code.js';

/** What a user-facing message is built from. */
export interface UserMessageInput {
  code: ErrorCode;
  provider?: string;
  model?: string;
  retryAfterMs?: number;
  /**
   * A sibling model to suggest when `model` is unavailable (MODEL_NOT_FOUND, OVERLOADED). Core
   * knows no vendor's models: the provider that mapped the error supplies it (`PalError.alternativeModel`).
   */
  alternativeModel?: string;
  /** Another provider to suggest, when known. */
  alternativeProvider?: string;
}

const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  azure: 'Azure OpenAI',
  'azure-openai': 'Azure OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  google: 'Google Gemini',
  bedrock: 'Amazon Bedrock',
  ollama: 'Ollama',
  groq: 'Groq',
  together: 'Together AI',
  vllm: 'vLLM',
  openrouter: 'OpenRouter',
};

/** Human name of a provider id (`"openai"` → `"OpenAI"`). */
export function providerDisplayName(provider: string | undefined): string {
  if (!provider) return 'the provider';
  return PROVIDER_NAMES[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** Human name of a model id (`"gpt-4o"` → `"GPT-4o"`, `"claude-3-haiku"` → `"Claude 3 Haiku"`). */
export function modelDisplayName(model: string | undefined): string {
  if (!model) return 'This model';
  if (/^gpt-/i.test(model)) return `GPT-${model.slice(4)}`;
  if (/^(o\d)/i.test(model)) return model;
  return model
    .split(/[-_]/)
    .map((w) => (/^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ')
    .replace(/(\d) (\d)/g, '$1.$2');
}

function seconds(ms: number | undefined): string {
  const s = Math.max(1, Math.round((ms ?? 30_000) / 1000));
  return `${s} second${s === 1 ? '' : 's'}`;
}

/** The message shown to a person, in seed 003's words. */
export function userMessageFor(input: UserMessageInput): string {
  const p = providerDisplayName(input.provider);
  switch (input.code) {
    case 'PROVIDER_AUTH_ERROR':
      return `Your ${p} API key is invalid. Please check and try again.`;
    case 'PROVIDER_RATE_LIMIT_ERROR':
      return `${p} rate limit hit. Retrying in ${seconds(input.retryAfterMs)}...`;
    case 'MODEL_NOT_FOUND':
    case 'OVERLOADED': {
      const alt = input.alternativeModel;
      const base = `${modelDisplayName(input.model)} is unavailable right now.`;
      return alt ? `${base} Try ${modelDisplayName(alt)} instead?` : `${base} Try another model?`;
    }
    case 'QUOTA_EXCEEDED': {
      const other = input.alternativeProvider
        ? providerDisplayName(input.alternativeProvider)
        : 'another provider';
      return `You've hit your ${p} usage cap. Upgrade your plan or use ${other}.`;
    }
    case 'NETWORK_ERROR':
      return `Can't reach ${p}. Check your internet connection.`;
    case 'TIMEOUT':
      return `${p} took too long to answer. Please try again.`;
    case 'CONTEXT_LENGTH_EXCEEDED':
      return `The conversation is too long for ${modelDisplayName(input.model)}. Shorten it or pick a model with a larger context window.`;
    case 'CONTENT_FILTERED':
      return 'The request or response was blocked by a content filter.';
    case 'INVALID_REQUEST':
      return `${p} rejected the request as invalid.`;
    case 'BUDGET_EXCEEDED':
      return 'This call would exceed your budget, so it was not sent.';
    case 'CIRCUIT_OPEN':
      return `${p} is failing right now, so PAL paused calls to it. It will try again shortly.`;
    case 'PROVIDER_NOT_FOUND':
      return `${p} is not set up. Add it in provider settings.`;
    case 'UNSUPPORTED_CAPABILITY':
      return `${modelDisplayName(input.model)} can't do that. Pick a model that supports it.`;
    case 'CONFIG_ERROR':
      return 'The provider configuration is invalid.';
    case 'ABORTED':
      return 'The request was cancelled.';
    case 'PROVIDER_API_ERROR':
    case 'STREAM_ERROR':
    case 'SERIALIZATION_ERROR':
      return `${p} had a problem answering. Please try again.`;
  }
}

/** The action to offer next to the message (seed 003's "Action" column). */
export function suggestedActionFor(code: ErrorCode): SuggestedAction {
  switch (code) {
    case 'PROVIDER_AUTH_ERROR':
      return 're-enter-key';
    case 'PROVIDER_RATE_LIMIT_ERROR':
    case 'OVERLOADED':
    case 'CIRCUIT_OPEN':
      return code === 'OVERLOADED' ? 'pick-another-model' : 'auto-retry';
    case 'MODEL_NOT_FOUND':
    case 'UNSUPPORTED_CAPABILITY':
    case 'CONTEXT_LENGTH_EXCEEDED':
      return 'pick-another-model';
    case 'QUOTA_EXCEEDED':
    case 'PROVIDER_NOT_FOUND':
    case 'CONFIG_ERROR':
      return 'provider-settings';
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
    case 'PROVIDER_API_ERROR':
    case 'STREAM_ERROR':
    case 'SERIALIZATION_ERROR':
      return 'retry';
    case 'INVALID_REQUEST':
    case 'CONTENT_FILTERED':
      return 'fix-request';
    case 'BUDGET_EXCEEDED':
      return 'raise-budget';
    case 'ABORTED':
      return 'none';
  }
}
