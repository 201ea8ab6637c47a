import { type Command, InvalidArgumentError } from 'commander';
import { contextOf } from '../context.js';

/** A gateway key as `/api/keys` lists it (the secret itself only once, on create). */
interface KeyView {
  id: string;
  name: string;
  masked: string;
  key?: string;
  allowedModels?: string[];
  requestsPerMinute?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
  createdAt?: string | number;
  revokedAt?: string | number;
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const number = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return n;
};

/** `pal keys [create|list|revoke]`: the gateway keys callers use. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('create, list or revoke gateway keys');

  keys
    .command('list', { isDefault: true })
    .description('every key, masked')
    .action(async (_options: unknown, command: Command) => {
      const { out, gateway } = contextOf(command);
      const all = await gateway.api<KeyView[]>('GET', '/keys');
      out.result(all, () =>
        out.table(
          all.map((k) => ({
            id: k.id,
            name: k.name,
            key: k.masked,
            models: k.allowedModels?.join(',') ?? 'any',
            'req/min': k.requestsPerMinute,
            'daily $': k.dailyUsd,
            'monthly $': k.monthlyUsd,
            revoked: k.revokedAt ? 'yes' : '',
          })),
        ),
      );
    });

  keys
    .command('create')
    .description('a new key; it is shown once')
    .argument('<name>', 'who or what the key is for')
    .option('--models <list>', 'allowed models, comma-separated (provider/model or provider/*)', list)
    .option('--rpm <n>', 'requests per minute', number)
    .option('--daily-usd <n>', 'daily budget in USD', number)
    .option('--monthly-usd <n>', 'monthly budget in USD', number)
    .action(
      async (
        name: string,
        options: { models?: string[]; rpm?: number; dailyUsd?: number; monthlyUsd?: number },
        command: Command,
      ) => {
        const { out, gateway } = contextOf(command);
        const created = await gateway.api<KeyView>('POST', '/keys', {
          name,
          ...(options.models && { allowedModels: options.models }),
          ...(options.rpm !== undefined && { requestsPerMinute: options.rpm }),
          ...(options.dailyUsd !== undefined && { dailyUsd: options.dailyUsd }),
          ...(options.monthlyUsd !== undefined && { monthlyUsd: options.monthlyUsd }),
        });
        out.result(created, () => {
          out.line(`${out.style('green', '✓')} key ${created.id} for ${created.name}:`);
          out.line(`  ${out.style('bold', created.key ?? '')}`);
          out.line(out.style('dim', '  Shown once: store it now. The gateway keeps only its hash.'));
        });
      },
    );

  keys
    .command('revoke')
    .description('revoke a key at once')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { out, gateway } = contextOf(command);
      await gateway.api('DELETE', `/keys/${encodeURIComponent(id)}`);
      out.result({ id, revoked: true }, () => out.line(`${out.style('green', '✓')} revoked ${id}`));
    });
}
