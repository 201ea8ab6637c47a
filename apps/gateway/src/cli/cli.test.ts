import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, useServer } from '../server/server.test-support.js';
import { EXIT } from './exit-codes.js';
import { runCli } from './run-cli.test-support.js';

const gateway = useServer();
const env = () => ({ PAL_GATEWAY_URL: gateway.url, PAL_ADMIN_TOKEN: ADMIN, PAL_DATA_DIR: gateway.dataDir });
const json = (text: string) => JSON.parse(text);

describe('pal against a running gateway', () => {
  it('keys: create (the key shown once), list (masked), revoke; --json for scripts', async () => {
    const created = await runCli(
      ['keys', 'create', 'ci', '--rpm', '60', '--daily-usd', '2', '--models', 'openai/*,ollama', '--json'],
      env(),
    );
    expect(created.code).toBe(EXIT.ok);
    const key = json(created.stdout);
    expect(key).toMatchObject({
      name: 'ci',
      requestsPerMinute: 60,
      dailyUsd: 2,
      allowedModels: ['openai/*', 'ollama'],
    });
    expect(key.key).toMatch(/^sk-pal-/);
    const listed = await runCli(['keys', 'list', '--json'], env());
    expect(json(listed.stdout).map((k: { id: string }) => k.id)).toContain(key.id);
    expect(listed.stdout).not.toContain(key.key);
    const table = await runCli(['keys'], env());
    expect(table.stdout).toMatch(/^id\s+name\s+key/m);
    expect((await runCli(['keys', 'revoke', key.id, '--json'], env())).code).toBe(EXIT.ok);
    expect((await runCli(['keys', 'revoke', 'key_nope'], env())).code).toBe(EXIT.notFound);
  });

  it('chat: an answer (JSON or streamed) with who served it and the cost', async () => {
    const { key } = await gateway.createKey();
    const answer = await runCli(['chat', 'Hello', 'there', '--model', 'openai/gpt-5.4-mini', '--json'], {
      ...env(),
      PAL_API_KEY: key,
    });
    expect(answer.code).toBe(EXIT.ok);
    expect(json(answer.stdout)).toMatchObject({
      provider: 'openai',
      model: 'gpt-5.4-mini',
      text: expect.any(String),
    });
    expect(json(answer.stdout).costUsd).toBeGreaterThan(0);
    const streamed = await runCli(
      ['chat', 'Hi', '--stream', '--model', 'anthropic/claude-haiku-4-5', '--json'],
      {
        ...env(),
        PAL_API_KEY: key,
      },
    );
    expect(streamed.code).toBe(EXIT.ok);
    const summary = json(streamed.stdout);
    expect(summary.text.length).toBeGreaterThan(0);
    expect(summary.usage.completion_tokens).toBeGreaterThan(0);
    expect(summary.costUsd).toBeGreaterThan(0);
    const human = await runCli(['chat', 'Hi', '--model', 'ollama/llama3.2'], { ...env(), PAL_API_KEY: key });
    expect(human.stdout).toContain('ollama/llama3.2');
  });

  it('exit codes by error class: wrong key 4, unknown model 5, budget 6, bad usage 2', async () => {
    const wrongKey = await runCli(['chat', 'Hi', '--key', 'sk-pal-wrong-0000000000', '--json'], env());
    expect(wrongKey.code).toBe(EXIT.auth);
    expect(wrongKey.stderr).not.toContain('sk-pal-wrong-0000000000');
    const { key } = await gateway.createKey();
    expect((await runCli(['chat', 'Hi', '--model', 'openai/gpt-9', '--key', key], env())).code).toBe(
      EXIT.notFound,
    );
    const { key: tiny } = await gateway.createKey({ dailyUsd: 0.0000001 });
    const refused = await runCli(
      ['chat', 'Hi', '--model', 'openai/gpt-5.4-mini', '--key', tiny, '--json'],
      env(),
    );
    expect(refused.code).toBe(EXIT.limit);
    expect(json(refused.stderr).error.message).toMatch(/budget/i);
    expect((await runCli(['keys', 'list', '--admin-token', 'not-the-admin-token'], env())).code).toBe(
      EXIT.auth,
    );
    expect((await runCli(['keys', 'create'], env())).code).toBe(EXIT.usage);
    expect((await runCli(['serve', '--help'], env())).code).toBe(EXIT.ok);
  });

  it('providers: list, add (key from stdin, never echoed), test, disable, enable, remove', async () => {
    const listed = await runCli(['providers', 'list', '--json'], env());
    expect(json(listed.stdout).map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['openai', 'anthropic', 'ollama']),
    );
    const secret = 'sk-together-secret-0123456789';
    const added = await runCli(
      [
        'providers',
        'add',
        'together',
        '--package',
        '@pal/provider-openai',
        '--base-url',
        `${gateway.openai.url}/v1`,
        '--json',
      ],
      env(),
      `${secret}\n`,
    );
    expect(added.code).toBe(EXIT.ok);
    expect(json(added.stdout)).toMatchObject({ id: 'together', maskedKey: 'sk-...6789' });
    expect(added.stdout + added.stderr).not.toContain(secret);
    const tested = await runCli(['providers', 'test', 'together', '--json'], env());
    expect(json(tested.stdout)).toMatchObject({ ok: true });
    expect((await runCli(['providers', 'disable', 'together'], env())).stdout).toContain('disabled together');
    expect((await runCli(['providers', 'enable', 'together', '--json'], env())).code).toBe(EXIT.ok);
    expect((await runCli(['providers', 'remove', 'together', '--json'], env())).code).toBe(EXIT.ok);
    expect((await runCli(['providers', 'test', 'together'], env())).code).toBe(EXIT.notFound);
  });

  it('models with prices, usage with a trend; the admin token read from the data directory', async () => {
    const { key } = await gateway.createKey();
    await gateway.post(
      '/v1/chat/completions',
      { model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi' }] },
      { authorization: `Bearer ${key}` },
    );
    const models = await runCli(['models', '--provider', 'openai', '--json', '--key', key], env());
    const rows = json(models.stdout);
    expect(rows.every((m: { owned_by: string }) => m.owned_by === 'openai')).toBe(true);
    expect(rows[0].pal.pricing_per_mtok_usd.input).toBeGreaterThanOrEqual(0);
    const table = await runCli(['models', '--provider', 'ollama', '--key', key], env());
    expect(table.stdout).toMatch(/model\s+context\s+in \$\/1M/);
    // no --admin-token, no PAL_ADMIN_TOKEN: the token a local `pal serve` keeps in its data directory
    writeFileSync(join(gateway.dataDir, 'admin-token'), `${ADMIN}\n`, { mode: 0o600 });
    const { PAL_ADMIN_TOKEN: _token, ...withoutToken } = env();
    const usage = await runCli(['usage', '--json'], withoutToken);
    expect(json(usage.stdout).byProvider.length).toBeGreaterThan(0);
    const human = await runCli(['usage'], withoutToken);
    expect(human.stdout).toMatch(/This month: \$[\d.]+ · on track for \$[\d.]+/);
  });
});
