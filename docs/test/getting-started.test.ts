/**
 * Keeps docs/getting-started.md true: its config file and its two programs are taken from the
 * page as written, run with Node in an app directory against the emulators (only the emulator
 * ports are swapped in), and must print what the page shows; its links must lead somewhere.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const page = readFileSync(join(docsDir, 'getting-started.md'), 'utf8');
const run = promisify(execFile);

/** The fenced code blocks of the page, in order, with their language. */
const blocks = [...page.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({
  lang: lang!,
  code: code!,
}));
const configText = blocks.filter((b) => b.lang === 'json')[0]?.code ?? '';
const program = (name: string) => blocks.find((b) => b.lang === 'js' && b.code.startsWith(`// ${name}\n`));
/** The `text` block that follows the `sh` block running `node <name>`: what the page says it prints. */
function shownOutput(name: string): string {
  const at = blocks.findIndex((b) => b.lang === 'sh' && b.code.includes(`node ${name}`));
  const next = blocks[at + 1];
  if (at < 0 || next?.lang !== 'text') throw new Error(`no output shown after "node ${name}"`);
  return next.code;
}
/** Numbers (tokens, prices) depend on the catalog's prices: compare the rest. */
const shape = (text: string) => text.trim().replace(/\d+(\.\d+)?(e-\d+)?/g, '#');

let oai: Emulator;
let ant: Emulator;
let app: string;

beforeAll(async () => {
  [oai, ant] = await Promise.all([startEmulator('openai'), startEmulator('anthropic')]);
  // my-app: the page's config (emulator ports swapped in) and the installed packages
  app = mkdtempSync(join(tmpdir(), 'pal-getting-started-'));
  symlinkSync(join(docsDir, 'node_modules'), join(app, 'node_modules'), 'dir');
  const config = configText
    .replace('http://127.0.0.1:4010/v1', `${oai.url}/v1`)
    .replace('http://127.0.0.1:4011', ant.url);
  writeFileSync(join(app, 'provider-runtime.config.json'), config);
  for (const name of ['app.mjs', 'weather.mjs']) writeFileSync(join(app, name), program(name)?.code ?? '');
});
afterAll(async () => {
  if (app) rmSync(app, { recursive: true, force: true });
  await Promise.all([oai?.close(), ant?.close()]);
});

const runInApp = (name: string) =>
  run(process.execPath, [name], {
    cwd: app,
    timeout: 30_000,
    env: { ...process.env, PAL_ENV: 'local', OPENAI_API_KEY: 'sk-local', ANTHROPIC_API_KEY: 'sk-local' },
  });

describe('getting-started.md', () => {
  it('shows a config file that loads both providers, with keys from the environment', async () => {
    expect(configText).toContain('"apiKey": { "env": "OPENAI_API_KEY" }');
    const loaded = await loadConfig(JSON.parse(configText), {
      cwd: docsDir,
      env: {
        OPENAI_API_KEY: 'sk-real-0000000000000000abcd',
        ANTHROPIC_API_KEY: 'sk-ant-real-00000000000wxyz',
      },
    });
    expect(loaded.providers.map((p) => p.id)).toEqual(['openai', 'anthropic']);
    expect(loaded.environment).toBeUndefined();
    expect(JSON.stringify(loaded)).not.toContain('sk-real-0000000000000000abcd');
    expect(loaded.config.policies?.budget).toEqual({ global: { dailyUsd: 5 } });
  });

  it('app.mjs: a first call to each provider prints what the page shows', async () => {
    const { stdout } = await runInApp('app.mjs');
    expect(stdout).toContain('openai/gpt-5.4-mini: Echo: Say hello in French.');
    expect(shape(stdout)).toBe(shape(shownOutput('app.mjs')));
    // PAL_ENV=local sent both calls to the emulators, on the right paths
    expect(oai.requests.map((r) => r.path)).toContain('/v1/chat/completions');
    expect(ant.requests.map((r) => r.path)).toContain('/v1/messages');
  }, 60_000);

  it('weather.mjs: a tool round trip and a JSON answer print what the page shows', async () => {
    oai.reset();
    ant.reset();
    const { stdout } = await runInApp('weather.mjs');
    expect(stdout).toContain(
      'answer: Tool result received: {"city":"Paris","temperatureC":18,"sky":"clear"}',
    );
    expect(shape(stdout)).toBe(shape(shownOutput('weather.mjs')));
    expect(ant.requests).toHaveLength(2); // the call, then the tool result
    expect(oai.requests).toHaveLength(1); // the JSON report
    expect(oai.requests[0]?.body).toMatchObject({ response_format: { type: 'json_schema' } });
  }, 60_000);

  it('links to every recipe, and every relative link leads to a file (and heading) that exists', () => {
    const links = [...page.matchAll(/\]\(([^)\s]+)\)/g)].map(([, href]) => href!);
    const relative = links.filter((href) => !/^[a-z]+:/.test(href) && !href.startsWith('#'));
    expect(relative.length).toBeGreaterThan(10);
    for (const href of relative) {
      const [file, anchor] = href.split('#');
      const target = resolve(docsDir, file!);
      expect(existsSync(target), href).toBe(true);
      if (anchor) {
        const headings = readFileSync(target, 'utf8').match(/^#+ .+$/gm) ?? [];
        const slugs = headings.map((h) =>
          h
            .replace(/^#+ /, '')
            .toLowerCase()
            .replace(/[^\w\s-]/g, '')
            .replace(/\s+/g, '-'),
        );
        expect(slugs, href).toContain(anchor);
      }
    }
    for (const recipe of readdirSync(join(docsDir, 'recipes')).filter((f) => f.endsWith('.ts')))
      expect(links, recipe).toContain(`recipes/${recipe}`);
    expect(links).toContain('architecture.md');
    expect(links).toContain('../packages/core/README.md#errors');
  });
});
