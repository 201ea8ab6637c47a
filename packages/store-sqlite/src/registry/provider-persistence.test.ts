import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRuntime, maskSecret, Secret } from '@pal/core';
import { type ConfigProject, configProject, type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProblemOf } from '../store-error.js';
import { palErrorOf } from '../test-support/pal-error-of.test-support.js';
import { newKey, useTempDir } from '../test-support/temp-dir.test-support.js';

/** Seed 003 "Provider Registry" and "Adding a Second Provider": what a person connects survives a restart. */

const KEY = 'sk-proj-persisted-0123456789abcdefXY12';
const PACKAGE = '@pal/provider-openai';
let emu: Emulator;
let project: ConfigProject;
const temp = useTempDir();

beforeAll(async () => {
  emu = await startEmulator('openai');
  // the provider package installed in a project, its import entry at its source (no build needed)
  project = configProject({
    packageName: PACKAGE,
    entry: new URL('../../../provider-openai/src/index.ts', import.meta.url),
    config: {},
  });
});
afterAll(async () => {
  await emu.close();
  project.remove();
});

const hi = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('saved providers', () => {
  it('saves an OpenAI provider with its key, and after a restart loads it into a runtime that calls the emulator', async () => {
    const masterKey = newKey();
    const first = temp.open({ masterKey, cwd: project.dir });
    const saved = first.saveProvider(
      { id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1`, defaultModel: 'gpt-4o-mini' },
      { actor: 'ann@example.com' },
    );
    expect(saved).toMatchObject({
      id: 'openai',
      displayName: 'OpenAI',
      credentials: { apiKey: 'sk-...XY12' },
    });
    first.close();

    const store = temp.open({ masterKey, cwd: project.dir });
    const runtime = createRuntime();
    expect(await store.loadInto(runtime)).toEqual({ registered: ['openai'], failed: [] });
    emu.script({ text: 'from the saved provider' });
    const result = await runtime.chat(hi);
    expect(result.text).toBe('from the saved provider');
    // the SDK got the key itself (the emulator records it masked)
    expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(KEY));
    expect(runtime.registry.getProviderForModel('openai').modelId).toBe('gpt-4o-mini');
    await runtime.close();
    store.close();

    // the key is nowhere in the file's bytes (nor in the WAL beside it): only its ciphertext is
    for (const file of [temp.path, `${temp.path}-wal`]) {
      const bytes = (() => {
        try {
          return readFileSync(file);
        } catch {
          return Buffer.alloc(0);
        }
      })();
      expect(bytes.includes(Buffer.from(KEY))).toBe(false);
      expect(bytes.includes(Buffer.from('persisted-0123456789'))).toBe(false);
    }
  });

  it('fails with a typed CONFIG_ERROR naming the file when the master key is wrong, never with garbage credentials', async () => {
    const store = temp.open({ masterKey: newKey(), cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY });
    store.close();

    const error = await palErrorOf(() => temp.open({ masterKey: newKey() }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(storeProblemOf(error)).toBe('wrong-master-key');
    expect(error.message).toContain(temp.path);
    expect(error.message).toContain('does not decrypt');
    expect(error.userMessage).toBe(
      'The saved provider credentials cannot be decrypted with this master key.',
    );
    expect(JSON.stringify(error)).not.toContain(KEY);

    // the same from PAL_MASTER_KEY
    const fromEnv = await palErrorOf(() => temp.open({ env: { PAL_MASTER_KEY: newKey() } }));
    expect(storeProblemOf(fromEnv)).toBe('wrong-master-key');
    expect(fromEnv.message).toContain('PAL_MASTER_KEY');
  });

  it('refuses a master key that is not 32 bytes of base64', async () => {
    const error = await palErrorOf(() =>
      temp.open({ env: { PAL_MASTER_KEY: 'c2hvcnQ=' } }).saveProvider({ id: 'x', package: 'p', apiKey: KEY }),
    );
    expect(storeProblemOf(error)).toBe('bad-master-key');
    expect(error.message).toBe(
      'PAL_MASTER_KEY must be 32 bytes in base64 (44 characters, e.g. from `openssl rand -base64 32`); it holds 5 bytes',
    );
  });

  it('creates a key file beside the database on first use, mode 0600, and uses it after a restart', async () => {
    const store = temp.open({ cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    store.close();
    const keyFile = `${temp.path}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);

    const reopened = temp.open({ cwd: project.dir });
    const runtime = createRuntime();
    await reopened.loadInto(runtime);
    emu.script({ text: 'key file' });
    expect((await runtime.chat(hi)).text).toBe('key file');
    await runtime.close();
  });

  it('refuses a key file that other users can read', async () => {
    const store = temp.open();
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY });
    store.close();
    const keyFile = `${temp.path}.key`;
    chmodSync(keyFile, 0o644);
    const error = await palErrorOf(() => temp.open());
    expect(storeProblemOf(error)).toBe('key-file-permissions');
    expect(error.message).toBe(
      `The master key file ${keyFile} can be read or written by other users (mode 0644); PAL will not use it: run \`chmod 600 ${keyFile}\``,
    );
  });

  it('says so when the store holds credentials and no key is found', async () => {
    const store = temp.open();
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY });
    store.close();
    writeFileSync(`${temp.path}.key`, ''); // emptied
    const noKey = await palErrorOf(() => temp.open());
    expect(storeProblemOf(noKey)).toBe('bad-master-key');
  });

  it('lists providers with masked credentials only, in the order they were added', () => {
    const store = temp.open({ masterKey: newKey() });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: new Secret(KEY) });
    store.saveProvider({
      id: 'groq',
      package: PACKAGE,
      factory: 'openaiCompatible',
      credentials: { apiKey: 'gsk_0123456789abcdefghij' },
      options: { preset: 'groq' },
      enabled: false,
    });
    const listed = store.listProviders();
    expect(listed.map((p) => [p.id, p.enabled, p.credentials])).toEqual([
      ['openai', true, { apiKey: 'sk-...XY12' }],
      ['groq', false, { apiKey: '...ghij' }],
    ]);
    expect(listed[1]).toMatchObject({ factory: 'openaiCompatible', options: { preset: 'groq' } });
    expect(JSON.stringify(listed)).not.toContain('persisted');
  });

  it('refuses secrets in the non-secret options, and a new provider without a package', async () => {
    const store = temp.open({ masterKey: newKey() });
    const inOptions = await palErrorOf(() =>
      store.saveProvider({
        id: 'bedrock',
        package: '@pal/provider-bedrock',
        options: { secretAccessKey: 'x' },
      }),
    );
    expect(inOptions.code).toBe('CONFIG_ERROR');
    expect(inOptions.message).toContain('saveProvider.options: options must not hold secrets');
    const noPackage = await palErrorOf(() => store.saveProvider({ id: 'openai' }));
    expect(noPackage.message).toContain('a new provider needs the package');
  });

  it('skips disabled providers, and survives enable / disable / remove across restarts', async () => {
    const masterKey = newKey();
    const store = temp.open({ masterKey, cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    store.saveProvider({ id: 'backup', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    expect(store.disable('backup')).toBe(true);
    expect(store.disable('nobody')).toBe(false);
    store.close();

    const again = temp.open({ masterKey, cwd: project.dir });
    const runtime = createRuntime();
    expect((await again.loadInto(runtime)).registered).toEqual(['openai']);
    again.enable('backup');
    expect(again.removeProvider('openai')).toBe(true);
    expect(again.removeProvider('openai')).toBe(false);
    const next = createRuntime();
    expect((await again.loadInto(next)).registered).toEqual(['backup']);
    await Promise.all([runtime.close(), next.close()]);
  });

  it('fails fast on a provider whose package is missing, or registers the others with skipFailed', async () => {
    const store = temp.open({ masterKey: newKey(), cwd: project.dir });
    store.saveProvider({ id: 'gone', package: '@pal/provider-gone' });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    const error = await palErrorOf(() => store.loadInto(createRuntime()));
    expect(error.message).toBe(
      `providers.gone.package: package "@pal/provider-gone" is not installed: install @pal/provider-gone (in ${temp.path})`,
    );
    const result = await store.loadInto(createRuntime(), { skipFailed: true });
    expect(result.registered).toEqual(['openai']);
    expect(result.failed.map((f) => [f.id, f.error.code])).toEqual([['gone', 'CONFIG_ERROR']]);
  });

  it('keeps validation outcomes', () => {
    const store = temp.open({ masterKey: newKey(), clock: () => 1_000 });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY });
    store.recordValidation('openai', { ok: false, error: new (class extends Error {})('x') });
    expect(store.getProvider('openai')?.lastValidation).toEqual({
      ok: false,
      errorCode: 'PROVIDER_API_ERROR',
    });
    store.recordValidation('openai', { ok: true, lastValidatedAt: 2_000 });
    expect(store.getProvider('openai')).toMatchObject({
      lastValidatedAt: 2_000,
      lastValidation: { ok: true },
    });
  });
});

