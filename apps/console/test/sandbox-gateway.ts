import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildServer,
  type Listening,
  listen,
  type PalServer,
  type SandboxProvider,
  sandboxProviders,
} from '@pal/gateway';

/** The admin token the test's gateway is started with. */
export const ADMIN_TOKEN = 'pal-admin-console-test-0123456789';

/** A sandbox gateway on a free port over a data directory, as `pal serve --sandbox` runs it. */
export interface SandboxGateway {
  url: string;
  dataDir: string;
  server: PalServer;
  emulators: SandboxProvider[];
  /** Stops the gateway (the data directory and the emulators stay, for a restart). */
  stop(): Promise<void>;
}

/** Starts the sandbox gateway over `dataDir` (a new temp directory by default) and the emulators given. */
export async function startSandboxGateway(
  options: { dataDir?: string; emulators?: SandboxProvider[] } = {},
): Promise<SandboxGateway> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pal-console-test-'));
  const emulators = options.emulators ?? (await sandboxProviders({}));
  const server = await buildServer({
    dataDir,
    sandbox: true,
    env: { PAL_LOG_LEVEL: 'silent' },
    providers: emulators.map((p) => p.adapter),
    adminToken: ADMIN_TOKEN,
    ledgerFlushMs: 20,
  });
  const listening: Listening = await listen(server.app, { port: 0, host: '127.0.0.1' });
  return {
    url: listening.url,
    dataDir,
    server,
    emulators,
    async stop() {
      await listening.close({ deadlineMs: 1000 });
      await server.close();
    },
  };
}

/** Stops the emulators and removes the data directory. */
export async function cleanUp(gateway: SandboxGateway): Promise<void> {
  await Promise.all(gateway.emulators.map((p) => p.emulator?.close()));
  rmSync(gateway.dataDir, { recursive: true, force: true });
}
