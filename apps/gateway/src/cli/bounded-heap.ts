import { spawn } from 'node:child_process';

/** The heap `pal serve` runs with unless told otherwise (`PAL_HEAP_MB`; `0` keeps Node's default). */
export const DEFAULT_HEAP_MB = 1024;

/**
 * The heap limit (MB) to run `pal serve` under, or undefined to run as started: Node's default
 * limit grows with the machine's memory (about 4 GB on a 24 GB host), and V8 then lets garbage
 * build up for a long while before it collects, so a gateway's memory keeps climbing for
 * thousands of requests before it levels off. A bounded heap (1 GB: the gateway's live set is
 * ~50 MB at 64 concurrent calls, and 64 bodies of the 4 MiB maximum still fit) keeps it level
 * from the start. A limit given already (`--max-old-space-size` on the command line or in
 * `NODE_OPTIONS`) is left alone.
 */
export function heapLimitFor(env: NodeJS.ProcessEnv, execArgv: readonly string[]): number | undefined {
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => flag.startsWith('--max-old-space-size'))) return undefined;
  const mb = env.PAL_HEAP_MB === undefined ? DEFAULT_HEAP_MB : Number(env.PAL_HEAP_MB);
  return Number.isInteger(mb) && mb > 0 ? mb : undefined;
}

/**
 * Runs this same command again in a Node process with `--max-old-space-size=<mb>` and answers its
 * exit code. SIGTERM and SIGHUP sent to this process are passed on (a terminal's Ctrl-C reaches
 * both processes already: the child drains, this one waits for it).
 */
export function runWithHeapLimit(mb: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${mb}`, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onTerm = forward('SIGTERM');
  const onHup = forward('SIGHUP');
  const onInt = () => {}; // the terminal sent it to the child too
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  process.on('SIGINT', onInt);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
      process.off('SIGINT', onInt);
      resolve(code ?? (signal ? 128 + (signalNumbers[signal] ?? 1) : 1));
    });
  });
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
};