describe('model catalog overrides', () => {
  it('merges an edited price and context window into the registry after a restart, and prices calls with them', async () => {
    const masterKey = newKey();
    const store = temp.open({ masterKey, cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    store.saveModel(
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        contextWindow: 64_000,
        pricing: { inputPerMTok: 1, outputPerMTok: 2 },
      },
      { actor: 'ann' },
    );
    store.close();

    const again = temp.open({ masterKey, cwd: project.dir });
    expect(again.listModels('openai')).toMatchObject([
      { id: 'openai/gpt-4o-mini', contextWindow: 64_000, pricing: { inputPerMTok: 1, outputPerMTok: 2 } },
    ]);
    const runtime = createRuntime();
    await again.loadInto(runtime);
    const info = runtime.registry.getModelInfo('openai/gpt-4o-mini');
    expect(info?.contextWindow).toBe(64_000);
    expect(info?.pricing).toMatchObject({ inputPerMTok: 1, outputPerMTok: 2 });
    emu.script({ usage: { inputTokens: 1_000_000, outputTokens: 500_000 } });
    expect((await runtime.chat(hi)).cost.totalUsd).toBeCloseTo(2, 10);
    await runtime.close();

    expect(again.removeModel('openai', 'gpt-4o-mini')).toBe(true);
    expect(again.listModels()).toEqual([]);
  });

  it('refuses an override for a provider that is not saved', async () => {
    const store = temp.open();
    const error = await palErrorOf(() =>
      store.saveModel({ provider: 'openai', model: 'gpt-4o', contextWindow: 1 }),
    );
    expect(error.message).toContain('"openai" is not a saved provider');
  });
});

describe('master key rotation', () => {
  it('re-encrypts every credential in one transaction: the old key no longer opens the file, the new one does', async () => {
    const oldKey = newKey();
    const nextKey = newKey();
    const store = temp.open({ masterKey: oldKey, cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    store.saveProvider({ id: 'other', package: PACKAGE, apiKey: 'sk-other-0123456789' });
    store.saveProvider({ id: 'keyless', package: PACKAGE, enabled: false });
    expect(store.rotateMasterKey(nextKey, { actor: 'ops' })).toEqual({ rotated: 2, keySource: 'option' });
    store.close();

    expect(storeProblemOf(await palErrorOf(() => temp.open({ masterKey: oldKey })))).toBe('wrong-master-key');
    const rotated = temp.open({ masterKey: nextKey, cwd: project.dir });
    const runtime = createRuntime();
    await rotated.loadInto(runtime);
    emu.script({ text: 'rotated' });
    expect((await runtime.chat(hi)).text).toBe('rotated');
    expect(emu.lastRequest()?.headers.authorization).toBe(maskSecret(KEY));
    await runtime.close();
    expect(rotated.auditLog({ action: 'master_key_rotated' }).entries).toMatchObject([
      { action: 'master_key_rotated', actor: 'ops', metadata: { credentials: 2, keySource: 'option' } },
    ]);
  });

  it('rewrites the key file when the key came from it', async () => {
    const store = temp.open({ cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    const before = readFileSync(`${temp.path}.key`, 'utf8');
    expect(store.rotateMasterKey().keySource).toBe('key-file');
    store.close();
    const after = readFileSync(`${temp.path}.key`, 'utf8');
    expect(after).not.toBe(before);
    expect(statSync(`${temp.path}.key`).mode & 0o777).toBe(0o600);
    const reopened = temp.open({ cwd: project.dir });
    const runtime = createRuntime();
    await reopened.loadInto(runtime);
    emu.script({ text: 'new key file' });
    expect((await runtime.chat(hi)).text).toBe('new key file');
    await runtime.close();
  });

  it('finishes a rotation that a crash left between the database commit and the key file move', async () => {
    const store = temp.open({ cwd: project.dir });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY, baseURL: `${emu.url}/v1` });
    const keyFile = `${temp.path}.key`;
    const oldKey = readFileSync(keyFile, 'utf8');
    store.rotateMasterKey();
    store.close();
    // as if the process died after the commit: the new key still waits beside the old one
    renameSync(keyFile, `${keyFile}.new`);
    writeFileSync(keyFile, oldKey, { mode: 0o600 });

    const reopened = temp.open({ cwd: project.dir });
    expect(existsSync(`${keyFile}.new`)).toBe(false);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKey);
    const runtime = createRuntime();
    await reopened.loadInto(runtime);
    emu.script({ text: 'recovered' });
    expect((await runtime.chat(hi)).text).toBe('recovered');
    await runtime.close();
  });
});

describe('the audit log of provider changes', () => {
  it('records added, updated and removed credentials, enable / disable and model changes, secrets masked', () => {
    let now = 1_000;
    const store = temp.open({ masterKey: newKey(), clock: () => now++ });
    store.saveProvider({ id: 'openai', package: PACKAGE, apiKey: KEY }, { actor: 'ann' });
    store.saveProvider(
      { id: 'openai', apiKey: 'sk-proj-second-key-000000ZZ99', defaultModel: 'gpt-4o' },
      { actor: 'bob' },
    );
    store.disable('openai');
    store.enable('openai');
    store.saveProvider({ id: 'openai', apiKey: null });
    store.removeProvider('openai');
    const { entries } = store.auditLog({ provider: 'openai' });
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['provider_added', 'ann'],
      ['credentials_added', 'ann'],
      ['credentials_updated', 'bob'],
      ['model_changed', 'bob'],
      ['provider_disabled', undefined],
      ['provider_enabled', undefined],
      ['credentials_removed', undefined],
      ['provider_removed', undefined],
    ]);
    expect(entries[1]?.metadata).toEqual({ credentials: { apiKey: 'sk-...XY12' } });
    expect(entries[2]?.metadata).toEqual({ credentials: { apiKey: 'sk-...ZZ99' } });
    expect(entries[3]?.metadata).toEqual({ defaultModel: { from: null, to: 'gpt-4o' } });
    expect(JSON.stringify(entries)).not.toMatch(/persisted|second-key/);
  });
});
