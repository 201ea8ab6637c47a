import { type ChatRequestInput, type ChatResult, isPalError, type Runtime } from '@pal/core';

/** One turn of a conversation through a runtime: a chat, or a stream collected into its result. */
export type ChatTurn = (request: ChatRequestInput) => Promise<ChatResult>;

/** A PalError rethrown as a plain Error (vitest cannot pass a PalError with its cause between workers). */
export function plainError(error: unknown): never {
  throw isPalError(error) ? new Error(`${error.code}: ${error.message}`) : error;
}

/**
 * The two ways to take a turn, for `describe.each`: `runtime.chat` and `runtime.stream(…).result()`,
 * so one test covers both paths; a PalError comes out as a plain Error naming its code.
 * @example
 * describe.each(CHAT_AND_STREAM)('round trip over %s', (_name, turnOf) => {
 *   it('answers', async () => expect((await turnOf(runtime())(request)).text).toBe('ok'));
 * });
 */
export const CHAT_AND_STREAM: ReadonlyArray<readonly [string, (runtime: Runtime) => ChatTurn]> = [
  ['chat', (runtime) => (request) => runtime.chat(request).catch(plainError)],
  ['stream', (runtime) => (request) => runtime.stream(request).result().catch(plainError)],
];
