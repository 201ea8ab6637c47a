import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PACKAGE_DIR } from '../cli/run-cli.test-support.js';

/** A `pal serve` process started from source, listening. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (and signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every line it wrote to stdout (JSON logs) and stderr so far. */
  output(): string;
}

/**
 * Starts `node --import tsx src/cli.ts serve --json --port 0 …args` with `env` (plus PATH and HOME)
 * and resolves once it printed the URL it listens on.
 */
export function startServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve', '--json', '--port', '0', ...args],
    {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr?.on('data', (chunk) => lines.push(String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pal serve did not start:\n${lines.join('')}`)), 30_000);
    exited.then(({ code }) => reject(new Error(`pal serve exited with ${code}:\n${lines.join('')}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(`${line}\n`);
      if (!line.includes('"pal":"listening"')) return;
      clearTimeout(timer);
      resolve({
        child,
        url: (JSON.parse(line) as { url: string }).url,
        exited,
        output: () => lines.join(''),
      });
    });
  });
}
