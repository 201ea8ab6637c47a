import { isPalError } from '@pal/core';
import { Command, CommanderError } from 'commander';
import { actionText } from './actions.js';
import { registerChat } from './commands/chat.js';
import { registerEmulate } from './commands/emulate.js';
import { registerKeys } from './commands/keys.js';
import { registerModels } from './commands/models.js';
import { registerProviders } from './commands/providers.js';
import { registerUsage } from './commands/usage.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { CliError } from './gateway-client.js';
import { Output } from './output.js';

/** Commands that run the gateway in this process (`serve`, `demo`), registered by the caller. */
export type RegisterCommand = (program: Command) => void;

/**
 * The `pal` command line: global options (`--url`, `--key`, `--admin-token`, `--json`), the client
 * commands that talk to a running gateway, and whatever `extra` registers (`serve`, `demo`).
 */
export function palProgram(version: string, extra: RegisterCommand[] = []): Command {
  const program = new Command('pal')
    .description('PAL: one gateway for every LLM provider')
    .version(version)
    .option('--url <url>', 'gateway URL', process.env.PAL_GATEWAY_URL ?? 'http://127.0.0.1:8787')
    .option(
      '--key <key>',
      'gateway key for /v1 calls (default PAL_API_KEY; the sandbox takes pal-sandbox)',
      process.env.PAL_API_KEY,
    )
    .option(
      '--admin-token <token>',
      'admin token for provider, key and usage commands (PAL_ADMIN_TOKEN)',
      process.env.PAL_ADMIN_TOKEN,
    )
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerChat,
    registerModels,
    registerProviders,
    registerKeys,
    registerUsage,
    registerEmulate,
    ...extra,
  ])
    register(program);
  return program;
}

/** Runs `pal` with `argv` (without node and the script) and returns the exit code. */
export async function runPal(
  argv: string[],
  version: string,
  extra: RegisterCommand[] = [],
): Promise<number> {
  const program = palProgram(version, extra);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    const out = new Output({ json: argv.includes('--json') });
    if (error instanceof CommanderError) {
      // help and version are exits too; commander has printed them
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof CliError) {
      out.error(error.message, error.hint);
      return exitCodeFor(error.code, error.status);
    }
    if (isPalError(error)) {
      out.error(
        error.userMessage === error.message ? error.message : `${error.message}`,
        actionText(error.action),
      );
      return exitCodeFor(error.code);
    }
    out.error(error instanceof Error ? error.message : String(error));
    return EXIT.failure;
  }
}
