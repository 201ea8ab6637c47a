import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixturePath, fixturesRoot, listFixtures, readFixture } from './fixtures.js';

describe('fixtures', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('finds shared/fixtures/vercel-ai by walking up from the testkit', () => {
    expect(fixturesRoot()).toMatch(/shared[/\\]fixtures[/\\]vercel-ai$/);
    expect(existsSync(fixturePath('openai', 'openai-text.json'))).toBe(true);
    expect(fixturePath('gemini', 'google-text.json')).toMatch(/google[/\\]google-text\.json$/);
  });

  it('lists the recordings of a vendor, and none for a vendor without a directory', () => {
    expect(listFixtures('openai')).toContain('openai-text.chunks.txt');
    expect(listFixtures('ollama')).toEqual([]);
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
