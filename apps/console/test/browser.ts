import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the browser test writes its screenshots (gitignored). */
export const OUTPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-output');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Debian's Chromium (`apt-get install chromium`), or `CHROMIUM_PATH`; undefined when none is installed. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Starts headless Chromium through playwright-core (no browser download: the system's build). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // root in CI has no user namespace sandbox; /dev/shm is small in containers
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** Saves a full-page screenshot of what the user sees now as `test-output/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
