import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { hello, useServer } from './server.test-support.js';

const gateway = useServer();

async function ledgerRowsOf(requestId: string) {
  // the ledger writes its rows off the request path: wait for the call's row
  return vi.waitFor(
    async () => {
      const { body } = await gateway.api('GET', `/api/usage/calls?requestId=${requestId}`);
      if (body.entries.length === 0) throw new Error('no ledger row yet');
      return body.entries;
    },
    { timeout: 5_000, interval: 50 },
  );
}

describe('a client that goes away', () => {
  it('mid-stream: the upstream connection closes, and the partial answer is billed with an estimate', async () => {
    const { key } = await gateway.createKey();
    gateway.openai.script({ text: 'word '.repeat(40), chunks: 20, chunkDelayMs: 60 });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key, maxRetries: 0 });
    const { data: stream, response } = await client.chat.completions
      .create({ ...(hello() as OpenAI.ChatCompletionCreateParamsStreaming), stream: true })
      .withResponse();
    const requestId = response.headers.get('x-request-id') as string;
    let seen = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) seen++;
      if (seen === 3) break; // the SDK aborts its request: the client is gone
    }
    await vi.waitFor(() => expect(gateway.openai.requests[0]?.clientClosedEarly).toBe(true), {
      timeout: 3_000,
    });

    const [row] = await ledgerRowsOf(requestId);
    expect(row).toMatchObject({
      provider: 'openai',
      operation: 'stream',
      outcome: 'aborted',
      errorCode: 'ABORTED',
      estimated: true,
    });
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(row.outputTokens).toBeLessThan(40);
    expect(row.costUsd).toBeGreaterThan(0);
  });

  it('before a JSON answer: the upstream request is aborted, and the call is in the ledger as aborted', async () => {
    const { key } = await gateway.createKey();
    gateway.anthropic.script({ fault: { type: 'stall', ms: 3_000 } });
    const controller = new AbortController();
    const pending = fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(hello('anthropic/claude-haiku-4-5')),
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(gateway.anthropic.requests).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(gateway.anthropic.requests[0]?.clientClosedEarly).toBe(true), {
      timeout: 3_000,
    });
    const rows = await vi.waitFor(
      async () => {
        const { body } = await gateway.api('GET', '/api/usage/calls?provider=anthropic');
        const aborted = body.entries.filter((e: { outcome: string }) => e.outcome === 'aborted');
        if (aborted.length === 0) throw new Error('no aborted row yet');
        return aborted;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(rows[0]).toMatchObject({ operation: 'chat', errorCode: 'ABORTED' });
  });
});
