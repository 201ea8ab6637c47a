import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPalError, type PalError } from '../errors/pal-error.js';
import { createRegistry } from '../registry/registry.js';
import { loadConfig } from './load-config.js';
import { registerConfiguredProviders } from './register-configured-providers.js';
import { isSecret, revealSecret } from './secret.js';

const KEY = 'sk-test-abcdefghijklmnop1234';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pal-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<PalError> {
  try {
    await promise;
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}

/** The exports of a fake provider package: an ESM build for `import`, a CommonJS one for `require`. */
const FAKE_EXPORTS = { '.': { import: { default: './dist/index.js' }, require: './dist/index.cjs' } };

/**
 * Writes a provider package whose factory records what it received, into `root` (default
 * `<dir>/node_modules/<name>`). It has both builds, and each adapter's `displayName` says which
 * one made it: `Fake (ESM)` or `Fake (CommonJS)`.
 */
async function writeFakeProvider(
  name = '@pal/provider-fake',
  factory = 'createProvider',
  { root = join(dir, 'node_modules', ...name.split('/')), exports = FAKE_EXPORTS as object } = {},
) {
  await mkdir(join(root, 'dist'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, type: 'module', exports }));
  const source = (build: string) => `function ${factory}(options) {
  return {
    id: options.id,
    displayName: 'Fake (${build})',
    models: [],
    capabilities: { streaming: true, tools: false, vision: false, json: false, embeddings: false },
    received: options,
    chat: async () => { throw new Error('not used'); },
    stream: async function* () {},
    toPalError: (e) => e,
  };
}
function createWrongId() {
  return { ...${factory}({ id: 'other' }) };
}
`;
  await writeFile(join(root, 'dist', 'index.js'), `${source('ESM')}export { ${factory}, createWrongId };\n`);
  await writeFile(
    join(root, 'dist', 'index.cjs'),
    `${source('CommonJS')}module.exports = { ${factory}, createWrongId };\n`,
  );
}

