import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@pal/store-sqlite';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from './serve-process.test-support.js';

const ADMIN = 'sigterm-admin-token-0123456789';
const DRAIN_MS = 1_500;
const STREAMS = 50;

let emulator: Emulator;
let dir: string;
let serve: ServeProcess;

beforeAll(async () => {
  emulator = await startEmulator('openai');
  dir = mkdtempSync(join(tmpdir(), 'pal-sigterm-'));
  const config = join(dir, 'provider-runtime.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      providers: {
        openai: {
          package: '@pal/provider-openai',
          apiKey: 'sk-test-sigterm-0000',
          baseURL: `${emulator.url}/v1`,
        },
      },
      policies: { retry: { maxAttempts: 1 } },
    }),
  );
  serve = await startServe(
    ['--data-dir', join(dir, 'data'), '--config', config, '--drain-ms', String(DRAIN_MS)],
    {
      PAL_ADMIN_TOKEN: ADMIN,
    },
  );
}, 40_000);

afterAll(async () => {
  if (serve?.child.exitCode === null) serve.child.kill('SIGKILL');
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface StreamEnd {
  done: boolean;
  errorCode?: string;
  /** When the stream ended, ms after SIGTERM (0: before it). */
  endedAfterMs: number;
  requestId: string;
}

describe('pal serve on SIGTERM', () => {
  it(`lets ${STREAMS} open streams finish or end with a typed error by the deadline, bills every call and exits 0`, async () => {
    const created = await fetch(`${serve.url}/api/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sigterm' }),
    });
    const { key } = (await created.json()) as { key: string };
    // half the streams end in ~0.5 s (before the deadline), half would take ~6 s (after it)
    for (let i = 0; i < STREAMS; i++)
      emulator.script(
        i % 2 === 0
          ? { text: 'short '.repeat(10), chunks: 10, chunkDelayMs: 50 }
          : { text: 'long '.repeat(60), chunks: 60, chunkDelayMs: 100 },
      );

    let sigtermAt = 0;
    let firstChunks = 0;
    let allStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const streams = Array.from({ length: STREAMS }, async (): Promise<StreamEnd> => {
      const response = await fetch(`${serve.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'openai/gpt-5.4-mini',
          messages: [{ role: 'user', content: 'Hi' }],
          stream: true,
          stream_options: { include_usage: true },
        }),
      });
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id') as string;
      const decoder = new TextDecoder();
      let text = '';
      let counted = false;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        if (!counted && text.includes('"delta"')) {
          counted = true;
          if (++firstChunks === STREAMS) allStarted();
        }
      }
      // a short stream may finish before the signal is sent, on a busy machine
      const endedAfterMs = sigtermAt === 0 ? 0 : Date.now() - sigtermAt;
      const errorFrame = /^data: (\{"error".*)$/m.exec(text)?.[1];
      return {
        done: text.includes('data: [DONE]'),
        ...(errorFrame && { errorCode: (JSON.parse(errorFrame) as { error: { code: string } }).error.code }),
        endedAfterMs,
        requestId,
      };
    });

    await started;
    sigtermAt = Date.now();
    serve.child.kill('SIGTERM');
    const ends = await Promise.all(streams);
    const { code, signal } = await serve.exited;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const finished = ends.filter((e) => e.done);
    const aborted = ends.filter((e) => !e.done);
    expect(finished.length).toBe(STREAMS / 2);
    expect(aborted.length).toBe(STREAMS / 2);
    // every stream that did not finish ended with a typed error event, none was just cut
    for (const end of aborted) expect(end.errorCode).toBe('ABORTED');
    for (const end of ends) expect(end.endedAfterMs).toBeLessThan(DRAIN_MS + 1_000);
    // a new connection is refused once draining began
    await expect(fetch(`${serve.url}/healthz`)).rejects.toThrow();

    // the ledger has every call: the finished ones billed in full, the aborted ones for what they used
    const store = openStore({ path: join(dir, 'data', 'pal.db'), env: {} });
    try {
      const rows = store.usageEntries({ limit: 1000 }).entries;
      expect(rows).toHaveLength(STREAMS);
      expect(new Set(rows.map((r) => r.requestId))).toEqual(new Set(ends.map((e) => e.requestId)));
      expect(rows.filter((r) => r.outcome === 'success')).toHaveLength(STREAMS / 2);
      const partial = rows.filter((r) => r.outcome === 'aborted');
      expect(partial).toHaveLength(STREAMS / 2);
      for (const row of partial) {
        expect(row.estimated).toBe(true);
        expect(row.outputTokens).toBeGreaterThan(0);
      }
    } finally {
      store.close();
    }
    expect(serve.output()).toContain('"pal":"shutdown"');
  }, 40_000);
});
