import { isPalError, maskSecret, revealSecret } from '@pal/core';
import { parseOptions, providerDisplayName } from '@pal/core/provider';
import type { NewAuditEntry } from '../audit/audit-log.js';
import { credentialsAad, open, seal } from '../crypto/credential-cipher.js';
import type { StoreContext } from '../store-context.js';
import { storeError } from '../store-error.js';
import {
  type ChangeOptions,
  type SavedProvider,
  type SaveProviderInput,
  saveProviderSchema,
} from './saved-provider.js';

/** A `providers` row. */
export interface ProviderRow {
  id: string;
  display_name: string;
  enabled: number;
  credentials_json: string | null;
  credentials_masked: string | null;
  endpoint: string | null;
  package: string;
  factory: string;
  options_json: string | null;
  default_model: string | null;
  last_validated_at: number | null;
  last_validation_ok: number | null;
  last_validation_error: string | null;
  created_at: number;
  updated_at: number;
}

/** What `recordValidation` takes: the registry's `ValidationResult`, or just ok / the error. */
export interface ValidationRecord {
  ok: boolean;
  error?: unknown;
  /** Epoch ms of the check; default the store's clock. */
  lastValidatedAt?: number;
}

const META_KEY_CHECK = 'key_check';

/**
 * The `providers` table (seed 003 "Provider Registry"): what a person connected, its credentials
 * sealed with AES-256-GCM (the provider id as associated data), every change audited. Credentials
 * leave it in the clear only through {@link ProviderRecords.credentialsOf}, for the provider factory.
 */
