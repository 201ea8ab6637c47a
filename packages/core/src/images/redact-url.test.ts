import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('drops user info, query and fragment, keeping scheme, host, port and path', () => {
    expect(redactUrl('https://user:hunter2@cdn.example:8443/a/b.png?X-Amz-Signature=abc&token=t#frag')).toBe(
      'https://cdn.example:8443/a/b.png?…',
    );
    expect(redactUrl(new URL('http://[::1]:80/x.png'))).toBe('http://[::1]/x.png');
    expect(redactUrl('http://cdn.example/x.png')).toBe('http://cdn.example/x.png');
  });

  it('shows neither a data: URL nor text that is no URL', () => {
    expect(redactUrl('data:image/png;base64,AAAA')).toBe('a data: URL');
    expect(redactUrl('not a url with secret sk-123')).toBe('(an invalid URL)');
  });
});
