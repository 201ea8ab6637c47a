#!/usr/bin/env node
/**
 * Packs @pal/core and one provider (default @pal/provider-anthropic) with pnpm, installs the
 * tarballs into an empty project with `pnpm add`, and fails if any other vendor's SDK was
 * installed. Shows that users get only the providers they install.
 *
 *   node tooling/config/check-isolated-install.mjs [provider-dir]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const provider = process.argv[2] ?? 'provider-anthropic';
const VENDOR_SDKS = {
  'provider-openai': 'openai',
  'provider-anthropic': '@anthropic-ai/sdk',
  'provider-gemini': '@google/generative-ai',
  'provider-bedrock': '@aws-sdk/client-bedrock-runtime',
};

const work = mkdtempSync(join(tmpdir(), 'pal-install-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const tarballs = ['core', provider].map((dir) => {
    run('pnpm', ['pack', '--pack-destination', work], join(root, 'packages', dir));
    return readdirSync(work).find((f) => f.endsWith('.tgz') && f.includes(dir.replace('/', '-')));
  });
  const app = join(work, 'app');
  run('mkdir', ['-p', app], work);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'empty-app', private: true, type: 'module' }),
  );
  run('pnpm', ['add', ...tarballs.map((t) => join(work, t))], app);
  const installed = (pkg) =>
    existsSync(join(app, 'node_modules', '.pnpm')) &&
    readdirSync(join(app, 'node_modules', '.pnpm')).some((d) => d.startsWith(`${pkg.replace('/', '+')}@`));
  const own = VENDOR_SDKS[provider];
  const others = Object.entries(VENDOR_SDKS)
    .filter(([dir]) => dir !== provider)
    .map(([, sdk]) => sdk);
  const stray = others.filter(installed);
  console.log(`installed ${tarballs.join(' + ')} into an empty project`);
  if (own) console.log(`  ${own}: ${installed(own) ? 'installed (expected)' : 'MISSING'}`);
  for (const sdk of others)
    console.log(`  ${sdk}: ${installed(sdk) ? 'INSTALLED (unexpected)' : 'not installed'}`);
  run(
    'node',
    [
      '--input-type=module',
      '-e',
      `import('@pal/core').then((m) => { if (!m.createRuntime) process.exit(1); })`,
    ],
    app,
  );
  console.log('  @pal/core imports in the empty project');
  if (stray.length > 0 || (own && !installed(own))) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
