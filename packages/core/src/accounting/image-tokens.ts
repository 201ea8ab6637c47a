import type { ImagePart } from '../contracts/content.js';

/** Tokens charged for an image whose size is unknown (a 1024×1024 image at high detail). */
export const DEFAULT_IMAGE_TOKENS = 765;
const MIN_IMAGE_TOKENS = 85;
/** Base64 characters decoded to look for the image header (the JPEG frame header may follow EXIF data). */
const HEADER_BASE64_CHARS = 96_000;

/**
 * Estimates the input tokens of an image with the tile rule vision models use (85 base tokens +
 * 170 per 512-px tile after scaling to fit 2048 px and the short side to 768 px), kept within
 * 85..765. Inline PNG, GIF and JPEG images are measured from their header; images given by URL
 * or in another format count as {@link DEFAULT_IMAGE_TOKENS}.
 */
export function estimateImageTokens(part: ImagePart): number {
  const size = part.data === undefined ? undefined : imageSizeFromBase64(part.data);
  if (!size) return DEFAULT_IMAGE_TOKENS;
  return tileTokens(size.width, size.height);
}

function tileTokens(width: number, height: number): number {
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorten = Math.min(1, 768 / Math.min(w, h));
  w *= shorten;
  h *= shorten;
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return Math.min(DEFAULT_IMAGE_TOKENS, Math.max(MIN_IMAGE_TOKENS, 85 + 170 * tiles));
}

/** Width and height read from a base64 PNG, GIF or JPEG header, or undefined. */
export function imageSizeFromBase64(data: string): { width: number; height: number } | undefined {
  const prefix = data.slice(0, HEADER_BASE64_CHARS - (HEADER_BASE64_CHARS % 4));
  const bytes = Buffer.from(prefix, 'base64');
  const size = pngSize(bytes) ?? gifSize(bytes) ?? jpegSize(bytes);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

function pngSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gifSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 10 || b.toString('latin1', 0, 4) !== 'GIF8') return undefined;
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) return undefined;
    const marker = b[offset + 1] as number;
    const isFrameHeader =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader) return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
    offset += 2 + b.readUInt16BE(offset + 2);
  }
  return undefined;
}
