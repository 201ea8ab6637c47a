import { parseOptions, z } from '@pal/core/provider';
import type { AuditAction } from '../audit/audit-log.js';
import type { ChangeOptions } from '../registry/saved-provider.js';
import type { StoreContext } from '../store-context.js';
import { storeError } from '../store-error.js';

/** A setting's name: lower-case words joined by `.`, `_` or `-` (`gateway.routing`). */
export const settingNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9._-]*$/, 'setting names are lower-case letters, digits, ".", "_" and "-"');

/** How a setting change is recorded: who made it, and (default `settings_changed`) the audit action and provider. */
export interface SettingChange extends ChangeOptions {
  /** The audit action to record the change as (`model_changed` for a catalog edit…). Default `settings_changed`. */
  action?: AuditAction;
  /** The provider the change is about, for the audit row. */
  provider?: string;
}

/**
 * The `settings` table: an application's own settings on the store's file, each a JSON value under
 * a name (the gateway keeps its routing there: fallback order, strategy…), so they survive a
 * restart and every process on the file reads the same. Each change is audited with the old and the
 * new value (secrets masked).
 */
export class AppSettings {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** The value saved under `name`, or undefined. */
  get<T>(name: string): T | undefined {
    const text = this.#ctx.run(
      'reading a setting',
      () =>
        this.#ctx.db.prepare('SELECT value FROM settings WHERE name = ?').pluck().get(name) as
          | string
          | undefined,
    );
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw storeError({
        problem: 'bad-value',
        file: this.#ctx.file,
        message: `The setting "${name}" in PAL store ${this.#ctx.file} is not JSON (edited by hand?); save it again`,
        cause,
      });
    }
  }

  /** Saves `value` under `name` (JSON; `undefined` deletes it), audited when it changed. */
  set(name: string, value: unknown, change: SettingChange = {}): void {
    parseOptions('setSetting.name', settingNameSchema, name);
    const ctx = this.#ctx;
    ctx.transaction('saving a setting', () => {
      const before = ctx.db.prepare('SELECT value FROM settings WHERE name = ?').pluck().get(name) as
        | string
        | undefined;
      const text = value === undefined ? undefined : JSON.stringify(value);
      if (text === before) return;
      if (text === undefined) ctx.db.prepare('DELETE FROM settings WHERE name = ?').run(name);
      else
        ctx.db
          .prepare(
            `INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(name, text, ctx.now());
      ctx.audit.record({
        ...(change.provider !== undefined && { provider: change.provider }),
        action: change.action ?? 'settings_changed',
        ...(change.actor !== undefined && { actor: change.actor }),
        metadata: {
          setting: name,
          from: before === undefined ? null : JSON.parse(before),
          to: value === undefined ? null : value,
        },
      });
    });
  }
}
