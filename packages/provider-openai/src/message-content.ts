import type { ImagePart } from '@pal/core';

/** The text of a message's content (string or text parts), joined. */
export function textOf(content: string | ReadonlyArray<{ type: string; text?: string }>): string {
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

/** An image part as the URL both OpenAI APIs take: its own URL, or a `data:` URL for inline base64. */
export function imageUrlOf(part: ImagePart): string {
  return part.url ?? `data:${part.mediaType};base64,${part.data}`;
}