describe('loadConfig: sources', () => {
  it('returns an empty config when there is no file', async () => {
    const loaded = await loadConfig(undefined, { cwd: dir, env: {} });
    expect(loaded.config.providers).toEqual({});
    expect(loaded.providers).toEqual([]);
    expect(loaded.source).toBeUndefined();
    expect(loaded.notFound?.message).toBe(
      `No PAL config file found in ${dir} (looked for provider-runtime.config.json, provider-runtime.config.ts, provider-runtime.config.mjs, provider-runtime.config.js); the config is empty. Create provider-runtime.config.json there, or pass a path or an object to loadConfig().`,
    );
    expect(loaded.toJSON().notFound).toEqual(loaded.notFound);
  });

  it('says nothing is missing when a config object is given', async () => {
    const loaded = await loadConfig({}, { cwd: dir, env: {} });
    expect(loaded.notFound).toBeUndefined();
  });

  it('finds provider-runtime.config.json in cwd', async () => {
    await writeFile(
      join(dir, 'provider-runtime.config.json'),
      JSON.stringify({ defaultModel: 'openai/gpt-4o-mini', routing: { strategy: 'cost_optimized' } }),
    );
    const loaded = await loadConfig(undefined, { cwd: dir, env: {} });
    expect(loaded.source).toBe(join(dir, 'provider-runtime.config.json'));
    expect(loaded.config.defaultModel).toBe('openai/gpt-4o-mini');
    expect(loaded.config.routing?.strategy).toBe('cost_optimized');
  });

  it('loads a TypeScript config through jiti', async () => {
    await writeFile(
      join(dir, 'provider-runtime.config.ts'),
      `interface Shape { defaultModel: string; routing: { fallbackChain: string[] } }
const chain: string[] = ['openai/gpt-4o', 'anthropic/claude-3-5-haiku-latest'];
const config: Shape = { defaultModel: 'openai/gpt-4o', routing: { fallbackChain: chain } };
export default config;
`,
    );
    const loaded = await loadConfig(undefined, { cwd: dir, env: {} });
    expect(loaded.source).toBe(join(dir, 'provider-runtime.config.ts'));
    expect(loaded.config.routing?.fallbackChain).toEqual([
      'openai/gpt-4o',
      'anthropic/claude-3-5-haiku-latest',
    ]);
  });

  it('loads an .mjs config given by a relative path', async () => {
    await writeFile(
      join(dir, 'custom.mjs'),
      `export default async () => ({ defaultModel: 'ollama/llama3.2' });\n`,
    );
    const loaded = await loadConfig('custom.mjs', { cwd: dir, env: {} });
    expect(loaded.config.defaultModel).toBe('ollama/llama3.2');
  });

  it('reports unreadable files as CONFIG_ERROR', async () => {
    await writeFile(join(dir, 'provider-runtime.config.json'), '{ "providers": ');
    const error = await rejection(loadConfig(undefined, { cwd: dir, env: {} }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('provider-runtime.config.json');
    expect((await rejection(loadConfig('missing.json', { cwd: dir, env: {} }))).message).toContain(
      'does not exist',
    );
  });
});

describe('loadConfig: validation', () => {
  it('lists every bad path in one CONFIG_ERROR', async () => {
    const error = await rejection(
      loadConfig(
        {
          providers: { openai: { apiKey: 42, baseURL: 'not a url' } },
          policies: { retry: { maxAttempts: -1 }, timeout: { totalMs: 0 } },
          routing: { strategy: 'fastest' },
        },
        { env: {} },
      ),
    );
    expect(error.code).toBe('CONFIG_ERROR');
    for (const path of [
      'providers.openai.apiKey',
      'providers.openai.baseURL',
      'policies.retry.maxAttempts',
      'policies.timeout.totalMs',
      'routing.strategy',
    ]) {
      expect(error.message).toContain(`${path}: `);
    }
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(5);
    expect(error.path).toEqual(['providers', 'openai', 'apiKey']);
  });

  it('rejects unknown top-level keys (typos) and accepts policy switches', async () => {
    const typo = await rejection(loadConfig({ provders: {} }, { env: {} }));
    expect(typo.message).toContain('provders');
    const loaded = await loadConfig({ policies: { cache: false, retry: { maxAttempts: 2 } } }, { env: {} });
    expect(loaded.config.policies).toEqual({ cache: false, retry: { maxAttempts: 2 } });
  });

  it('suggests the closest key for an unknown one, at any depth', async () => {
    const file = join(dir, 'provider-runtime.config.json');
    await writeFile(
      file,
      JSON.stringify({
        providers: { openai: { baseUrl: 'http://127.0.0.1:1/v1', apikey: 'sk-x', colour: 1 } },
        policies: { retry: { maxAtempts: 2 } },
        defaultModle: 'openai/gpt-4o',
      }),
    );
    const error = await rejection(loadConfig(file, { env: {} }));
    const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'providers.openai',
          message:
            'unknown keys "baseUrl" (did you mean "baseURL"?), "apikey" (did you mean "apiKey"?), "colour"',
        },
        { path: 'policies.retry', message: 'unknown key "maxAtempts"; did you mean "maxAttempts"?' },
        { path: '(root)', message: 'unknown key "defaultModle"; did you mean "defaultModel"?' },
      ]),
    );
    expect(error.message).toContain(`Invalid PAL configuration in ${file}: `);
  });

  it('rejects policy options the policies do not read, naming the path', async () => {
    const error = await rejection(loadConfig({ policies: { budget: { dailyUsd: 5 } } }, { env: {} }));
    expect(error.message).toContain('policies.budget');
    expect(error.message).toContain('dailyUsd');
    const loaded = await loadConfig(
      { policies: { budget: { global: { dailyUsd: 5 }, providers: { openai: { monthlyUsd: 50 } } } } },
      { env: {} },
    );
    expect(loaded.config.policies?.budget).toEqual({
      global: { dailyUsd: 5 },
      providers: { openai: { monthlyUsd: 50 } },
    });
  });
});

