import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isSecret, type Secret } from '@pal/core';
import { storeError } from '../store-error.js';
import { open, seal } from './credential-cipher.js';

/** A master key as options take it: base64 text (or a `Secret` holding it), or the 32 bytes. */
export type MasterKeyInput = string | Secret | Uint8Array;

/** Where the master key came from. */
export type MasterKeySource = 'option' | 'env' | 'key-file' | 'ephemeral';

const KEY_BYTES = 32;
const CHECK_TEXT = 'pal-master-key-check';
const CHECK_AAD = 'pal:key-check';

/** What {@link Keyring} is set up with. */
export interface KeyringOptions {
  /** The database file, for messages. */
  file: string;
  /** The key file beside the database; undefined for an in-memory store. */
  keyFile: string | undefined;
  masterKey: MasterKeyInput | undefined;
  /** Where `PAL_MASTER_KEY` is read. */
  env: Record<string, string | undefined>;
}

/**
 * The store's master key: `masterKey` from the options, else `PAL_MASTER_KEY` (base64 of 32
 * bytes), else the key file beside the database (created on first use with mode 0600; one that
 * others may read is refused). An in-memory store with none of them uses a random key for its
 * lifetime. A key check value (a known text sealed with the key) in the database tells a wrong
 * key apart from a right one, so a wrong key is an error, never garbage credentials.
 */
export class Keyring {
  readonly #options: KeyringOptions;
  #key: Buffer | undefined;
  #source: MasterKeySource | undefined;

  constructor(options: KeyringOptions) {
    this.#options = options;
  }

  /** Where the key in use came from (undefined until one is needed). */
  get source(): MasterKeySource | undefined {
    return this.#source;
  }

  /**
   * The key, found (or, with `create`, made: a new key file, or a random key in memory) the first
   * time it is asked for; undefined when there is none and `create` is false.
   */
  key(create: boolean): Buffer | undefined {
    if (this.#key) return this.#key;
    const found = this.#find();
    if (found) {
      [this.#key, this.#source] = found;
      return this.#key;
    }
    if (!create) return undefined;
    const { keyFile } = this.#options;
    if (keyFile === undefined) {
      this.#key = randomBytes(KEY_BYTES);
      this.#source = 'ephemeral';
      return this.#key;
    }
    const fresh = randomBytes(KEY_BYTES);
    try {
      writeFileSync(keyFile, `${fresh.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      this.#key = fresh;
    } catch (error) {
      // another process created it first: use theirs
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw keyFileError(keyFile, error);
      this.#key = readKeyFile(keyFile);
    }
    this.#source = 'key-file';
    return this.#key;
  }

  /**
   * Checks the key against the database's check value (`check`, or none yet). A key file left
   * half-rotated by a crash (`<key file>.new` matching) is completed here. Throws
   * `wrong-master-key` when the key does not match.
   */
  verify(check: string | undefined): void {
    const key = this.#key;
    if (!key || check === undefined) return;
    if (open(key, check, CHECK_AAD) === CHECK_TEXT) return;
    const pending = this.#options.keyFile && `${this.#options.keyFile}.new`;
    if (this.#source === 'key-file' && pending && existsSync(pending)) {
      const next = readKeyFile(pending);
      if (open(next, check, CHECK_AAD) === CHECK_TEXT) {
        renameSync(pending, this.#options.keyFile!);
        this.#key = next;
        return;
      }
    }
    const where = {
      option: 'the masterKey option',
      env: 'PAL_MASTER_KEY',
      'key-file': `the key file ${this.#options.keyFile}`,
      ephemeral: 'a random key',
    }[this.#source ?? 'option'];
    throw storeError({
      problem: 'wrong-master-key',
      file: this.#options.file,
      message: `The master key from ${where} does not decrypt the credentials in PAL store ${this.#options.file}: it is not the key they were saved with. Use that key (PAL_MASTER_KEY or the key file beside the database), or remove the providers and save them again.`,
      userMessage: 'The saved provider credentials cannot be decrypted with this master key.',
    });
  }

  /** A check value for the current key, to keep in the database. */
  checkValue(): string {
    return seal(this.key(true)!, CHECK_TEXT, CHECK_AAD);
  }

  /**
   * Starts replacing the key with `next`: returns the check value for it, and `commit` (after the
   * database holds the re-encrypted values) / `abort`. With a key file, the new key is written to
   * `<key file>.new` first and renamed over the old one on commit, so a crash in between leaves
   * a key that {@link verify} finds.
   */
  beginRotation(next: Buffer): { check: string; commit(): void; abort(): void } {
    const keyFile = this.#source === 'key-file' ? this.#options.keyFile : undefined;
    const pending = keyFile && `${keyFile}.new`;
    if (pending) {
      // a leftover from an earlier attempt could carry other permissions: write a new file
      rmSync(pending, { force: true });
      writeFileSync(pending, `${next.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    return {
      check: seal(next, CHECK_TEXT, CHECK_AAD),
      commit: () => {
        if (pending) renameSync(pending, keyFile!);
        this.#key = next;
        if (!pending && this.#source !== 'ephemeral') this.#source = 'option';
      },
      abort: () => {
        if (pending) rmSync(pending, { force: true });
      },
    };
  }

  #find(): [Buffer, MasterKeySource] | undefined {
    const { masterKey, env, keyFile } = this.#options;
    if (masterKey !== undefined)
      return [parseMasterKey(masterKey, 'the masterKey option', this.#options.file), 'option'];
    const fromEnv = env.PAL_MASTER_KEY;
    if (fromEnv) return [parseMasterKey(fromEnv, 'PAL_MASTER_KEY', this.#options.file), 'env'];
    if (keyFile !== undefined && existsSync(keyFile)) return [readKeyFile(keyFile), 'key-file'];
    return undefined;
  }
}

/** 32 bytes from a master key input; `bad-master-key` naming `where` otherwise. */
export function parseMasterKey(input: MasterKeyInput, where: string, file: string): Buffer {
  const bytes =
    input instanceof Uint8Array
      ? Buffer.from(input)
      : Buffer.from((isSecret(input) ? input.reveal() : input).trim(), 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw storeError({
      problem: 'bad-master-key',
      file,
      message: `${where} must be ${KEY_BYTES} bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`); it holds ${bytes.length} bytes`,
    });
  }
  return bytes;
}

/** The key in a key file, refusing one that users other than its owner may read or write. */
function readKeyFile(keyFile: string): Buffer {
  let mode: number;
  let text: string;
  try {
    mode = statSync(keyFile).mode;
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw keyFileError(keyFile, error);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw storeError({
      problem: 'key-file-permissions',
      file: keyFile,
      message: `The master key file ${keyFile} can be read or written by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); PAL will not use it: run \`chmod 600 ${keyFile}\``,
    });
  }
  return parseMasterKey(text, `The master key file ${keyFile}`, keyFile);
}

function keyFileError(keyFile: string, error: unknown) {
  return storeError({
    problem: 'cannot-open',
    file: keyFile,
    message: `The master key file ${keyFile} cannot be read or created (${(error as Error).message}); set PAL_MASTER_KEY instead, or give this process access to the directory`,
    cause: error,
  });
}
