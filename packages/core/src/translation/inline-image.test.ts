import { describe, expect, it } from 'vitest';
import { inlineImageOf } from './inline-image.js';

describe('inlineImageOf', () => {
  it('returns base64 data with its media type as given', () => {
    expect(inlineImageOf({ type: 'image', data: 'AAAA', mediaType: 'image/png' })).toEqual({
      mediaType: 'image/png',
      data: 'AAAA',
    });
  });

  it('reads the media type and data out of a base64 data: URL', () => {
    expect(inlineImageOf({ type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' })).toEqual({
      mediaType: 'image/jpeg',
      data: '/9j/4AAQ',
    });
  });

  it('skips data: URL parameters before ;base64', () => {
    expect(inlineImageOf({ type: 'image', url: 'data:image/svg+xml;charset=utf-8;base64,PHN2Zz4=' })).toEqual(
      {
        mediaType: 'image/svg+xml',
        data: 'PHN2Zz4=',
      },
    );
  });

  it('is undefined for http(s) URLs and for data: URLs that are not base64', () => {
    expect(inlineImageOf({ type: 'image', url: 'https://example.com/cat.png' })).toBeUndefined();
    expect(inlineImageOf({ type: 'image', url: 'data:image/svg+xml,%3Csvg%3E' })).toBeUndefined();
    expect(inlineImageOf({ type: 'image', url: 'data:image/png;base64,' })).toBeUndefined();
  });
});
