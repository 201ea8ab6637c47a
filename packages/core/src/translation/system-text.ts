import type { Message } from '../contracts/message.js';

/**
 * The text of every system message, in order, joined by a blank line (`''` when there is none),
 * for APIs that take the system prompt as one field apart from the turns (Anthropic, Gemini).
 */
export function systemText(messages: readonly Message[]): string {
  return messages.flatMap((m) => (m.role === 'system' ? [m.content] : [])).join('\n\n');
}
