import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRuntime, type PolicySettings, type TelemetrySink } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { createRouter, type RouterOptions } from '@pal/router';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGateway } from '../gateway.js';

/** A gateway on 127.0.0.1 over the real providers, each pointed at its vendor emulator. */
export interface RunningGateway {
  /** `http://127.0.0.1:<port>` */
  url: string;
  openai: Emulator;
  anthropic: Emulator;
  ollama: Emulator;
}

interface GatewaySetup {
  policies?: PolicySettings;
  telemetry?: TelemetrySink;
  router?: Omit<RouterOptions, 'runtime'>;
}

/**
 * Starts the OpenAI, Anthropic and Ollama emulators, a runtime with the three providers over them
 * (one attempt per target, so fault tests see each request once), a router, and the gateway
 * served by `@hono/node-server` on a free port; reset before each test, closed after the file.
 */
export function useGateway(setup: GatewaySetup = {}): RunningGateway {
  // filled in once the servers listen; the tests read it from then on
  const running = {} as RunningGateway;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const [o, a, l] = await Promise.all([
      startEmulator('openai'),
      startEmulator('anthropic'),
      startEmulator('ollama'),
    ]);
    const runtime = createRuntime({
      providers: [
        openai({ apiKey: 'sk-test-openai', baseURL: `${o.url}/v1` }),
        anthropic({ apiKey: 'sk-ant-test', baseURL: a.url }),
        ollama({ baseURL: l.url }),
      ],
      policies: { retry: { maxAttempts: 1 }, ...setup.policies },
      ...(setup.telemetry && { telemetry: setup.telemetry }),
    });
    const router = createRouter({ runtime, ...setup.router });
    const server = serve({ fetch: createGateway({ router, runtime }).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    Object.assign(running, { url: `http://127.0.0.1:${port}`, openai: o, anthropic: a, ollama: l });
    close = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as import('node:http').Server).closeAllConnections?.();
      });
      await router.close();
      await Promise.all([o.close(), a.close(), l.close()]);
    };
  });
  afterAll(() => close?.());
  beforeEach(() => {
    for (const emu of [running.openai, running.anthropic, running.ollama]) emu?.reset();
  });
  return running;
}

/** POSTs JSON to the gateway and reads the answer (status, headers, parsed body). */
export async function postJson(
  url: string,
  body: unknown,
  init: RequestInit = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the gateway answered
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal && { signal: init.signal }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
