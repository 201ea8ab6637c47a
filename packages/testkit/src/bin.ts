/**
 * Entry of the `pal-emulator` command: `pal-emulator --vendor openai --port 4010 [--faults flaky]`.
 * @packageDocumentation
 */
import { runEmulatorCli } from './emulator/cli.js';

runEmulatorCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pal-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
