#!/usr/bin/env node
/**
 * Counts the names each entry point of a package exports (values and types), from its sources:
 * `node tooling/config/count-exports.mjs [packages/core]`. Entry points are the package's
 * `exports` map entries that have a `src/<name>.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const dir = resolve(process.argv[2] ?? 'packages/core');
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entries = Object.keys(pkg.exports ?? { '.': {} })
  .filter((subpath) => !subpath.endsWith('.json'))
  .map((subpath) => ({
    subpath,
    file: join(dir, 'src', `${subpath === '.' ? 'index' : subpath.slice(2)}.ts`),
  }))
  .filter((entry) => existsSync(entry.file));
const program = ts.createProgram(
  entries.map((e) => e.file),
  {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    skipLibCheck: true,
  },
);
const checker = program.getTypeChecker();
for (const entry of entries) {
  const source = program.getSourceFile(entry.file);
  const symbol = source && checker.getSymbolAtLocation(source);
  const names = symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : [];
  console.log(`${pkg.name}${entry.subpath === '.' ? '' : entry.subpath.slice(1)}\t${names.length}`);
}
