import {
  createRuntime,
  isPalError,
  type PalError,
  type RuntimeOptions,
  type TelemetryEvent,
} from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** Three real providers (their official SDKs, or HTTP for Ollama) against three emulators on 127.0.0.1. */
export interface Targets {
  openai: Emulator;
  anthropic: Emulator;
  ollama: Emulator;
  close(): Promise<void>;
}

export async function startTargets(): Promise<Targets> {
  const [o, a, l] = await Promise.all([
    startEmulator('openai'),
    startEmulator('anthropic'),
    startEmulator('ollama'),
  ]);
  return {
    openai: o,
    anthropic: a,
    ollama: l,
    close: async () => {
      await Promise.all([o.close(), a.close(), l.close()]);
    },
  };
}

/** The providers of `targets` (or a subset), each pointed at its emulator. */
export function providersFor(
  targets: Targets,
  only: Array<'openai' | 'anthropic' | 'ollama'> = ['openai', 'anthropic', 'ollama'],
) {
  const all = {
    openai: () => openai({ apiKey: 'sk-test-openai', baseURL: `${targets.openai.url}/v1` }),
    anthropic: () => anthropic({ apiKey: 'sk-ant-test', baseURL: targets.anthropic.url }),
    ollama: () => ollama({ baseURL: targets.ollama.url }),
  };
  return only.map((id) => all[id]());
}

/** A runtime over the emulators, with quick retries so fault tests stay fast. */
export function runtimeFor(
  targets: Targets,
  options: RuntimeOptions = {},
  only?: Array<'openai' | 'anthropic' | 'ollama'>,
) {
  return createRuntime({
    providers: providersFor(targets, only),
    ...options,
    policies: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...options.policies },
  });
}

/** Collects telemetry events. */
export function recorder() {
  const events: TelemetryEvent[] = [];
  return { events, sink: { emit: (event: TelemetryEvent) => void events.push(event) } };
}

export const hello = (model: string, text = 'hello') => ({
  model,
  messages: [{ role: 'user' as const, content: text }],
});

/** Requests an emulator received to its chat endpoint. */
export function chatCalls(emu: Emulator): number {
  return emu.requests.filter((r) => /chat\/completions|\/v1\/messages$|\/api\/chat/.test(r.path)).length;
}

/**
 * The three emulators for a test file: started once, reset before each test (requests and scripts
 * forgotten), closed at the end. The returned object reads the running ones.
 */
export function useTargets(): Targets {
  let running: Targets | undefined;
  beforeAll(async () => {
    running = await startTargets();
  });
  afterAll(() => running?.close());
  beforeEach(() => {
    for (const emu of [running?.openai, running?.anthropic, running?.ollama]) emu?.reset();
  });
  const get = (): Targets => {
    if (!running) throw new Error('the emulators are not started yet');
    return running;
  };
  return {
    get openai() {
      return get().openai;
    },
    get anthropic() {
      return get().anthropic;
    },
    get ollama() {
      return get().ollama;
    },
    close: () => get().close(),
  };
}

/** The PalError a promise (or a function) fails with; fails the test when it does not. */
export async function palErrorOf(run: Promise<unknown> | (() => unknown)): Promise<PalError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}
