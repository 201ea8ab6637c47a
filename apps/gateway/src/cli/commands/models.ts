import type { Command } from 'commander';
import { contextOf } from '../context.js';

/** A model as `GET /v1/models` lists it (OpenAI's shape, with PAL's `pal` field). */
interface ModelRow {
  id: string;
  owned_by: string;
  pal?: {
    context_window?: number;
    max_output_tokens?: number;
    pricing_per_mtok_usd?: { input?: number; output?: number };
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
            context: m.pal?.context_window,
            'in $/1M': m.pal?.pricing_per_mtok_usd?.input,
            'out $/1M': m.pal?.pricing_per_mtok_usd?.output,
            can: Object.entries(m.pal?.capabilities ?? {})
              .filter(([, on]) => on)
              .map(([name]) => name)
              .join(','),
          })),
        ),
      );
    });
}
