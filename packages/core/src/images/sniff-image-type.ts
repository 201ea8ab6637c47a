import type { FETCHABLE_IMAGE_TYPES } from './image-fetch-options.js';

/** One of the image types PAL inlines. */
export type FetchableImageType = (typeof FETCHABLE_IMAGE_TYPES)[number];

/** Bytes needed to tell the types apart (WebP's `RIFF....WEBP` is the longest). */
export const SNIFF_BYTES = 12;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');

/**
 * The image type the first bytes of a file show (PNG, JPEG, GIF, WebP signatures), whatever its
 * server called it; undefined for anything else (an HTML error page labelled `image/png`) or when
 * fewer than {@link SNIFF_BYTES} bytes are given.
 * @example
 * sniffImageType(Buffer.from('89504e470d0a1a0a0000000d', 'hex')); // 'image/png'
 */
export function sniffImageType(bytes: Uint8Array): FetchableImageType | undefined {
  if (bytes.length < SNIFF_BYTES) return undefined;
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  return undefined;
}
