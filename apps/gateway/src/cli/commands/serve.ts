import { type Command, InvalidArgumentError } from 'commander';
import { contextOf } from '../context.js';

interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  config?: string;
  drainMs: number;
  sandbox?: boolean;
  logContent?: boolean;
}

const wholeNumber = (what: string, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new InvalidArgumentError(`expected ${what} (0-${max}), got "${value}"`);
  return n;
};

/**
 * `pal serve`: the gateway on 127.0.0.1 (`HOST` / `--host` for others), its data in `--data-dir`
 * (`PAL_DATA_DIR`, default `.pal`), providers from `--config`, the environment and the store.
 * SIGTERM or SIGINT stops accepting connections, lets open requests and streams finish for up to
 * `--drain-ms`, then aborts what is left (each stream ends with a typed error event), writes the
 * ledger's last rows, closes the store and exits 0. A second signal stops at once.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the gateway: OpenAI- and Anthropic-compatible endpoints, the console API, /metrics')
    .option('--port <n>', 'port (default PORT, else 8787; 0 picks a free one)', wholeNumber('a port', 65535))
    .option('--host <host>', 'interface to listen on (default HOST, else 127.0.0.1)')
    .option('--data-dir <dir>', 'where the store and the admin token live (default PAL_DATA_DIR, else .pal)')
    .option('--config <file>', 'PAL config file (default PAL_CONFIG, else provider-runtime.config.* here)')
    .option(
      '--drain-ms <n>',
      'on SIGTERM, how long open streams may take to finish',
      wholeNumber('milliseconds', 3_600_000),
      10_000,
    )
    .option('--sandbox', 'emulated vendors (the real one where its key is set) and the pal-sandbox key')
    .option('--log-content', 'log prompts and answers (masked); off by default')
    .action(async (options: ServeOptions, command: Command) => {
      const { out } = contextOf(command);
      // loaded here: the client commands never load the server, its SDKs and its native addon
      const [{ listen }, { sandboxProviders }, { buildServer }, { printBanner }] = await Promise.all([
        import('../../listen.js'),
        import('../../sandbox/sandbox-providers.js'),
        import('../../server/build-server.js'),
        import('../banner.js'),
      ]);
      const sandboxed = options.sandbox ? await sandboxProviders() : [];
      const closeEmulators = () => Promise.all(sandboxed.map((p) => p.emulator?.close()));
      try {
        const server = await buildServer({
          ...(options.dataDir && { dataDir: options.dataDir }),
          ...(options.config && { configFile: options.config }),
          ...(options.sandbox && { sandbox: true, providers: sandboxed.map((p) => p.adapter) }),
          ...(options.logContent && { logContent: true }),
        });
        const listening = await listen(server.app, {
          ...(options.port !== undefined && { port: options.port }),
          ...(options.host && { host: options.host }),
        }).catch(async (error) => {
          await server.close();
          throw error;
        });
        printBanner(out, server, listening, sandboxed);
        const signal = await nextSignal();
        server.logger.info({ pal: 'shutdown', signal, drainMs: options.drainMs }, `${signal}: draining`);
        // a second signal: no more waiting
        const hurry = () => void server.abortCalls();
        process.once('SIGTERM', hurry);
        process.once('SIGINT', hurry);
        await listening.close({
          deadlineMs: options.drainMs,
          onDeadline: () => {
            server.logger.warn({ pal: 'shutdown' }, 'drain deadline: aborting the calls still open');
            void server.abortCalls();
          },
        });
        await server.close();
        server.logger.info({ pal: 'shutdown', ledger: server.store.ledger.stats() }, 'stopped');
      } finally {
        await closeEmulators();
      }
    });
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}
