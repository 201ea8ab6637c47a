import { describe, expect, it } from 'vitest';
import { SANDBOX_KEY } from '../keys/key-auth.js';
import { hello, useServer } from './server.test-support.js';

const gateway = useServer({ sandbox: true });
const chat = (key?: string) =>
  gateway.post('/v1/chat/completions', hello(), key === undefined ? {} : { authorization: `Bearer ${key}` });

describe('keys in the sandbox', () => {
  it('takes any key, or none, while no key exists; marks its answers', async () => {
    expect((await chat('anything-at-all')).status).toBe(200);
    const none = await chat();
    expect(none.status).toBe(200);
    expect(none.headers.get('x-pal-sandbox')).toBe('true');
  });

  it(`always takes ${SANDBOX_KEY}; once a key exists, other unknown keys are refused`, async () => {
    const { key } = await gateway.createKey();
    expect((await chat(SANDBOX_KEY)).status).toBe(200);
    expect((await chat(key)).status).toBe(200);
    expect((await chat('anything-at-all')).status).toBe(401);
    expect((await chat()).status).toBe(401);
  });
});
