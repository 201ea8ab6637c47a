import type { ImagePart } from '@pal/core';

/** An image part as the URL both OpenAI APIs take: its own URL, or a `data:` URL for inline base64. */
export function imageUrlOf(part: ImagePart): string {
  return part.url ?? `data:${part.mediaType};base64,${part.data}`;
}
