import { type Emulator, FAULT_PRESET_NAMES, startEmulator, VENDORS, type Vendor } from '@pal/testkit';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { contextOf } from '../context.js';

/** `pal emulate [--vendor v] [--faults preset] [--port n]`: local vendor emulators until Ctrl-C. */
export function registerEmulate(program: Command): void {
  program
    .command('emulate')
    .description('run local emulators of the vendors’ APIs (for tests and demos) until Ctrl-C')
    .addOption(new Option('--vendor <vendor>', 'one vendor (default: all)').choices(VENDORS))
    .addOption(
      new Option('--faults <preset>', 'inject faults into every call')
        .choices(FAULT_PRESET_NAMES)
        .default('none'),
    )
    .option('--port <n>', 'port (one vendor only)', (value) => {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new InvalidArgumentError('expected a port number');
      return port;
    })
    .action(async (options: { vendor?: Vendor; faults: string; port?: number }, command: Command) => {
      const { out } = contextOf(command);
      if (options.port !== undefined && !options.vendor)
        throw new InvalidArgumentError('--port needs --vendor (each emulator listens on its own port)');
      const vendors = options.vendor ? [options.vendor] : VENDORS;
      const running: Emulator[] = await Promise.all(
        vendors.map((vendor) =>
          startEmulator(vendor, {
            faults: options.faults,
            ...(options.port !== undefined && { port: options.port }),
          }),
        ),
      );
      out.result(
        running.map((e) => ({ vendor: e.vendor, url: e.url })),
        () => {
          out.table(running.map((e) => ({ vendor: e.vendor, url: e.url })));
          out.line(out.style('dim', `faults: ${options.faults} · Ctrl-C to stop`));
        },
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await Promise.all(running.map((e) => e.close()));
    });
}
