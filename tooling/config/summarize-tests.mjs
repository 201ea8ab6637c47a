#!/usr/bin/env node
/**
 * Reads a `pnpm test` log on stdin (vitest summaries from every package, through turbo) and
 * prints one closing line: `tests: N passed, N failed, N skipped`.
 */
import { readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const text = stripVTControlCharacters(readFileSync(0, 'utf8'));
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of text.split('\n')) {
  const summary = /\bTests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!summary) continue;
  for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped)/g))
    totals[kind] += Number(count);
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
