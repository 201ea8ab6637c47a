import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Listening, listen } from '../listen.js';
import { buildServer, type PalServer } from './build-server.js';
import type { ServerOptions } from './server-options.js';

/** The admin token of the test servers. */
export const ADMIN = 'test-admin-token-0123456789abcdef';

/** A gateway built by `buildServer` in a temp data directory, over the OpenAI, Anthropic and Ollama emulators. */
export interface RunningServer {
  url: string;
  server: PalServer;
  dataDir: string;
  openai: Emulator;
  anthropic: Emulator;
  ollama: Emulator;
  /** Every log line written so far, as text. */
  logs(): string;
  /** Calls the console API with the admin token; answers status and parsed body. */
  api(method: string, path: string, body?: unknown): Promise<Answer>;
  /** POSTs JSON to the gateway with `headers`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** A new gateway key with these limits (through the console API). */
  createKey(limits?: Record<string, unknown>): Promise<{ id: string; key: string }>;
}

/** What a test reads of an answer. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  body: any;
}

/**
 * Starts the emulators and a server (providers given as adapters pointed at them, one attempt per
 * target, logs captured at debug), listening on a free port; reset before each test, closed after
 * the file. `setup` adds to or replaces the server's options.
 */
export function useServer(setup: Partial<ServerOptions> = {}): RunningServer {
  const running = {} as RunningServer;
  let listening: Listening | undefined;
  let lines: string[] = [];
  beforeAll(async () => {
    const [o, a, l] = await Promise.all([
      startEmulator('openai'),
      startEmulator('anthropic'),
      startEmulator('ollama'),
    ]);
    const dataDir = mkdtempSync(join(tmpdir(), 'pal-gateway-'));
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const server = await buildServer({
      dataDir,
      env: {},
      adminToken: ADMIN,
      logger: pino({ level: 'debug' }, destination),
      policies: { retry: { maxAttempts: 1 } },
      providers: [
        openai({ apiKey: 'sk-test-openai-upstream-0000', baseURL: `${o.url}/v1` }),
        anthropic({ apiKey: 'sk-ant-test-upstream-0000', baseURL: a.url }),
        ollama({ baseURL: l.url }),
      ],
      ...setup,
    });
    listening = await listen(server.app, { port: 0, host: '127.0.0.1' });
    const request = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => {
      const response = await fetch(`${listening?.url}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    };
    Object.assign(running, {
      url: listening.url,
      server,
      dataDir,
      openai: o,
      anthropic: a,
      ollama: l,
      logs: () => lines.join(''),
      api: (method: string, path: string, body?: unknown) =>
        request(method, path, body, { authorization: `Bearer ${ADMIN}` }),
      post: (path: string, body: unknown, headers?: Record<string, string>) =>
        request('POST', path, body, headers),
      createKey: async (limits: Record<string, unknown> = {}) => {
        const created = await request(
          'POST',
          '/api/keys',
          { name: 'test', ...limits },
          { authorization: `Bearer ${ADMIN}` },
        );
        if (created.status !== 201)
          throw new Error(`creating a key answered ${created.status}: ${created.text}`);
        return { id: created.body.id as string, key: created.body.key as string };
      },
    });
  });
  afterAll(async () => {
    await listening?.close({ deadlineMs: 1000 });
    await running.server?.close();
    await Promise.all([running.openai?.close(), running.anthropic?.close(), running.ollama?.close()]);
    if (running.dataDir) rmSync(running.dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    lines = [];
    for (const emulator of [running.openai, running.anthropic, running.ollama]) emulator?.reset();
  });
  return running;
}

/** A chat request body in OpenAI's shape. */
export const hello = (model = 'openai/gpt-5.4-mini', extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});
