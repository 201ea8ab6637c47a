import { fileURLToPath } from 'node:url';
import { isPalError, type LoadedConfig, loadConfig } from '@pal/core';

/** Where the gateway's own dependencies (the five provider packages) resolve from. */
export const GATEWAY_MODULES_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * The gateway's config: `file` (relative to `cwd`), else `provider-runtime.config.*` in `cwd`, else
 * an empty one (`notFound` set). Provider packages resolve as code in `cwd` would import them,
 * then, for a package not installed there, from the gateway's own dependencies (which hold PAL's
 * five providers), so `pal serve` works in any directory.
 */
export async function loadGatewayConfig(
  file: string | undefined,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<LoadedConfig> {
  const environment = env as NodeJS.ProcessEnv;
  const loaded = await loadConfig(file, { cwd, env: environment, skipProviders: true });
  if (!loaded.source) return loaded;
  try {
    return await loadConfig(loaded.source, { cwd, env: environment });
  } catch (error) {
    if (!isPackageNotFound(error)) throw error;
    return loadConfig(loaded.source, { cwd: GATEWAY_MODULES_DIR, env: environment });
  }
}

function isPackageNotFound(error: unknown): boolean {
  return isPalError(error) && error.code === 'CONFIG_ERROR' && /is not installed/.test(error.message);
}
