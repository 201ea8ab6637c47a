import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { contextOf } from '../context.js';

interface DemoOptions {
  port?: number;
  dataDir?: string;
  once?: boolean;
}

/**
 * `pal demo [--once] [--port n]` (what `pnpm demo` runs): the sandbox. Starts an emulator for every
 * vendor (a vendor whose real key is in the environment uses the real service, and says so), the
 * gateway on 127.0.0.1:8787 over a fresh store in `.pal/sandbox`, accepting the key `pal-sandbox`,
 * then takes the narrated tour through it with the official openai SDK, prints the console and
 * metrics addresses and keeps serving until Ctrl-C (`--once`: exits 0 after the tour).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the sandbox: every vendor emulated, the gateway on :8787, a narrated tour, then serving')
    .option('--port <n>', 'port (default PORT, else 8787; 0 picks a free one)', (value) => {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new InvalidArgumentError(`expected a port (0-65535), got "${value}"`);
      return port;
    })
    .option('--data-dir <dir>', 'where the sandbox store lives (emptied first)', '.pal/sandbox')
    .option('--once', 'run the tour and exit 0 (for CI)')
    .action(async (options: DemoOptions, command: Command) => {
      const { out } = contextOf(command);
      const [
        { pino },
        { listen },
        { sandboxProviders },
        { buildServer },
        { printBanner },
        { runTour },
        { SANDBOX_KEY },
      ] = await Promise.all([
        import('pino'),
        import('../../listen.js'),
        import('../../sandbox/sandbox-providers.js'),
        import('../../server/build-server.js'),
        import('../banner.js'),
        import('../../sandbox/tour.js'),
        import('../../keys/key-auth.js'),
      ]);
      // the AWS SDK warns on Node 20 that its 2027 releases need Node 22: not news for a demo
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const dataDir = resolve(options.dataDir ?? '.pal/sandbox');
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      const logFile = join(dataDir, 'gateway.log');
      // the narration owns the terminal: the gateway's JSON logs go to a file
      const logger = pino({ level: 'info' }, pino.destination({ dest: logFile, sync: false, mkdir: true }));
      const sandboxed = await sandboxProviders();
      const server = await buildServer({
        dataDir,
        sandbox: true,
        providers: sandboxed.map((p) => p.adapter),
        logger,
      });
      try {
        const listening = await listen(server.app, { port: options.port ?? 8787 });
        printBanner(out, server, listening, sandboxed);
        const real = sandboxed.filter((p) => p.realKeyFrom);
        for (const p of real)
          out.line(
            out.style('yellow', `  ${p.vendor}: the real service (${p.realKeyFrom} is set), not an emulator`),
          );
        out.line(out.style('dim', `  gateway logs: ${logFile}`));

        await runTour(
          {
            url: listening.url,
            key: SANDBOX_KEY,
            adminToken: server.adminToken.reveal(),
            emulators: Object.fromEntries(
              sandboxed.filter((p) => p.emulator).map((p) => [p.vendor, p.emulator]),
            ),
          },
          out,
        );

        out.line();
        out.line(out.style('bold', 'Keep going'));
        out.line(`  console:  ${listening.url}/#token=${encodeURIComponent(server.adminToken.reveal())}`);
        out.line(`  metrics:  ${listening.url}/metrics`);
        out.line(`  your app: new OpenAI({ baseURL: '${listening.url}/v1', apiKey: '${SANDBOX_KEY}' })`);
        out.line(
          `  the CLI:  pal chat "hello" --model anthropic/claude-haiku-4-5 --stream --key ${SANDBOX_KEY}`,
        );
        if (!options.once) {
          out.line(out.style('dim', '  serving until Ctrl-C'));
          await new Promise<void>((done) => {
            process.once('SIGINT', () => done());
            process.once('SIGTERM', () => done());
          });
        }
        await listening.close({ deadlineMs: 5_000, onDeadline: () => void server.abortCalls() });
      } finally {
        await server.close();
        await Promise.all(sandboxed.map((p) => p.emulator?.close()));
        logger.flush();
      }
    });
}
