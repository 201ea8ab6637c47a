import type { Command } from 'commander';
import { actionText } from '../actions.js';
import { contextOf } from '../context.js';
import { readSecret } from '../read-secret.js';
import { startSpinner } from '../spinner.js';

/** A provider as `/api/providers` lists it (credentials masked). */
interface ProviderView {
  id: string;
  displayName?: string;
  enabled: boolean;
  package?: string;
  endpoint?: string;
  maskedKey?: string;
  lastValidatedAt?: string | number;
}

interface TestResult {
  ok: boolean;
  error?: { code?: string; userMessage?: string; message?: string; action?: string };
}

/** `pal providers [list|add|test|enable|disable|remove]`: the providers the gateway's store holds. */
export function registerProviders(program: Command): void {
  const providers = program
    .command('providers')
    .description('list, add, test, enable, disable or remove providers');

  providers
    .command('list', { isDefault: true })
    .description('the providers the gateway knows, keys masked')
    .action(async (_options: unknown, command: Command) => {
      const { out, gateway } = contextOf(command);
      const list = await gateway.api<ProviderView[]>('GET', '/providers');
      out.result(list, () =>
        out.table(
          list.map((p) => ({
            id: p.id,
            enabled: p.enabled ? 'yes' : 'no',
            key: p.maskedKey ?? '',
            endpoint: p.endpoint ?? '',
            validated: p.lastValidatedAt ? new Date(p.lastValidatedAt).toISOString() : 'never',
          })),
        ),
      );
    });

  providers
    .command('add')
    .description('connect a provider; its key is read without echo (or from stdin)')
    .argument('<id>', 'provider id, e.g. openai, anthropic, or a name for an OpenAI-compatible host')
    .option('--package <name>', 'provider package (default: @pal/provider-<id>)')
    .option('--factory <name>', 'factory export of the package')
    .option('--base-url <url>', 'endpoint (OpenAI-compatible hosts, proxies)')
    .option('--no-key', 'the provider needs no key (e.g. a local Ollama)')
    .action(
      async (
        id: string,
        options: { package?: string; factory?: string; baseUrl?: string; key: boolean },
        command: Command,
      ) => {
        const { out, gateway } = contextOf(command);
        const apiKey = options.key ? await readSecret(`API key for ${id}:`) : undefined;
        const saved = await gateway.api<ProviderView>('POST', '/providers', {
          id,
          ...(options.package && { package: options.package }),
          ...(options.factory && { factory: options.factory }),
          ...(options.baseUrl && { baseURL: options.baseUrl }),
          ...(apiKey && { apiKey }),
        });
        out.result(saved, () =>
          out.line(`${out.style('green', '✓')} saved ${saved.id} (${saved.maskedKey ?? 'no key'})`),
        );
      },
    );

  providers
    .command('test')
    .description('Test Connection: the provider’s cheapest authenticated call')
    .argument('<id>')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { out, gateway } = contextOf(command);
      const spinner = out.json ? undefined : startSpinner(`testing ${id}`);
      const result = await gateway
        .api<TestResult>('POST', `/providers/${encodeURIComponent(id)}/test`)
        .finally(() => spinner?.stop());
      out.result(result, () => {
        if (result.ok) out.line(`${out.style('green', '✓')} ${id} answered`);
        else
          out.error(
            result.error?.userMessage ?? result.error?.message ?? 'the test failed',
            actionText(result.error?.action),
          );
      });
      if (!result.ok) process.exitCode = 4;
    });

  for (const [name, description] of [
    ['enable', 'route calls to the provider again'],
    ['disable', 'stop routing calls to the provider (kept in the store)'],
    ['remove', 'remove the provider and its key from the store'],
  ] as const) {
    providers
      .command(name)
      .description(description)
      .argument('<id>')
      .action(async (id: string, _options: unknown, command: Command) => {
        const { out, gateway } = contextOf(command);
        const path = `/providers/${encodeURIComponent(id)}`;
        if (name === 'remove') await gateway.api('DELETE', path);
        else await gateway.api('POST', `${path}/${name}`);
        const done = name === 'remove' ? 'removed' : `${name}d`;
        out.result({ id, done }, () => out.line(`${out.style('green', '✓')} ${done} ${id}`));
      });
  }
}
