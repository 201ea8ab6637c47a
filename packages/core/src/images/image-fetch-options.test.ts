import { describe, expect, it } from 'vitest';
import {
  IMAGE_FETCH_DEFAULTS,
  imageFetchOptionsSchema,
  resolveImageFetchOptions,
} from './image-fetch-options.js';

describe('images options', () => {
  it('are off by default, with limits', () => {
    expect(resolveImageFetchOptions()).toEqual(IMAGE_FETCH_DEFAULTS);
    expect(IMAGE_FETCH_DEFAULTS).toMatchObject({
      fetchUrls: false,
      allowPrivateNetwork: false,
      allowPrivateHosts: [],
      maxRedirects: 3,
    });
  });

  it('layer key by key, later layers winning, lists replaced, undefined keeping the value below', () => {
    expect(
      resolveImageFetchOptions(
        { fetchUrls: true, maxBytes: 1000, allowPrivateHosts: ['10.0.0.0/8'] },
        undefined,
        { timeoutMs: 50, allowPrivateHosts: ['127.0.0.1'], maxBytes: undefined },
      ),
    ).toEqual({
      ...IMAGE_FETCH_DEFAULTS,
      fetchUrls: true,
      maxBytes: 1000,
      timeoutMs: 50,
      allowPrivateHosts: ['127.0.0.1'],
    });
  });

  it('validate each field, naming it', () => {
    const result = imageFetchOptionsSchema.safeParse({
      fetchUrls: 'yes',
      maxBytes: 0,
      allowPrivateHosts: ['10.0.0.0/40'],
      fetchURLs: true,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['fetchUrls', 'maxBytes', 'allowPrivateHosts.0']));
    expect(result.error?.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });
});
