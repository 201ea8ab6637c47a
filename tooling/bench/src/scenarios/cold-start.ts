import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@pal/testkit';
import { type ColdStartRow, type ColdStartTable, coldRatio } from '../cold-start-table.js';
import { formatDuration, formatRatio } from '../format-figures.js';
import { sampleStats } from '../sample-stats.js';

/** The contenders, in table order (the first is the baseline), by the name `cold-start-child` knows them. */
const CONTENDERS = [
  { id: 'ai-sdk', name: 'AI SDK (ai + @ai-sdk/openai)' },
  { id: 'openai', name: 'openai SDK alone' },
  { id: 'pal', name: 'PAL (core + provider-openai)' },
] as const;
type ContenderId = (typeof CONTENDERS)[number]['id'] | 'node';

const CHILD = fileURLToPath(new URL('./cold-start-child.js', import.meta.url));

/** How many fresh processes per contender and figure. */
export interface ColdStartOptions {
  runs: number;
}

interface ChildReport {
  /** Milliseconds the child's imports took, timed inside it. */
  importMs: number;
  /** CPU time (user + system) the child had used when it reported, in ms. */
  cpuMs: number;
  /** Milliseconds from just before `spawn` to the child's report line, timed by the parent. */
  wallMs: number;
  answer?: string;
}

/** The child's environment: no OpenAI settings, no preloads, no compile cache, so all contenders start alike. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('OPENAI_') || name === 'NODE_OPTIONS' || name === 'NODE_COMPILE_CACHE')
      delete env[name];
  }
  return env;
}

/** Spawns one fresh `node` running `cold-start-child.js` and resolves with its report once it prints it. */
function runChild(contender: ContenderId, mode: 'import' | 'answer', baseURL: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CHILD, contender, mode, baseURL], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(),
    });
    let out = '';
    let err = '';
    let reported = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline === -1 || reported) return;
      const wallMs = performance.now() - started;
      reported = true;
      try {
        resolve({ ...(JSON.parse(out.slice(0, newline)) as Omit<ChildReport, 'wallMs'>), wallMs });
      } catch (error) {
        reject(error);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!reported) reject(new Error(`cold-start child ${contender} ${mode} exited ${code}: ${err.trim()}`));
    });
  });
}

/**
 * What a fresh process pays before its first answer, for PAL (`@pal/core` + `@pal/provider-openai`),
 * the AI SDK (`ai` + `@ai-sdk/openai`) and the official `openai` SDK alone: (a) how long the imports
 * take, timed inside the child; (b) process start to the first chat answer from the testkit's OpenAI
 * emulator (running here, in the parent), timed from `spawn` to the child's report. Every run is a
 * new `node`; contenders take turns within each round (order rotated per round) after one untimed
 * run each that warms the OS file cache. Children run one at a time.
 */
export async function benchColdStart(options: ColdStartOptions): Promise<ColdStartTable[]> {
  const emulator = await startEmulator('openai', { host: '127.0.0.1' });
  const baseURL = `${emulator.url}/v1`;
  const ids: ContenderId[] = [...CONTENDERS.map((c) => c.id), 'node'];
  const imports = new Map<ContenderId, number[]>(ids.map((id) => [id, []]));
  const answers = new Map<ContenderId, number[]>(ids.map((id) => [id, []]));
  const answerCpu = new Map<ContenderId, number[]>(ids.map((id) => [id, []]));
  try {
    const texts = new Map<ContenderId, string>();
    for (const id of ids) {
      await runChild(id, 'import', baseURL);
      texts.set(id, (await runChild(id, 'answer', baseURL)).answer ?? '');
    }
    const expected = texts.get('openai');
    for (const { id } of CONTENDERS) {
      if (!expected || texts.get(id) !== expected) {
        throw new Error(`cold-start: ${id} answered "${texts.get(id)}", the openai SDK "${expected}"`);
      }
    }
    for (let round = 0; round < options.runs; round++) {
      const order = ids.map((_, i) => ids[(i + round) % ids.length] as ContenderId);
      for (const id of order) {
        imports.get(id)?.push((await runChild(id, 'import', baseURL)).importMs);
        const answered = await runChild(id, 'answer', baseURL);
        answers.get(id)?.push(answered.wallMs);
        answerCpu.get(id)?.push(answered.cpuMs);
      }
      emulator.reset();
    }
  } finally {
    await emulator.close();
  }

  const rowsOf = (samples: Map<ContenderId, number[]>, cpu?: Map<ContenderId, number[]>): ColdStartRow[] =>
    CONTENDERS.map(({ id, name }) => ({
      name,
      stats: sampleStats(samples.get(id) ?? []),
      ...(cpu && { cpu: sampleStats(cpu.get(id) ?? []) }),
    }));
  const importTable: ColdStartTable = {
    kind: 'cold-start',
    title: '5a. Cold start: import time',
    operation: 'a fresh node process importing the packages (timed inside it)',
    rows: rowsOf(imports),
    findings: [],
  };
  const answerTable: ColdStartTable = {
    kind: 'cold-start',
    title: '5b. Cold start: process start to first chat answer (emulator on 127.0.0.1)',
    operation: 'spawn a fresh node, import, create the client, one chat call, answer printed',
    rows: rowsOf(answers, answerCpu),
    findings: [],
  };
  const nodeFloor = sampleStats(answers.get('node') ?? []).p50Ms;
  importTable.findings.push(comparePal(importTable, 'Importing PAL takes'));
  const [aiSdkCpu, , palCpu] = answerTable.rows.map((row) => row.cpu?.p50Ms ?? Number.NaN) as [
    number,
    number,
    number,
  ];
  answerTable.findings.push(
    comparePal(answerTable, 'From process start to the first answer PAL takes'),
    `In CPU time (steadier on a busy machine) PAL's process uses ${formatDuration(palCpu)} to its answer, ${formatRatio(palCpu / aiSdkCpu)} the AI SDK's ${formatDuration(aiSdkCpu)}.`,
    `A bare node process (no import, no call) reports back in ${formatDuration(nodeFloor)}: that much of each row is Node's own start.`,
  );
  return [importTable, answerTable];
}

/** "<lead> 110 ms (medians), 0.93× the AI SDK's 118 ms and 1.45× the openai SDK's 76 ms alone." */
function comparePal(table: ColdStartTable, lead: string): string {
  const [aiSdk, openai, pal] = table.rows as [ColdStartRow, ColdStartRow, ColdStartRow];
  return `${lead} ${formatDuration(pal.stats.p50Ms)} (medians), ${formatRatio(coldRatio(table, pal))} the AI SDK's ${formatDuration(aiSdk.stats.p50Ms)} and ${formatRatio(pal.stats.p50Ms / openai.stats.p50Ms)} the openai SDK's ${formatDuration(openai.stats.p50Ms)} alone.`;
}
