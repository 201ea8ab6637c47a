import type { ImagePart } from '../contracts/content.js';

/** An image's bytes as base64 text, with their media type. */
export interface InlineImage {
  mediaType: string;
  data: string;
}

/** `data:<media type>[;<parameter>…];base64,<data>` */
const BASE64_DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.+)$/s;

/**
 * An image part's inline bytes: its own `data` with `mediaType`, or what a base64 `data:` URL
 * holds. Undefined for an image at an ordinary (http/https) URL, which the vendor has to fetch,
 * or the provider has to refuse. For APIs that take images as bytes (Gemini, Bedrock, Ollama) or
 * as base64 next to URLs (Anthropic).
 * @example
 * inlineImageOf({ type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' }); // { mediaType: 'image/png', data: 'iVBORw0KGgo=' }
 */
export function inlineImageOf(part: ImagePart): InlineImage | undefined {
  if (part.data !== undefined) return { mediaType: part.mediaType ?? '', data: part.data };
  const match = BASE64_DATA_URL.exec(part.url ?? '');
  return match ? { mediaType: match[1]!, data: match[2]! } : undefined;
}
