#!/usr/bin/env node
/**
 * Shows that a clone of the repository works on its own: `git clone --depth 1` of the committed
 * HEAD into a new temp dir (nothing beside it, no `shared/` folder above it), then the README's
 * test command (`npx -y pnpm@10 install && npx -y pnpm@10 test`, read from the clone's README)
 * run there. Prints how long each part took and exits with the test command's status. The
 * clone is removed afterwards unless the run failed or PAL_KEEP_CLONE=1.
 *
 *   node tooling/config/check-clone.mjs        (or: pnpm check:clone)
 *
 * Uncommitted changes are not part of the clone: commit first to check them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: here,
  encoding: 'utf8',
}).trim();
const started = Date.now();
const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

/** The README's "install and run every test" command: the line of its first `sh` block that says so. */
export function readmeTestCommand(readme) {
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const line = block.split('\n').find((l) => /#\s*install and run every test/.test(l));
  if (!line) throw new Error('README.md has no "install and run every test" command in its first sh block');
  return line.slice(0, line.indexOf('#')).trim();
}

/** Every directory from `dir` up to the filesystem root that has a `shared` folder in it. */
function sharedFoldersAbove(dir) {
  const found = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (existsSync(join(d, 'shared'))) found.push(join(d, 'shared'));
    if (dirname(d) === d) return found;
  }
}

/** The environment of the clone's run: ours, minus what would point it back at this checkout. */
function cloneEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(npm_package_|npm_lifecycle_|PNPM_SCRIPT_SRC_DIR$|INIT_CWD$|npm_config_user_agent$)/.test(key))
      delete env[key];
  }
  // the overrides the tests and the catalog generator honour must not reach outside the clone
  delete env.PAL_FIXTURES_DIR;
  delete env.PAL_PRICES_JSON;
  return env;
}

function main() {
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();
  if (dirty) console.log(`note: uncommitted changes in ${repoRoot} are not part of the clone (HEAD ${head})`);

  const work = realpathSync(mkdtempSync(join(tmpdir(), 'pal-clone-')));
  const clone = join(work, 'pal');
  let ok = false;
  try {
    let t = Date.now();
    execFileSync('git', ['clone', '--quiet', '--depth', '1', pathToFileURL(repoRoot).href, clone], {
      stdio: 'inherit',
    });
    console.log(`cloned ${head} into ${clone} (${seconds(t)})`);

    const shared = sharedFoldersAbove(clone);
    if (shared.length > 0) {
      console.error(`a shared/ folder is reachable from the clone: ${shared.join(', ')}`);
      process.exitCode = 1;
      return;
    }
    console.log(`no shared/ folder beside or above the clone`);

    const command = readmeTestCommand(readFileSync(join(clone, 'README.md'), 'utf8'));
    console.log(`running the README's test command in the clone: ${command}`);
    t = Date.now();
    const run = spawnSync('sh', ['-c', command], { cwd: clone, env: cloneEnv(), stdio: 'inherit' });
    const status = run.status ?? 1;
    console.log(
      `clone check: "${command}" ${status === 0 ? 'passed' : `failed (exit ${status})`} in ${seconds(t)}; ` +
        `${seconds(started)} in all`,
    );
    ok = status === 0;
    process.exitCode = status;
  } finally {
    if (ok && process.env.PAL_KEEP_CLONE !== '1') rmSync(work, { recursive: true, force: true });
    else console.log(`the clone is kept in ${clone}`);
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
