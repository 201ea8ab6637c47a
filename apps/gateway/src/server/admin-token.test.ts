import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminTokenFor } from './admin-token.js';

let dir: string | undefined;
const tokenFile = () => {
  dir ??= mkdtempSync(join(tmpdir(), 'pal-admin-'));
  return join(dir, 'admin-token');
};
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the admin token', () => {
  it('is made on first start in a 0600 file, and the same one is read at the next start', () => {
    const file = tokenFile();
    const first = adminTokenFor(undefined, {}, file);
    expect(first.source).toBe('generated');
    expect(first.reveal()).toMatch(/^pal-admin-[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.reveal());
    const again = adminTokenFor(undefined, {}, file);
    expect(again).toMatchObject({ source: 'file', file });
    expect(again.reveal()).toBe(first.reveal());
    expect(again.matches(first.reveal())).toBe(true);
    expect(again.matches(`${first.reveal()}x`)).toBe(false);
    expect(again.matches('')).toBe(false);
    expect(JSON.stringify(again)).not.toContain(first.reveal());
  });

  it('comes from PAL_ADMIN_TOKEN (no file made) or the option, over the file', () => {
    const file = tokenFile();
    const fromEnv = adminTokenFor(undefined, { PAL_ADMIN_TOKEN: 'env-token-0123456789' }, file);
    expect(fromEnv.source).toBe('env');
    expect(fromEnv.matches('env-token-0123456789')).toBe(true);
    expect(() => statSync(file)).toThrow();
    expect(
      adminTokenFor('option-token-0123456789', { PAL_ADMIN_TOKEN: 'env-token-0123456789' }, file).source,
    ).toBe('option');
    expect(() => adminTokenFor(undefined, { PAL_ADMIN_TOKEN: 'short' }, file)).toThrow(
      /at least 16 characters/,
    );
  });

  it('refuses a token file other users may read, saying how to fix it', () => {
    const file = tokenFile();
    adminTokenFor(undefined, {}, file);
    chmodSync(file, 0o644);
    expect(() => adminTokenFor(undefined, {}, file)).toThrow(`run chmod 600 ${file}`);
  });
});
