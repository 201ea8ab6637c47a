import { describe, expect, it } from 'vitest';
import { GIF, JPEG, PNG, WEBP } from './image-server.test-support.js';
import { sniffImageType } from './sniff-image-type.js';

describe('sniffImageType', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['GIF89a', GIF, 'image/gif'],
    ['GIF87a', Buffer.concat([Buffer.from('GIF87a'), Buffer.alloc(8)]), 'image/gif'],
    ['WebP', WEBP, 'image/webp'],
  ])('knows %s by its signature', (_name, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it.each([
    ['an HTML page', Buffer.from('<!doctype html><html></html>')],
    ['JSON', Buffer.from('{"error":"not found"}')],
    ['a RIFF file that is not WebP (WAV)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['too few bytes to tell', PNG.subarray(0, 8)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });
});
