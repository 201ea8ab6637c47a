#!/usr/bin/env node
/**
 * Prints the lines of translation code per provider package: non-blank, non-comment lines
 * of `src/**\/*.ts`, excluding tests, generated catalogs, static catalogs and the index.
 * OpenAI-compatible presets (`presets.ts`) are also counted one by one; `--files` lists every file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const excluded = (file) =>
  /\.test\.ts$|\.test-support\.ts$|\.test-helper\.ts$|\.generated\.ts$|(^|\/)catalog\.ts$|(^|\/)index\.ts$|__fixtures__/.test(
    file,
  );

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Non-blank lines that are not only a comment. */
function codeLines(text) {
  let inBlock = false;
  let count = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) inBlock = true;
      continue;
    }
    count++;
  }
  return count;
}

const rows = [];
for (const pkg of readdirSync(join(root, 'packages'))
  .filter((d) => d.startsWith('provider-'))
  .sort()) {
  const src = join(root, 'packages', pkg, 'src');
  if (!existsSync(src)) continue;
  const files = walk(src).filter((f) => !excluded(relative(src, f)));
  const total = files.reduce((sum, f) => sum + codeLines(readFileSync(f, 'utf8')), 0);
  rows.push([pkg, total, files.length]);
  if (process.argv.includes('--files')) {
    for (const f of files.sort())
      rows.push([`    ${relative(src, f)}`, codeLines(readFileSync(f, 'utf8')), 1]);
  }
  const presets = files.find((f) => f.endsWith('presets.ts'));
  if (presets) {
    const blocks = readFileSync(presets, 'utf8').split(/\n(?=\/\*\*)/);
    for (const block of blocks) {
      const name = /export const (\w+)/.exec(block)?.[1];
      if (name) rows.push([`  preset ${name}()`, codeLines(block), 1]);
    }
  }
}
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'package'.padEnd(width)}  lines  files`);
for (const [name, lines, files] of rows)
  console.log(`${name.padEnd(width)}  ${String(lines).padStart(5)}  ${String(files).padStart(5)}`);
