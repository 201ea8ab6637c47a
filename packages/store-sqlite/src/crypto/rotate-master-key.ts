import { randomBytes } from 'node:crypto';
import type { ProviderRecords } from '../registry/provider-records.js';
import { META_KEY_CHECK } from '../registry/provider-records.js';
import type { ChangeOptions } from '../registry/saved-provider.js';
import type { StoreContext } from '../store-context.js';
import { storeError } from '../store-error.js';
import { credentialsAad, open, seal } from './credential-cipher.js';
import { type MasterKeyInput, type MasterKeySource, parseMasterKey } from './keyring.js';

/** What `rotateMasterKey` did. */
export interface RotationResult {
  /** Providers whose credentials were re-encrypted. */
  rotated: number;
  /**
   * Where the old key came from. With `key-file`, the file now holds the new key; with `env` or
   * `option`, set `PAL_MASTER_KEY` (or the option) to the new key before the next start.
   */
  keySource: MasterKeySource;
}

/**
 * Re-encrypts every provider's credentials under `next` (32 bytes, as base64 or bytes; default a
 * new random key) in one transaction, with the new key check value, so the file holds either the
 * old key's values or the new one's, never some of each. With a key file, the new key is written
 * beside it first and moved over it once the transaction committed (a crash in between is
 * finished at the next open). Audited as `master_key_rotated`.
 */
export function rotateMasterKey(
  ctx: StoreContext,
  providers: ProviderRecords,
  next: MasterKeyInput | undefined,
  change: ChangeOptions = {},
): RotationResult {
  const current = providers.masterKey();
  const keySource = ctx.keyring.source ?? 'option';
  const nextKey = next === undefined ? randomBytes(32) : parseMasterKey(next, 'The new master key', ctx.file);
  const rotation = ctx.keyring.beginRotation(nextKey);
  try {
    const rotated = ctx.transaction('rotating the master key', () => {
      const update = ctx.db.prepare('UPDATE providers SET credentials_json = ? WHERE id = ?');
      let count = 0;
      for (const row of providers.rows()) {
        if (row.credentials_json === null) continue;
        const plain = open(current, row.credentials_json, credentialsAad(row.id));
        if (plain === undefined) {
          throw storeError({
            problem: 'wrong-master-key',
            file: ctx.file,
            message: `The credentials of provider "${row.id}" in PAL store ${ctx.file} do not decrypt with the current master key, so nothing was rotated; save that provider's credentials again first`,
          });
        }
        update.run(seal(nextKey, plain, credentialsAad(row.id)), row.id);
        count++;
      }
      ctx.db
        .prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)')
        .run(META_KEY_CHECK, rotation.check);
      ctx.audit.record({
        action: 'master_key_rotated',
        ...(change.actor !== undefined && { actor: change.actor }),
        metadata: { credentials: count, keySource },
      });
      return count;
    });
    rotation.commit();
    return { rotated, keySource };
  } catch (error) {
    rotation.abort();
    throw error;
  }
}
