import type { Command } from 'commander';
import { contextOf } from '../context.js';

interface ModelRow {
  id: string;
  owned_by: string;
  pal?: {
    contextWindow?: number;
    maxOutputTokens?: number;
    pricing?: { inputPerMTok?: number; outputPerMTok?: number };
    capabilities?: Record<string, boolean>;
  };
}

/** `pal models [--provider p]`: the gateway's catalog with prices per 1M tokens. */
export function registerModels(program: Command): void {
  program
    .command('models')
    .description('list the models the gateway can route to, with context window and prices')
    .option('-p, --provider <id>', 'only this provider')
    .action(async (options: { provider?: string }, command: Command) => {
      const { out, gateway } = contextOf(command);
      const { data } = await gateway.v1<{ data: ModelRow[] }>('GET', '/models');
      const rows = data.filter((m) => !options.provider || m.owned_by === options.provider);
      out.result(rows, () =>
        out.table(
          rows.map((m) => ({
            model: m.id,
            context: m.pal?.contextWindow,
            'in $/1M': m.pal?.pricing?.inputPerMTok,
            'out $/1M': m.pal?.pricing?.outputPerMTok,
            can: Object.entries(m.pal?.capabilities ?? {})
              .filter(([, on]) => on)
              .map(([name]) => name)
              .join(','),
          })),
        ),
      );
    });
}
