import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_TOKENS, estimateImageTokens, imageSizeFromBase64 } from './image-tokens.js';

function png(width: number, height: number): string {
  const b = Buffer.alloc(33);
  b.writeUInt32BE(0x89504e47, 0);
  b.writeUInt32BE(0x0d0a1a0a, 4);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b.toString('base64');
}

function gif(width: number, height: number): string {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b.toString('base64');
}

function jpeg(width: number, height: number): string {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.alloc(14)]);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]).toString('base64');
}

describe('imageSizeFromBase64', () => {
  it('reads PNG, GIF and JPEG headers', () => {
    expect(imageSizeFromBase64(png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSizeFromBase64(gif(32, 16))).toEqual({ width: 32, height: 16 });
    expect(imageSizeFromBase64(jpeg(1920, 1080))).toEqual({ width: 1920, height: 1080 });
  });

  it('gives up on unknown or broken data', () => {
    expect(imageSizeFromBase64(Buffer.from('not an image at all, sorry').toString('base64'))).toBeUndefined();
    expect(
      imageSizeFromBase64(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]).toString('base64')),
    ).toBeUndefined();
    expect(imageSizeFromBase64(png(0, 10))).toBeUndefined();
  });
});

describe('estimateImageTokens', () => {
  it('applies the 512-px tile rule within 85..765 tokens', () => {
    const part = (data: string) => ({ type: 'image' as const, data, mediaType: 'image/png' });
    expect(estimateImageTokens(part(png(512, 512)))).toBe(255);
    expect(estimateImageTokens(part(png(1024, 1024)))).toBe(765);
    expect(estimateImageTokens(part(png(4096, 4096)))).toBe(765);
    expect(estimateImageTokens(part(png(100, 4000)))).toBe(765);
    expect(estimateImageTokens(part(gif(1, 1)))).toBe(255);
  });

  it('counts images given by URL or in unknown formats as large images', () => {
    expect(estimateImageTokens({ type: 'image', url: 'https://example.com/a.png' })).toBe(
      DEFAULT_IMAGE_TOKENS,
    );
    expect(estimateImageTokens({ type: 'image', data: 'AAAA', mediaType: 'image/webp' })).toBe(
      DEFAULT_IMAGE_TOKENS,
    );
  });
});
