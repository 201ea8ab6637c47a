import { isPalError, type PalError } from '@pal/core';

/** The PalError `run` throws or rejects with; fails the test when it succeeds or throws something else. */
export async function palErrorOf(run: () => unknown): Promise<PalError> {
  try {
    await run();
  } catch (error) {
    if (isPalError(error)) return error;
    throw error;
  }
  throw new Error('expected a PalError');
}
