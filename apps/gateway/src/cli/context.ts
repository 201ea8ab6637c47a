import type { Command } from 'commander';
import { adminTokenFromDataDir } from './admin-token-file.js';
import { GatewayClient } from './gateway-client.js';
import { Output } from './output.js';

/** The global options every command shares. */
export interface GlobalOptions {
  url: string;
  key?: string;
  adminToken?: string;
  json?: boolean;
}

/** What a command runs with: its output and a client for the gateway, from the global options. */
export interface CommandContext {
  out: Output;
  gateway: GatewayClient;
  options: GlobalOptions;
}

/**
 * The context of the command being run (global options are on the root program). Admin commands
 * without a token use the one a local `pal serve` keeps in its data directory.
 */
export function contextOf(command: Command): CommandContext {
  const given = command.optsWithGlobals<GlobalOptions>();
  const adminToken = given.adminToken ?? adminTokenFromDataDir();
  const options: GlobalOptions = { ...given, ...(adminToken && { adminToken }) };
  return {
    options,
    out: new Output({ json: options.json }),
    gateway: new GatewayClient({
      url: options.url,
      ...(options.key && { key: options.key }),
      ...(options.adminToken && { adminToken: options.adminToken }),
    }),
  };
}
