import yoctoSpinner from 'yocto-spinner';

/** A spinner on stderr while a person waits; nothing at all when stderr is not a terminal. */
export function startSpinner(text: string): { stop(): void } {
  if (!process.stderr.isTTY) return { stop() {} };
  const spinner = yoctoSpinner({ text, stream: process.stderr }).start();
  return { stop: () => spinner.stop() };
}
