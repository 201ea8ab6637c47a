/**
 * How a Claude model thinks, as Anthropic's extended- and adaptive-thinking docs describe it, for
 * the Anthropic and Bedrock emulators (written apart from PAL's core, so that the emulators check
 * the adapters rather than share their logic):
 * - `budget`: Claude 4.5 and earlier (and ids whose version cannot be read): extended thinking
 *   (`thinking: { type: 'enabled', budget_tokens }`) only; `thinking.display` defaults to summarized.
 * - `adaptive`: Claude 4.6: adaptive thinking, extended thinking deprecated but accepted; display
 *   defaults to summarized.
 * - `adaptive-only`: Claude 4.7 and later: extended thinking and the sampling parameters
 *   (temperature, top_p, top_k) are refused with a 400; display defaults to omitted.
 */
export type ClaudeGeneration = 'budget' | 'adaptive' | 'adaptive-only';

/** `claude-<family>-<major>[-<minor>]` or `claude-<major>[-<minor>]-<family>`; a date is not a minor. */
const VERSION = /claude-(?:[a-z]+-)?(\d{1,2})(?!\d)(?:[-.](\d{1,2})(?!\d))?/;

/** The thinking generation of a Claude model id, Bedrock id, inference profile or ARN. */
export function claudeGeneration(model: string): ClaudeGeneration {
  const match = VERSION.exec(model.toLowerCase());
  if (!match) return 'budget';
  const version = Number(match[1]) * 100 + Number(match[2] ?? 0);
  if (version >= 407) return 'adaptive-only';
  return version === 406 ? 'adaptive' : 'budget';
}

/** The efforts `output_config.effort` takes (Anthropic's adaptive-thinking docs). */
export const CLAUDE_EFFORTS = ['low', 'medium', 'high', 'max'] as const;

/** Claude's `thinking` and `output_config` request fields, as the emulators read them. */
export interface ClaudeThinkingRequest {
  thinking?: { type?: string; budget_tokens?: number; display?: string };
  output_config?: { effort?: unknown };
  temperature?: unknown;
  top_p?: unknown;
  top_k?: unknown;
}

/**
 * What Claude's API refuses of a request's thinking and sampling fields for `model`, as the
 * message of its 400 `invalid_request_error` (undefined when fine): extended thinking on 4.7+,
 * adaptive thinking on 4.5 and earlier, `budget_tokens` beside adaptive thinking, an effort that
 * is not one of {@link CLAUDE_EFFORTS}, a display other than summarized / omitted, and on 4.7+
 * temperature, top_p or top_k. The first two messages are Anthropic's; the others are emulated,
 * in the API's pydantic style (the sampling one after its "is deprecated for this model" wording).
 */
export function claudeThinkingRefusal(model: string, body: ClaudeThinkingRequest): string | undefined {
  const generation = claudeGeneration(model);
  const thinking = body.thinking;
  if (thinking?.type === 'enabled' && generation === 'adaptive-only') {
    return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
  }
  if (thinking?.type === 'adaptive' && generation === 'budget') {
    return '"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" and "thinking.budget_tokens" to control thinking behavior.';
  }
  if (thinking?.type === 'adaptive' && thinking.budget_tokens !== undefined) {
    return 'thinking.adaptive.budget_tokens: Extra inputs are not permitted';
  }
  const display = thinking?.display;
  if (display !== undefined && display !== null && display !== 'summarized' && display !== 'omitted') {
    return `thinking.${thinking?.type}.display: Input should be 'summarized' or 'omitted'`;
  }
  const effort = body.output_config?.effort;
  if (effort !== undefined && effort !== null && !(CLAUDE_EFFORTS as readonly unknown[]).includes(effort)) {
    return "output_config.effort: Input should be 'low', 'medium', 'high' or 'max'";
  }
  if (generation === 'adaptive-only') {
    const sampling = (['temperature', 'top_p', 'top_k'] as const).find((field) => body[field] !== undefined);
    if (sampling) return `\`${sampling}\` is deprecated for this model.`;
  }
  return undefined;
}

/**
 * True when the thinking of an answer comes back as text: `display: 'summarized'`, or no display
 * on a model before 4.7 (whose default is summarized). Otherwise thinking blocks carry an empty
 * `thinking` text and their signature only, as 4.7+ do by default (`display: 'omitted'`).
 */
export function showsThinking(model: string, thinking: ClaudeThinkingRequest['thinking']): boolean {
  const display = thinking?.display ?? undefined;
  if (display === 'summarized') return true;
  if (display === 'omitted') return false;
  return claudeGeneration(model) !== 'adaptive-only';
}
