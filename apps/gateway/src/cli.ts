#!/usr/bin/env node
/**
 * The `pal` command line: the client commands (chat, models, providers, keys, usage, emulate) and
 * `pal serve`, the gateway itself (run under a bounded heap: see `cli/bounded-heap.ts`), and
 * `pal demo`, the sandbox with its narrated tour. Exits with the code of the error class (see
 * `cli/exit-codes.ts`).
 */
import { readFileSync } from 'node:fs';
import { heapLimitFor, runWithHeapLimit } from './cli/bounded-heap.js';
import { registerDemo } from './cli/commands/demo.js';
import { registerServe } from './cli/commands/serve.js';
import { runPal } from './cli/program.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const args = process.argv.slice(2);
const heapMb = args[0] === 'serve' ? heapLimitFor(process.env, process.execArgv) : undefined;
const code = heapMb
  ? await runWithHeapLimit(heapMb)
  : await runPal(args, version, [registerServe, registerDemo]);
process.exit(code);
