import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'pal1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Associated data binding a provider's credentials to its id (a row copied to another id will not decrypt). */
export const credentialsAad = (providerId: string) => `pal:provider:${providerId}`;

/**
 * Encrypts `plaintext` with AES-256-GCM under `key` (32 bytes), a fresh random 96-bit nonce each
 * time and `aad` as associated data. The result is `pal1:` + base64(nonce ‖ ciphertext ‖ tag).
 */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return FORMAT + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

/**
 * Decrypts what {@link seal} wrote. Returns undefined when the key (or the associated data) is not
 * the one it was sealed with, or the value was tampered with: GCM's tag never lets garbage through.
 */
export function open(key: Buffer, sealed: string, aad: string): string | undefined {
  if (!sealed.startsWith(FORMAT)) return undefined;
  const bytes = Buffer.from(sealed.slice(FORMAT.length), 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return undefined;
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
