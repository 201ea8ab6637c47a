import { describe, expect, it } from 'vitest';
import { palErrorOf } from '../test-support/pal-error-of.test-support.js';
import { useTempDir } from '../test-support/temp-dir.test-support.js';

const temp = useTempDir();

describe('application settings', () => {
  it('keeps JSON values by name across a reopen, audited with the old and new value', () => {
    const store = temp.open();
    expect(store.getSetting('gateway.routing')).toBeUndefined();
    store.setSetting('gateway.routing', { fallbackOrder: ['openai', 'anthropic'] }, { actor: 'ann' });
    store.setSetting('gateway.routing', { fallbackOrder: ['openai', 'anthropic'] }); // unchanged: not audited
    store.setSetting('gateway.routing', { fallbackOrder: ['anthropic'] });
    store.close();

    const reopened = temp.open();
    expect(reopened.getSetting('gateway.routing')).toEqual({ fallbackOrder: ['anthropic'] });
    const entries = reopened.auditLog().entries;
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['settings_changed', 'ann'],
      ['settings_changed', undefined],
    ]);
    expect(entries[1]?.metadata).toEqual({
      setting: 'gateway.routing',
      from: { fallbackOrder: ['openai', 'anthropic'] },
      to: { fallbackOrder: ['anthropic'] },
    });
  });

  it('records a change under the action and provider it is about, secrets masked', () => {
    const store = temp.open();
    store.setSetting(
      'gateway.models',
      { 'openai/gpt-4o': { pricing: { inputPerMTok: 1 } }, note: 'key sk-abcdefghijklmnop' },
      { action: 'model_changed', provider: 'openai' },
    );
    const [entry] = store.auditLog().entries;
    expect(entry).toMatchObject({ action: 'model_changed', provider: 'openai' });
    expect(JSON.stringify(entry)).not.toContain('sk-abcdefghijklmnop');
  });

  it('deletes a setting set to undefined', () => {
    const store = temp.open();
    store.setSetting('a', 1);
    store.setSetting('a', undefined);
    expect(store.getSetting('a')).toBeUndefined();
    expect(store.auditLog().entries.at(-1)?.metadata).toEqual({ setting: 'a', from: 1, to: null });
  });

  it('refuses a name that is not a setting name', async () => {
    const error = await palErrorOf(() => temp.open().setSetting('Bad Name', 1));
    expect(error).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(error.message).toContain('setSetting.name');
  });
});
