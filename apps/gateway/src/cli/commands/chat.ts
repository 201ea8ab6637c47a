import type { ErrorCode } from '@pal/core';
import { parseSSE } from '@pal/core/http';
import type { Command } from 'commander';
import { actionText } from '../actions.js';
import { contextOf } from '../context.js';
import { CliError } from '../gateway-client.js';
import { startSpinner } from '../spinner.js';

interface Completion {
  choices: Array<{ message?: { content?: string | null }; delta?: { content?: string | null } }>;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** `pal chat "…" [--model p/m] [--stream] [--hint cheapest]`: one chat through the gateway. */
export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('send one prompt through the gateway and print the answer')
    .argument('<prompt...>', 'the prompt (words are joined with spaces)')
    .option('-m, --model <ref>', 'provider/model, a bare model id, or auto (the router chooses)', 'auto')
    .option('-s, --stream', 'print the answer as it streams')
    .option('--hint <hint>', 'routing hint: local_preferred, cloud_preferred, best_quality or cheapest')
    .action(
      async (
        words: string[],
        options: { model: string; stream?: boolean; hint?: string },
        command: Command,
      ) => {
        const { out, gateway } = contextOf(command);
        const body = {
          model: options.model,
          messages: [{ role: 'user', content: words.join(' ') }],
          ...(options.hint && { provider_hint: options.hint }),
          ...(options.stream && { stream: true, stream_options: { include_usage: true } }),
        };
        const spinner = out.json ? undefined : startSpinner('waiting for the answer');
        const response = await gateway.v1Raw('/chat/completions', body).finally(() => spinner?.stop());
        const served = {
          provider: response.headers.get('x-pal-provider') ?? undefined,
          model: response.headers.get('x-pal-model') ?? undefined,
          requestId: response.headers.get('x-request-id') ?? undefined,
        };
        let text = '';
        let usage: Completion['usage'];
        let costUsd = Number(response.headers.get('x-pal-cost-usd') ?? Number.NaN);
        if (options.stream && response.body) {
          for await (const event of parseSSE(response.body)) {
            if (event.data === '[DONE]') break;
            const chunk = JSON.parse(event.data) as Completion & {
              pal?: { cost_usd?: string };
              error?: { message?: string; code?: ErrorCode; pal?: { userMessage?: string; action?: string } };
            };
            // a failure after the first token: OpenAI's error frame, and no [DONE]
            if (chunk.error) {
              if (!out.json) out.line();
              throw new CliError(
                chunk.error.pal?.userMessage ?? chunk.error.message ?? 'the stream failed',
                chunk.error.code,
                undefined,
                actionText(chunk.error.pal?.action),
              );
            }
            const delta = chunk.choices[0]?.delta?.content ?? '';
            text += delta;
            if (!out.json) out.stdout.write(delta);
            if (chunk.usage) usage = chunk.usage;
            // the usage chunk's `pal` field: decimal USD as a string, or "unpriced"
            if (chunk.pal?.cost_usd !== undefined) costUsd = Number(chunk.pal.cost_usd);
          }
          if (!out.json) out.line();
        } else {
          const completion = (await response.json()) as Completion;
          text = completion.choices[0]?.message?.content ?? '';
          usage = completion.usage;
          if (!out.json) out.line(text);
        }
        const summary = { ...served, text, usage, ...(Number.isFinite(costUsd) && { costUsd }) };
        out.result(summary, () => {
          const cost = Number.isFinite(costUsd) ? ` · $${costUsd.toFixed(6)}` : '';
          const tokens = usage ? ` · ${usage.prompt_tokens} in / ${usage.completion_tokens} out` : '';
          out.line(out.style('dim', `${served.provider ?? '?'}/${served.model ?? '?'}${tokens}${cost}`));
        });
      },
    );
}
