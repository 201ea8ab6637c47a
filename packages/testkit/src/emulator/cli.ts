import type { EventEmitter } from 'node:events';
import { parseArgs } from 'node:util';
import { PalError } from '@pal/core';
import { FAULT_PRESET_NAMES } from './fault-presets.js';
import { type Emulator, startEmulator } from './server.js';
import type { Vendor } from './types.js';
import { VENDORS } from './vendors.js';

/** The usage line of `pal-emulator`. */
export const EMULATOR_USAGE = `Usage: pal-emulator --vendor <${VENDORS.join('|')}> [--port 4010] [--host 127.0.0.1] [--faults <${FAULT_PRESET_NAMES.join('|')}>]`;

/** What `pal-emulator` was asked to start. */
export interface EmulatorCliOptions {
  vendor: Vendor;
  port: number;
  host: string;
  faults?: string;
}

/** Parses the command line of `pal-emulator`; throws a CONFIG_ERROR PalError naming the bad flag. */
export function parseEmulatorArgs(argv: string[]): EmulatorCliOptions {
  let values: { vendor?: string; port?: string; host?: string; faults?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        vendor: { type: 'string', short: 'v' },
        port: { type: 'string', short: 'p', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        faults: { type: 'string', short: 'f' },
      },
      strict: true,
    }));
  } catch (cause) {
    throw new PalError({ code: 'CONFIG_ERROR', message: (cause as Error).message, cause });
  }
  if (!values.vendor || !(VENDORS as string[]).includes(values.vendor)) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `--vendor must be one of ${VENDORS.join(', ')}${values.vendor ? `, got "${values.vendor}"` : ''}`,
      path: ['vendor'],
    });
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `--port must be an integer from 0 to 65535, got "${values.port}"`,
      path: ['port'],
    });
  }
  if (values.faults !== undefined && !FAULT_PRESET_NAMES.includes(values.faults)) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `--faults must be one of ${FAULT_PRESET_NAMES.join(', ')}, got "${values.faults}"`,
      path: ['faults'],
    });
  }
  return {
    vendor: values.vendor as Vendor,
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.faults !== undefined && { faults: values.faults }),
  };
}

/** Where the CLI writes and what it listens to; the defaults are the real process. */
export interface EmulatorCliIo {
  log(line: string): void;
  error(line: string): void;
  /** Emits SIGINT / SIGTERM. */
  signals: Pick<EventEmitter, 'once'>;
  exit(code: number): void;
}

const processIo: EmulatorCliIo = {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  signals: process,
  exit: (code) => process.exit(code),
};

/**
 * Runs `pal-emulator`: starts the emulator, prints its URL, and closes it on SIGINT/SIGTERM before
 * exiting with 0. Bad flags print the reason and the usage and exit with 2. Resolves to the running
 * emulator (undefined after bad flags).
 */
export async function runEmulatorCli(
  argv: string[],
  io: EmulatorCliIo = processIo,
): Promise<Emulator | undefined> {
  let options: EmulatorCliOptions;
  try {
    options = parseEmulatorArgs(argv);
  } catch (error) {
    io.error(`pal-emulator: ${(error as Error).message}\n${EMULATOR_USAGE}`);
    io.exit(2);
    return undefined;
  }
  const { vendor, ...listen } = options;
  const emulator = await startEmulator(vendor, listen);
  io.log(
    `pal-emulator: ${vendor} emulator listening on ${emulator.url}${options.faults ? ` (faults: ${options.faults})` : ''}`,
  );
  const stop = (): void => {
    emulator.close().then(() => io.exit(0));
  };
  io.signals.once('SIGINT', stop);
  io.signals.once('SIGTERM', stop);
  return emulator;
}
