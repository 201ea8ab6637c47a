import type { Message } from '../contracts/message.js';

/** A message that is not a system message (the APIs that want alternating turns take those apart). */
export type ConversationMessage = Exclude<Message, { role: 'system' }>;

/** One vendor turn: who speaks, and the vendor parts (content blocks) it carries. */
export interface VendorTurn<Role extends string, Part> {
  role: Role;
  parts: Part[];
}

/**
 * Canonical messages → the alternating user / assistant turns of APIs that reject two turns of
 * one role in a row (Anthropic Messages, Bedrock Converse, Gemini). System messages are skipped
 * (these APIs take them apart), tool results ride in user turns, a message that translates to no
 * parts is dropped, and consecutive messages of one role (several tool results, tool results then
 * user text) are merged into one turn.
 * @param assistantRole the vendor's name for the assistant's role (`'assistant'`, Gemini's `'model'`).
 * @param partsOf one message's vendor parts; `index` is its place in `messages` (for error paths).
 * @example
 * toAlternatingTurns(request.messages, 'model', (m) => toGeminiParts(m)); // [{ role: 'user', parts }, …]
 */
export function toAlternatingTurns<AssistantRole extends string, Part>(
  messages: readonly Message[],
  assistantRole: AssistantRole,
  partsOf: (message: ConversationMessage, index: number) => Part[],
): Array<VendorTurn<AssistantRole | 'user', Part>> {
  const turns: Array<VendorTurn<AssistantRole | 'user', Part>> = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') return;
    const parts = partsOf(message, index);
    if (parts.length === 0) return;
    const role = message.role === 'assistant' ? assistantRole : 'user';
    const last = turns.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else turns.push({ role, parts });
  });
  return turns;
}
