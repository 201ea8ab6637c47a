#!/usr/bin/env node
/**
 * Load run: N requests (default 10,000) at concurrency C (default 64) through a real `pal serve`
 * process (dist/cli.js: build first) against the OpenAI emulator, with a gateway key, the ledger,
 * Prometheus and JSON logs all on. Checks: 0 errors and 0 non-2xx answers, one ledger row per
 * request, and the server's RSS at the 10,000th answer within 10 % of its RSS at the 2,000th.
 * Prints req/s, latency p50 / p99 and the RSS figures; exits 1 when a check fails.
 *
 *   node scripts/load.mjs [--requests 10000] [--connections 64] [--stream]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '@pal/store-sqlite';
import { startEmulator } from '@pal/testkit';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '64' },
    stream: { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const EARLY = Math.min(2_000, Math.floor(REQUESTS / 5));
const ADMIN = `load-admin-${process.pid}-0123456789`;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const rssOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN) * 1024;
};
/** The process that serves: `pal serve` re-runs itself under a bounded heap, so the server is its child. */
const serverPid = (pid) => {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return children.length === 1 ? Number(children[0]) : pid;
  } catch {
    return pid;
  }
};
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const emulator = await startEmulator('openai');
const dir = mkdtempSync(join(tmpdir(), 'pal-load-'));
const config = join(dir, 'provider-runtime.config.json');
writeFileSync(
  config,
  JSON.stringify({
    providers: {
      openai: { package: '@pal/provider-openai', apiKey: 'sk-load-test-0000', baseURL: `${emulator.url}/v1` },
    },
  }),
);
const child = spawn(
  process.execPath,
  ['dist/cli.js', 'serve', '--json', '--port', '0', '--data-dir', join(dir, 'data'), '--config', config],
  {
    cwd: packageDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PAL_ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
let logLines = 0;
const url = await new Promise((resolve, reject) => {
  exited.then((code) =>
    reject(new Error(`pal serve exited with ${code}; build it first (pnpm --filter @pal/gateway build)`)),
  );
  createInterface({ input: child.stdout }).on('line', (line) => {
    logLines++;
    if (line.includes('"pal":"listening"')) resolve(JSON.parse(line).url);
  });
});

try {
  const created = await fetch(`${url}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'load' }),
  });
  const { key } = await created.json();
  const body = JSON.stringify({
    model: 'openai/gpt-5.4-mini',
    messages: [{ role: 'user', content: 'Say something about load tests.' }],
    ...(values.stream && { stream: true, stream_options: { include_usage: true } }),
  });

  const pid = serverPid(child.pid);
  let answered = 0;
  let rssEarly = Number.NaN;
  let rssLate = Number.NaN;
  const started = Date.now();
  const result = await new Promise((resolve, reject) => {
    const run = autocannon(
      {
        url: `${url}/v1/chat/completions`,
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
        connections: CONNECTIONS,
        amount: REQUESTS,
        timeout: 30,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    run.on('response', () => {
      answered++;
      if (process.env.PAL_LOAD_TRACE && answered % 2000 === 0)
        console.error(`${answered} answers: RSS ${mb(rssOf(pid))}`);
      if (answered === EARLY) rssEarly = rssOf(pid);
      if (answered === REQUESTS) rssLate = rssOf(pid);
    });
  });
  const seconds = (Date.now() - started) / 1000;

  // stop the server (it drains, writes the ledger's last rows), then count the rows in its file
  child.kill('SIGTERM');
  const code = await exited;
  const store = openStore({ path: join(dir, 'data', 'pal.db'), env: {} });
  const rows = store.countUsageEntries();
  const success = store.usageEntries({ limit: 1 }).entries[0]?.outcome;
  store.close();

  const growth = (rssLate - rssEarly) / rssEarly;
  const errors = result.errors + result.timeouts + result.non2xx;
  const report = {
    requests: answered,
    connections: CONNECTIONS,
    stream: values.stream,
    seconds: Number(seconds.toFixed(2)),
    reqPerSec: Math.round(answered / seconds),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    ledgerRows: rows,
    firstRowOutcome: success,
    rss: {
      [`at${EARLY}`]: mb(rssEarly),
      [`at${REQUESTS}`]: mb(rssLate),
      growthPct: Number((growth * 100).toFixed(1)),
    },
    serverPid: pid,
    serverExit: code,
    logLines,
  };
  console.log(JSON.stringify(report, null, 2));
  const failures = [
    errors > 0 && `${errors} errors or non-2xx answers`,
    rows !== REQUESTS && `${rows} ledger rows for ${REQUESTS} requests`,
    !(Math.abs(growth) <= 0.1) &&
      `RSS grew ${(growth * 100).toFixed(1)} % between the ${EARLY}th and the ${REQUESTS}th answer`,
    code !== 0 && `pal serve exited with ${code}`,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`load: FAILED — ${failures.join('; ')}`);
    process.exitCode = 1;
  } else console.error('load: ok — 0 errors, a ledger row per request, RSS flat');
} finally {
  if (child.exitCode === null) child.kill('SIGKILL');
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
}
