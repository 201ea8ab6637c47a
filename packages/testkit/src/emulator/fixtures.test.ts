import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundledFixturesRoot, fixturePath, fixturesRoot, listFixtures, readFixture } from './fixtures.js';

const testkitRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('fixtures', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the recordings shipped inside @pal/testkit (fixtures/vercel-ai) by default', () => {
    expect(fixturesRoot()).toBe(join(testkitRoot, 'fixtures', 'vercel-ai'));
    expect(existsSync(fixturePath('openai', 'openai-text.json'))).toBe(true);
    expect(fixturePath('gemini', 'google-text.json')).toMatch(/google[/\\]google-text\.json$/);
  });

  it('lists the recordings of a vendor, and none for a vendor without a directory', () => {
    expect(listFixtures('openai')).toContain('openai-text.chunks.txt');
    expect(listFixtures('ollama')).toEqual([]);
  });

  it('ships the recordings with their licence notice', () => {
    for (const file of ['LICENSE', 'NOTICE', 'SOURCE.md']) {
      expect(existsSync(join(fixturesRoot(), file))).toBe(true);
    }
  });

  it('finds the package root from src/ and from a built dist/ module alike', () => {
    const pkg = mkdtempSync(join(tmpdir(), 'pal-testkit-root-'));
    try {
      writeFileSync(join(pkg, 'package.json'), '{}');
      mkdirSync(join(pkg, 'dist'));
      mkdirSync(join(pkg, 'src', 'emulator'), { recursive: true });
      const expected = join(pkg, 'fixtures', 'vercel-ai');
      expect(bundledFixturesRoot(pathToFileURL(join(pkg, 'dist', 'index.js')).href)).toBe(expected);
      expect(bundledFixturesRoot(pathToFileURL(join(pkg, 'src', 'emulator', 'fixtures.ts')).href)).toBe(
        expected,
      );
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });

  it('honours PAL_FIXTURES_DIR', () => {
    vi.stubEnv('PAL_FIXTURES_DIR', '/tmp/pal-fixtures-nowhere');
    expect(fixturePath('openai', 'x.json')).toBe('/tmp/pal-fixtures-nowhere/openai/x.json');
  });

  it('reads .json and .chunks.txt fixtures and rejects other names or missing files', () => {
    expect(readFixture(fixturePath('openai', 'openai-text.json')).format).toBe('json');
    expect(readFixture(fixturePath('openai', 'openai-text.chunks.txt')).format).toBe('chunks');
    expect(() => readFixture('/tmp/whatever.txt')).toThrow(/\.json or \.chunks\.txt/);
    expect(() => readFixture('/tmp/does-not-exist.json')).toThrow(/Cannot read fixture/);
  });
});