describe('loadConfig: environments and env overrides', () => {
  const config = {
    providers: {
      openai: {
        apiKey: 'sk-base-key-1234567890',
        defaultModel: 'gpt-4o',
        options: { organization: 'org-1' },
      },
    },
    policies: { retry: { maxAttempts: 3 } },
    environments: {
      development: {
        providers: { openai: { defaultModel: 'gpt-4o-mini' } },
        policies: { retry: false as const },
      },
      production: { routing: { strategy: 'quality' as const } },
      staging: { defaultModel: 'openai/o3' },
    },
  };

  it.each([
    [{ environment: 'development' }, {}, 'development'],
    [{}, { PAL_ENV: 'development', NODE_ENV: 'production' }, 'development'],
    [{}, { NODE_ENV: 'development' }, 'development'],
  ])('selects the profile (%j, env %j)', async (options, env, expected) => {
    const loaded = await loadConfig(config, { ...options, env });
    expect(loaded.environment).toBe(expected);
    expect(loaded.config.providers.openai?.defaultModel).toBe('gpt-4o-mini');
    expect(loaded.config.providers.openai?.options).toEqual({ organization: 'org-1' });
    expect(loaded.config.policies?.retry).toBe(false);
  });

  it('applies custom profiles and leaves the base alone without one', async () => {
    expect((await loadConfig(config, { environment: 'staging', env: {} })).config.defaultModel).toBe(
      'openai/o3',
    );
    const plain = await loadConfig(config, { env: {} });
    expect(plain.environment).toBeUndefined();
    expect(plain.config.providers.openai?.defaultModel).toBe('gpt-4o');
    expect(plain.config).not.toHaveProperty('environments');
  });

  it('refuses an explicitly requested profile that does not exist', async () => {
    const error = await rejection(loadConfig(config, { environment: 'qa', env: {} }));
    expect(error.message).toContain('no profile named "qa"');
  });

  it('lets PAL_FALLBACK_CHAIN and PAL_ROUTING_STRATEGY override routing', async () => {
    const loaded = await loadConfig(config, {
      env: {
        NODE_ENV: 'production',
        PAL_FALLBACK_CHAIN: 'openai/gpt-4o, anthropic/claude-3-5-haiku-latest ,',
        PAL_ROUTING_STRATEGY: 'speed',
      },
    });
    expect(loaded.config.routing).toEqual({
      strategy: 'speed',
      fallbackChain: ['openai/gpt-4o', 'anthropic/claude-3-5-haiku-latest'],
    });
    const error = await rejection(loadConfig({}, { env: { PAL_ROUTING_STRATEGY: 'fastest' } }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain('env.PAL_ROUTING_STRATEGY');
  });
});

describe('loadConfig: credentials', () => {
  it('resolves env references into Secrets that never print', async () => {
    const loaded = await loadConfig(
      {
        providers: {
          openai: {
            apiKey: { env: 'OPENAI_API_KEY' },
            headers: { 'api-key': { env: 'OPENAI_API_KEY' }, 'x-title': 'demo' },
            options: {
              credentials: { secretAccessKey: { env: 'AWS_SECRET' } },
              region: { env: 'AWS_REGION' },
            },
          },
        },
      },
      { env: { OPENAI_API_KEY: KEY, AWS_SECRET: 'aws-secret-value-123456', AWS_REGION: 'eu-west-1' } },
    );
    const openai = loaded.config.providers.openai;
    expect(isSecret(openai?.apiKey)).toBe(true);
    expect(revealSecret(openai?.apiKey)).toBe(KEY);
    expect(openai?.headers?.['x-title']).toBe('demo');
    expect(openai?.options?.region).toBe('eu-west-1');
    for (const text of [
      JSON.stringify(loaded),
      JSON.stringify(loaded.config),
      inspect(loaded, { depth: 10 }),
    ]) {
      expect(text).not.toContain('abcdefghijklmnop');
      expect(text).not.toContain('aws-secret-value');
    }
    expect(JSON.stringify(loaded)).toContain('sk-...1234');
  });

  it('names the path and the variable when an env var is missing', async () => {
    const error = await rejection(
      loadConfig({ providers: { anthropic: { apiKey: { env: 'ANTHROPIC_API_KEY' } } } }, { env: {} }),
    );
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toBe(
      'providers.anthropic.apiKey: environment variable ANTHROPIC_API_KEY is not set',
    );
  });

  describe('optional references and defaults', () => {
    const entry = {
      apiKey: { env: 'BEARER_TOKEN', optional: true },
      headers: { 'x-team': { env: 'TEAM', optional: true }, 'x-title': 'demo' },
      options: {
        region: { env: 'AWS_REGION', default: 'us-east-1' },
        credentials: {
          accessKeyId: { env: 'AWS_ACCESS_KEY_ID' },
          sessionToken: { env: 'AWS_SESSION_TOKEN', optional: true },
        },
        stop: [{ env: 'STOP', optional: true }, 'END'],
      },
    };

    it('leaves out what an optional reference names when the variable is unset, and takes defaults', async () => {
      const loaded = await loadConfig(
        { providers: { bedrock: entry } },
        { env: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SESSION_TOKEN: '' } },
      );
      const bedrock = loaded.config.providers.bedrock;
      expect(bedrock && 'apiKey' in bedrock).toBe(false);
      expect(bedrock?.headers).toEqual({ 'x-title': 'demo' });
      expect(bedrock?.options?.region).toBe('us-east-1');
      expect(Object.keys(bedrock?.options?.credentials as object)).toEqual(['accessKeyId']);
      expect(bedrock?.options?.stop).toEqual(['END']);
    });

    it('reads the variables when they are set', async () => {
      const env = {
        BEARER_TOKEN: KEY,
        TEAM: 'core',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SESSION_TOKEN: 'session-token-0123456789',
        STOP: 'STOP',
      };
      const bedrock = (await loadConfig({ providers: { bedrock: entry } }, { env })).config.providers.bedrock;
      expect(revealSecret(bedrock?.apiKey)).toBe(KEY);
      expect(bedrock?.headers).toEqual({ 'x-team': 'core', 'x-title': 'demo' });
      expect(bedrock?.options?.region).toBe('eu-west-1');
      const credentials = bedrock?.options?.credentials as Record<string, unknown>;
      expect(revealSecret(credentials.sessionToken as never)).toBe('session-token-0123456789');
      expect(bedrock?.options?.stop).toEqual(['STOP', 'END']);
    });

    it('still names the path and the variable of a required reference beside them', async () => {
      const error = await rejection(loadConfig({ providers: { bedrock: entry } }, { env: {} }));
      expect(error.code).toBe('CONFIG_ERROR');
      expect(error.message).toBe(
        'providers.bedrock.options.credentials.accessKeyId: environment variable AWS_ACCESS_KEY_ID is not set',
      );
    });

    it.each([
      [
        { apiKey: { env: 'BEARER_TOKEN', optinal: true } },
        'Invalid PAL configuration: providers.bedrock.apiKey: unknown key "optinal"; did you mean "optional"?',
      ],
      [
        { options: { region: { env: 'AWS_REGION', optional: 'yes' } } },
        'Invalid PAL configuration: providers.bedrock.options.region.optional: expected true or false, got the string "yes"',
      ],
    ])('refuses a reference it cannot read (%j)', async (bad, message) => {
      const error = await rejection(loadConfig({ providers: { bedrock: bad as never } }, { env: {} }));
      expect(error.code).toBe('CONFIG_ERROR');
      expect(error.message).toBe(message);
    });
  });

  it('does not require the variables of disabled providers', async () => {
    const loaded = await loadConfig(
      { providers: { anthropic: { enabled: false, apiKey: { env: 'ANTHROPIC_API_KEY' } } } },
      { env: {} },
    );
    expect(loaded.config.providers.anthropic?.apiKey).toBeUndefined();
  });
});

describe('loadConfig: provider packages', () => {
  it('imports the package from cwd and calls its factory with options and credentials', async () => {
    await writeFakeProvider();
    await writeFile(
      join(dir, 'provider-runtime.config.json'),
      JSON.stringify({
        providers: {
          fake: {
            package: '@pal/provider-fake',
            apiKey: { env: 'FAKE_KEY' },
            baseURL: 'http://127.0.0.1:9/v1',
            headers: { 'x-title': 'demo' },
            defaultModel: 'fake-1',
            models: {
              'fake-1': {
                contextWindow: 1000,
                maxOutputTokens: 100,
                capabilities: {
                  streaming: true,
                  tools: false,
                  vision: false,
                  json: false,
                  embeddings: false,
                },
                pricing: { inputPerMTok: 1, outputPerMTok: 2 },
              },
            },
            options: { region: 'eu' },
          },
          skipped: { enabled: false, package: '@pal/provider-missing' },
        },
      }),
    );
    const loaded = await loadConfig(undefined, { cwd: dir, env: { FAKE_KEY: KEY } });
    expect(loaded.providers.map((p) => p.id)).toEqual(['fake']);
    const received = (loaded.providers[0] as unknown as { received: Record<string, unknown> }).received;
    expect(received).toMatchObject({
      id: 'fake',
      region: 'eu',
      baseURL: 'http://127.0.0.1:9/v1',
      headers: { 'x-title': 'demo' },
    });
    expect(revealSecret(received.apiKey as never)).toBe(KEY);
    // what ProviderFactoryOptions documents: defaultModel and models go to the registry instead
    expect(Object.keys(received).sort()).toEqual(['apiKey', 'baseURL', 'headers', 'id', 'region']);
    expect(loaded.toJSON()).toMatchObject({ providers: ['fake'] });

    const registry = createRegistry();
    registerConfiguredProviders(registry, loaded);
    expect(registry.getProviderForModel('fake').modelId).toBe('fake-1');
    expect(registry.getModelInfo('fake/fake-1')?.contextWindow).toBe(1000);
  });

  it('imports the ESM build of a package in node_modules', async () => {
    await writeFakeProvider();
    const loaded = await loadConfig(
      { providers: { fake: { package: '@pal/provider-fake' } } },
      { cwd: dir, env: {} },
    );
    expect(loaded.providers[0]?.displayName).toBe('Fake (ESM)');
  });

  it.each([
    ['hides its package.json', FAKE_EXPORTS],
    ['exports its package.json', { ...FAKE_EXPORTS, './package.json': './package.json' }],
  ])(
    'imports the ESM build, not the CommonJS one, of a package only Node resolution finds (a self-reference) that %s',
    async (_, exports) => {
      // the project is the package itself: no node_modules holds it, Node resolves its own name
      const root = join(dir, 'provider-fake');
      await writeFakeProvider('@pal/provider-fake', 'createProvider', { root, exports });
      const loaded = await loadConfig(
        { providers: { fake: { package: '@pal/provider-fake' } } },
        { cwd: root, env: {} },
      );
      expect(loaded.providers[0]?.displayName).toBe('Fake (ESM)');
    },
  );

  it('imports the CommonJS build of a package that has no other', async () => {
    await writeFakeProvider('@pal/provider-fake', 'createProvider', {
      exports: { '.': { require: './dist/index.cjs' } },
    });
    const loaded = await loadConfig(
      { providers: { fake: { package: '@pal/provider-fake' } } },
      { cwd: dir, env: {} },
    );
    expect(loaded.providers[0]?.displayName).toBe('Fake (CommonJS)');
  });

  it("passes the entry's baseURL over the same key of its options, and the options' one without it", async () => {
    await writeFakeProvider();
    const options = { baseURL: 'http://127.0.0.1:2/v1', region: 'eu' };
    const loaded = await loadConfig(
      {
        providers: {
          top: { package: '@pal/provider-fake', baseURL: 'http://127.0.0.1:1/v1', options },
          inner: { package: '@pal/provider-fake', options },
        },
      },
      { cwd: dir, env: {} },
    );
    const received = loaded.providers.map((p) => (p as unknown as { received: object }).received);
    expect(received).toEqual([
      { id: 'top', baseURL: 'http://127.0.0.1:1/v1', region: 'eu' },
      { id: 'inner', baseURL: 'http://127.0.0.1:2/v1', region: 'eu' },
    ]);
  });

  it('uses a named factory export', async () => {
    await writeFakeProvider('pal-provider-custom', 'makeAdapter');
    const loaded = await loadConfig(
      { providers: { custom: { package: 'pal-provider-custom', factory: 'makeAdapter' } } },
      { cwd: dir, env: {} },
    );
    expect(loaded.providers[0]?.id).toBe('custom');
  });

  it.each([
    [
      { package: '@pal/provider-x' },
      'providers.x.package: package "@pal/provider-x" is not installed: install @pal/provider-x',
    ],
    [
      { package: '@pal/provider-fake', factory: 'nope' },
      'providers.x.factory: "@pal/provider-fake" has no export named "nope"',
    ],
    [{ package: '@pal/provider-fake', factory: 'createWrongId' }, 'returned an adapter with id "other"'],
  ])('refuses %j', async (entry, message) => {
    await writeFakeProvider();
    const error = await rejection(loadConfig({ providers: { x: entry } }, { cwd: dir, env: {} }));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toContain(message);
  });
});
