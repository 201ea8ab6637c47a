import type { Listening } from '../listen.js';
import { SANDBOX_KEY } from '../keys/key-auth.js';
import type { SandboxProvider } from '../sandbox/sandbox-providers.js';
import type { PalServer } from '../server/build-server.js';
import type { Output } from './output.js';

/**
 * What `pal serve` tells the person who started it, on stderr (stdout carries the JSON logs):
 * where it listens, the providers, how callers authenticate, where the admin token is, and in the
 * sandbox the `pal-sandbox` key and the console's address with the admin token in its fragment.
 * With `--json`, one JSON line on stdout instead (never holding the admin token).
 */
export function printBanner(
  out: Output,
  server: PalServer,
  listening: Listening,
  sandboxed: SandboxProvider[],
): void {
  const providers = server.providers.views();
  const keys = server.store.countKeys();
  if (out.json) {
    out.stdout.write(
      `${JSON.stringify({
        pal: 'listening',
        url: listening.url,
        sandbox: server.sandbox,
        dataDir: server.dataDir.dir,
        adminToken: server.adminToken.file ?? 'PAL_ADMIN_TOKEN',
        providers: providers.map((p) => ({ id: p.id, enabled: p.enabled, source: p.source })),
        keys,
      })}\n`,
    );
    return;
  }
  const line = (text = '') => out.stderr.write(`${text}\n`);
  line(
    `${out.style('bold', 'PAL gateway')} on ${out.style('cyan', listening.url)}${server.sandbox ? out.style('yellow', ' (sandbox)') : ''}`,
  );
  line(`  OpenAI-compatible:    ${listening.url}/v1   (chat/completions, embeddings, models)`);
  line(`  Anthropic-compatible: ${listening.url}/v1/messages`);
  line(
    `  console API ${listening.url}/api · metrics ${listening.url}/metrics · data in ${server.dataDir.dir}`,
  );
  line(
    `  providers: ${
      providers.map((p) => `${p.id}${p.enabled ? '' : ' (off)'}${sourceNote(p.id, sandboxed)}`).join(', ') ||
      'none yet — add one: pal providers add openai'
    }`,
  );
  if (server.sandbox) {
    line(
      `  gateway key: ${out.style('bold', SANDBOX_KEY)}${keys === 0 ? ' (or any key, until you create one)' : ''}`,
    );
    line(`  console: ${listening.url}/#token=${encodeURIComponent(server.adminToken.reveal())}`);
  } else if (keys === 0) {
    line(out.style('yellow', '  no gateway keys yet: /v1 refuses every call until you create one:'));
    line(`    pal keys create <name>${server.adminToken.file ? '' : ' --admin-token $PAL_ADMIN_TOKEN'}`);
  } else line(`  gateway keys: ${keys} (pal keys list)`);
  line(`  admin token: ${server.adminToken.file ? `in ${server.adminToken.file}` : 'PAL_ADMIN_TOKEN'}`);
  line(out.style('dim', '  Ctrl-C (or SIGTERM) drains open streams, then stops'));
}

function sourceNote(id: string, sandboxed: SandboxProvider[]): string {
  const provider = sandboxed.find((p) => p.vendor === id);
  if (!provider) return '';
  return provider.emulator ? ' (emulated)' : ` (real: ${provider.realKeyFrom})`;
}
