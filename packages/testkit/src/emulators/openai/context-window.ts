import { countTokens, type NeutralRequest } from '../../emulator/defaults.js';
import type { JsonReply, VendorRequestContext } from '../../emulator/types.js';
import { openaiError } from './errors.js';
import { requestedModel } from './request-shape.js';

/** Input context windows (tokens) by model family, first match wins; as OpenAI documents them. */
const CONTEXT_WINDOWS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^gpt-4\.1/, 1_047_576],
  [/^gpt-5/, 272_000],
  [/^o\d/, 200_000],
  [/^gpt-4o/, 128_000],
  [/^gpt-4-turbo/, 128_000],
  [/^gpt-4(-\d{4})?$/, 8_192],
  [/^gpt-3\.5-turbo/, 16_385],
];

/** The window of a model the emulator does not know (OpenAI-compatible hosts, Azure deployment names). */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

/** The input context window of `model`, in tokens. */
export function contextWindowOf(model: string): number {
  return CONTEXT_WINDOWS.find(([family]) => family.test(model))?.[1] ?? DEFAULT_CONTEXT_WINDOW;
}

/**
 * OpenAI's 400 `context_length_exceeded` when the prompt's estimated tokens (~4 characters a
 * token, the emulator's usual count) exceed the model's window, worded as each API words it;
 * undefined when the prompt fits.
 */
export function contextLengthRejection(
  ctx: VendorRequestContext,
  neutral: NeutralRequest,
  api: 'chat' | 'responses',
): JsonReply | undefined {
  const window = contextWindowOf(requestedModel(ctx));
  const tokens = countTokens(neutral.promptText) + (neutral.imageCount ?? 0) * 85;
  if (tokens <= window) return undefined;
  const message =
    api === 'chat'
      ? `This model's maximum context length is ${window} tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`
      : 'Your input exceeds the context window of this model. Please adjust your input and try again.';
  return openaiError(ctx, 400, {
    message,
    type: 'invalid_request_error',
    param: api === 'chat' ? 'messages' : 'input',
    code: 'context_length_exceeded',
  });
}