export class ProviderRecords {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Adds or updates a provider (see {@link SaveProviderInput} for what a left-out field means). */
  save(input: SaveProviderInput, change: ChangeOptions = {}): SavedProvider {
    parseOptions('saveProvider', saveProviderSchema, input);
    const ctx = this.#ctx;
    return ctx.transaction('saving a provider', () => {
      const before = this.#row(input.id);
      const now = ctx.now();
      if (!before && input.package === undefined) {
        throw storeError({
          problem: 'bad-value',
          file: ctx.file,
          message: `saveProvider.package: a new provider needs the package that builds it (e.g. "@pal/provider-openai") for "${input.id}"`,
        });
      }
      const credentials = credentialsOf(input);
      const sealed =
        credentials === undefined
          ? undefined
          : credentials === null
            ? null
            : seal(this.#key(), JSON.stringify(credentials), credentialsAad(input.id));
      const masked =
        credentials === undefined || credentials === null
          ? credentials
          : Object.fromEntries(Object.entries(credentials).map(([name, value]) => [name, maskSecret(value)]));
      const keep = <T>(given: T | null | undefined, saved: T | null | undefined): T | null =>
        given === undefined ? (saved ?? null) : given;
      const row: ProviderRow = {
        id: input.id,
        display_name: input.displayName ?? before?.display_name ?? providerDisplayName(input.id),
        enabled: input.enabled === undefined ? (before?.enabled ?? 1) : input.enabled ? 1 : 0,
        credentials_json: keep(sealed, before?.credentials_json),
        credentials_masked:
          masked === undefined ? (before?.credentials_masked ?? null) : masked && JSON.stringify(masked),
        endpoint: keep(input.baseURL, before?.endpoint),
        package: input.package ?? before!.package,
        factory: input.factory ?? before?.factory ?? 'createProvider',
        options_json:
          input.options === undefined
            ? (before?.options_json ?? null)
            : input.options && JSON.stringify(input.options),
        default_model: keep(input.defaultModel, before?.default_model),
        last_validated_at: before?.last_validated_at ?? null,
        last_validation_ok: before?.last_validation_ok ?? null,
        last_validation_error: before?.last_validation_error ?? null,
        created_at: before?.created_at ?? now,
        updated_at: now,
      };
      ctx.db
        .prepare(
          `INSERT INTO providers (id, display_name, enabled, credentials_json, credentials_masked, endpoint, package,
             factory, options_json, default_model, last_validated_at, last_validation_ok, last_validation_error,
             created_at, updated_at)
           VALUES (@id, @display_name, @enabled, @credentials_json, @credentials_masked, @endpoint, @package,
             @factory, @options_json, @default_model, @last_validated_at, @last_validation_ok, @last_validation_error,
             @created_at, @updated_at)
           ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, enabled = excluded.enabled,
             credentials_json = excluded.credentials_json, credentials_masked = excluded.credentials_masked,
             endpoint = excluded.endpoint, package = excluded.package, factory = excluded.factory,
             options_json = excluded.options_json, default_model = excluded.default_model,
             updated_at = excluded.updated_at`,
        )
        .run(row);
      for (const entry of auditEntriesFor(before, row, change)) ctx.audit.record(entry);
      return toSaved(row);
    });
  }

  /** Removes a provider, its credentials and its model overrides; false when it was not saved. */
  remove(id: string, change: ChangeOptions = {}): boolean {
    return this.#ctx.transaction('removing a provider', () => {
      const before = this.#row(id);
      if (!before) return false;
      this.#ctx.db.prepare('DELETE FROM providers WHERE id = ?').run(id);
      const actor = change.actor === undefined ? {} : { actor: change.actor };
      if (before.credentials_json !== null) {
        this.#ctx.audit.record({
          provider: id,
          action: 'credentials_removed',
          ...actor,
          metadata: maskedOf(before),
        });
      }
      this.#ctx.audit.record({
        provider: id,
        action: 'provider_removed',
        ...actor,
        metadata: { package: before.package },
      });
      return true;
    });
  }

  /** Enables or disables a saved provider (audited when it changes); false when it is not saved. */
  setEnabled(id: string, enabled: boolean, change: ChangeOptions = {}): boolean {
    return this.#ctx.transaction(enabled ? 'enabling a provider' : 'disabling a provider', () => {
      const before = this.#row(id);
      if (!before) return false;
      if (before.enabled === (enabled ? 1 : 0)) return true;
      this.#ctx.db
        .prepare('UPDATE providers SET enabled = ?, updated_at = ? WHERE id = ?')
        .run(enabled ? 1 : 0, this.#ctx.now(), id);
      this.#ctx.audit.record({
        provider: id,
        action: enabled ? 'provider_enabled' : 'provider_disabled',
        ...(change.actor !== undefined && { actor: change.actor }),
      });
      return true;
    });
  }

  /** Keeps when a provider's credentials were last checked and how that went; false when it is not saved. */
  recordValidation(id: string, result: ValidationRecord): boolean {
    const errorCode = result.ok
      ? null
      : isPalError(result.error)
        ? result.error.code
        : result.error === undefined
          ? 'PROVIDER_AUTH_ERROR'
          : 'PROVIDER_API_ERROR';
    const at = result.lastValidatedAt ?? this.#ctx.now();
    const changed = this.#ctx.run('recording a validation', () =>
      this.#ctx.db
        .prepare(
          'UPDATE providers SET last_validated_at = ?, last_validation_ok = ?, last_validation_error = ? WHERE id = ?',
        )
        .run(at, result.ok ? 1 : 0, errorCode, id),
    );
    return changed.changes > 0;
  }

  /** Every saved provider, credentials masked, in the order they were added. */
  list(): SavedProvider[] {
    return this.#rows().map(toSaved);
  }

  /** One saved provider, credentials masked. */
  get(id: string): SavedProvider | undefined {
    const row = this.#ctx.run('reading a provider', () => this.#row(id));
    return row && toSaved(row);
  }

  /** Every saved row, oldest first (for `loadInto` and key rotation). */
  rows(): ProviderRow[] {
    return this.#rows();
  }

  /**
   * A provider's credentials in the clear, for its factory only. Throws `wrong-master-key` when the
   * key does not open them (never garbage), `no-master-key` when there is no key.
   */
  credentialsOf(row: ProviderRow): Record<string, string> | undefined {
    if (row.credentials_json === null) return undefined;
    const plain = open(this.#key(), row.credentials_json, credentialsAad(row.id));
    if (plain === undefined) {
      throw storeError({
        problem: 'wrong-master-key',
        file: this.#ctx.file,
        message: `The credentials of provider "${row.id}" in PAL store ${this.#ctx.file} do not decrypt with this master key (a wrong PAL_MASTER_KEY or key file, or the row was altered); use the key they were saved with, or save the provider's credentials again`,
        userMessage: 'The saved provider credentials cannot be decrypted with this master key.',
      });
    }
    return JSON.parse(plain) as Record<string, string>;
  }

  /**
   * The master key, checked against the database's check value (created on first use, with its
   * check value). Throws `no-master-key` / `wrong-master-key`.
   */
  masterKey(): Buffer {
    return this.#key();
  }

  #key(): Buffer {
    const { keyring, db } = this.#ctx;
    const known = keyring.key(false);
    const check = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY_CHECK) as
      | string
      | undefined;
    if (!known && check !== undefined) {
      throw storeError({
        problem: 'no-master-key',
        file: this.#ctx.file,
        message: `PAL store ${this.#ctx.file} holds encrypted credentials but no master key was found: set PAL_MASTER_KEY (base64 of 32 bytes) or put the key file back beside the database`,
      });
    }
    const key = keyring.key(true)!;
    if (check === undefined) {
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(
        META_KEY_CHECK,
        keyring.checkValue(),
      );
    } else keyring.verify(check);
    return key;
  }

  #row(id: string): ProviderRow | undefined {
    return this.#ctx.db.prepare('SELECT * FROM providers WHERE id = ?').get(id) as ProviderRow | undefined;
  }

  #rows(): ProviderRow[] {
    return this.#ctx.run(
      'reading providers',
      () => this.#ctx.db.prepare('SELECT * FROM providers ORDER BY rowid').all() as ProviderRow[],
    );
  }
}

