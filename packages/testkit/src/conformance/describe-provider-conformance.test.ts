import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs the conformance suite against the broken fixture adapter; returns each test's state by name. */
async function runBrokenSuite(): Promise<Map<string, string>> {
  const exitCode = process.exitCode;
  const vitest = await startVitest('test', [], {
    root: packageRoot,
    config: join(packageRoot, 'vitest.config.ts'),
    include: ['src/conformance/__fixtures__/broken-ollama.conformance.ts'],
    watch: false,
    reporters: [],
  });
  try {
    const states = new Map<string, string>();
    for (const module of vitest.state.getTestModules()) {
      for (const test of module.children.allTests()) states.set(test.name, test.result().state);
    }
    return states;
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
}

describe('describeProviderConformance', () => {
  it('fails a provider that drops usage and mis-maps errors, and only where it is wrong', async () => {
    const states = await runBrokenSuite();
    const state = (name: string) => {
      expect([...states.keys()], `no conformance test named "${name}"`).toContain(name);
      return states.get(name);
    };
    // what the wrapper breaks
    expect(state('usage: the vendor numbers are reported for chats (input + output = total)')).toBe('failed');
    expect(state('usage: the vendor numbers are reported for streams too')).toBe('failed');
    expect(state('errors: vendor "not_found" → MODEL_NOT_FOUND')).toBe('failed');
    expect(state('errors: vendor "context_length" → CONTEXT_LENGTH_EXCEEDED')).toBe('failed');
    expect(
      state('errors: rate limit with retry-after: 2 → PROVIDER_RATE_LIMIT_ERROR, retryAfterMs 2000'),
    ).toBe('failed');
    expect(state('errors: a reset connection → NETWORK_ERROR')).toBe('failed');
    // what it leaves alone still passes, so the failures above are the suite's findings, not a crash
    expect(state('chat: returns the vendor text, a stop finish and the provider id')).toBe('passed');
    expect(state('stream: text deltas concatenate to the non-stream text')).toBe('passed');
    expect(state('tools: a tool call comes back with parsed arguments and a tool-calls finish')).toBe(
      'passed',
    );
    expect(state('errors: vendor "server" → PROVIDER_API_ERROR')).toBe('passed');
    // Ollama has no auth: the auth tests are skipped
    expect(state('errors: vendor "auth" → PROVIDER_AUTH_ERROR')).toBe('skipped');
  }, 120_000);
});
