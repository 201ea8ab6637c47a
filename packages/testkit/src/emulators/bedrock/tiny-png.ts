/** A valid 1×1 RGBA PNG (signature, IHDR, IDAT, IEND with correct CRCs), base64: the emulator's generated image. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