/** The `meta` key of the master key's check value. */
export { META_KEY_CHECK };

/** The credentials a save gives (undefined: keep the saved ones; null: remove them). */
function credentialsOf(input: SaveProviderInput): Record<string, string> | null | undefined {
  if (input.credentials === undefined && input.apiKey === undefined) return undefined;
  if (input.credentials === null && (input.apiKey === null || input.apiKey === undefined)) return null;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.credentials ?? {})) out[name] = revealSecret(value);
  if (input.apiKey) out.apiKey = revealSecret(input.apiKey);
  return Object.keys(out).length > 0 ? out : null;
}

function maskedOf(row: ProviderRow): Record<string, unknown> {
  return { credentials: row.credentials_masked === null ? {} : JSON.parse(row.credentials_masked) };
}

function toSaved(row: ProviderRow): SavedProvider {
  return {
    id: row.id,
    displayName: row.display_name,
    package: row.package,
    factory: row.factory,
    enabled: row.enabled === 1,
    ...(row.endpoint !== null && { baseURL: row.endpoint }),
    ...(row.options_json !== null && { options: JSON.parse(row.options_json) as Record<string, unknown> }),
    ...(row.default_model !== null && { defaultModel: row.default_model }),
    credentials:
      row.credentials_masked === null ? {} : (JSON.parse(row.credentials_masked) as Record<string, string>),
    ...(row.last_validated_at !== null && { lastValidatedAt: row.last_validated_at }),
    ...(row.last_validation_ok !== null && {
      lastValidation: {
        ok: row.last_validation_ok === 1,
        ...(row.last_validation_error !== null && { errorCode: row.last_validation_error }),
      },
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The audit entries a save calls for: what was added, changed or removed, secrets masked. */
function auditEntriesFor(
  before: ProviderRow | undefined,
  after: ProviderRow,
  change: ChangeOptions,
): NewAuditEntry[] {
  const base = { provider: after.id, ...(change.actor !== undefined && { actor: change.actor }) };
  const entries: NewAuditEntry[] = [];
  if (!before) {
    entries.push({
      ...base,
      action: 'provider_added',
      metadata: {
        package: after.package,
        displayName: after.display_name,
        ...(after.endpoint && { baseURL: after.endpoint }),
      },
    });
    if (after.credentials_json !== null)
      entries.push({ ...base, action: 'credentials_added', metadata: maskedOf(after) });
    if (after.enabled === 0) entries.push({ ...base, action: 'provider_disabled' });
    if (after.default_model !== null) {
      entries.push({
        ...base,
        action: 'model_changed',
        metadata: { defaultModel: { to: after.default_model } },
      });
    }
    return entries;
  }
  if (before.credentials_json !== after.credentials_json) {
    const action =
      before.credentials_json === null
        ? 'credentials_added'
        : after.credentials_json === null
          ? 'credentials_removed'
          : 'credentials_updated';
    entries.push({ ...base, action, metadata: maskedOf(action === 'credentials_removed' ? before : after) });
  }
  const fields: Array<[keyof ProviderRow, string]> = [
    ['display_name', 'displayName'],
    ['package', 'package'],
    ['factory', 'factory'],
    ['endpoint', 'baseURL'],
    ['options_json', 'options'],
  ];
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [column, name] of fields) {
    if (before[column] === after[column]) continue;
    const read = (value: unknown) =>
      column === 'options_json' && typeof value === 'string' ? JSON.parse(value) : value;
    changed[name] = { from: read(before[column]), to: read(after[column]) };
  }
  if (Object.keys(changed).length > 0)
    entries.push({ ...base, action: 'provider_updated', metadata: changed });
  if (before.enabled !== after.enabled) {
    entries.push({ ...base, action: after.enabled === 1 ? 'provider_enabled' : 'provider_disabled' });
  }
  if (before.default_model !== after.default_model) {
    entries.push({
      ...base,
      action: 'model_changed',
      metadata: { defaultModel: { from: before.default_model, to: after.default_model } },
    });
  }
  return entries;
}
