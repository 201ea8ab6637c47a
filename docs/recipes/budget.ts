/**
 * Recipe: a hard spending budget.
 *
 * `policies.budget` caps spend in USD, globally (`global`) or per provider (`providers.<id>`),
 * per UTC day (`dailyUsd`) and month (`monthlyUsd`). Before each call the budget reserves the
 * call's worst case (the prompt plus `maxOutputTokens`, or the model's output cap when the
 * request gives none, at the catalog price); after it the reservation is settled to what the
 * call actually cost. A call whose worst case does not fit is refused with `BUDGET_EXCEEDED`
 * and never sent. So: give requests a realistic `maxOutputTokens` under a tight budget.
 *
 * `runtime.state.budget()` reads every budget counter: limit, spent (settled + reserved) and
 * the headroom left, one entry per scope and period (`global:day`, `provider:openai:month`…).
 *
 * Run on its own (starts a local OpenAI emulator, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/budget.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime, isPalError } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';

export interface BudgetEnv {
  /** Where an OpenAI-compatible server listens (origin, no path). */
  openaiURL: string;
  print?: (line: string) => void;
}

export async function main({ openaiURL, print = console.log }: BudgetEnv) {
  const pal = createRuntime({
    providers: [openai({ apiKey: 'sk-local', baseURL: `${openaiURL}/v1` })],
    policies: { budget: { global: { dailyUsd: 0.001 } } }, // a tenth of a cent a day
  });
  const messages = [{ role: 'user' as const, content: 'Summarise the plot of Hamlet in one line.' }];
  try {
    // 1. fits: at most 100 output tokens of gpt-5.4-mini ($4.50 per 1M) is $0.00045, under $0.001
    const small = await pal.chat({ model: 'openai/gpt-5.4-mini', messages, maxOutputTokens: 100 });
    print(`sent: ${small.text} ($${small.cost.totalUsd.toFixed(8)})`);

    const afterFirst = await pal.state.budget();
    const day = afterFirst?.scopes.find((s) => s.scope === 'global:day'); // scope ids: global:day, provider:openai:month…
    if (!day) throw new Error('no global daily budget counter');
    print(
      `budget ${day.periodKey}: spent $${day.spentUsd.toFixed(8)} of $${day.limitUsd}, $${day.remainingUsd.toFixed(8)} left`,
    );

    // 2. refused: up to 4000 output tokens of gpt-5.4 ($15 per 1M) could cost $0.06, more than is left
    try {
      await pal.chat({ model: 'openai/gpt-5.4', messages, maxOutputTokens: 4000 });
      throw new Error('the budget let an over-budget call through');
    } catch (error) {
      if (!isPalError(error) || error.code !== 'BUDGET_EXCEEDED') throw error;
      print(`refused (${error.code}, not sent): ${error.message}`);
      const afterRefusal = await pal.state.budget();
      return { small, day, refused: error, afterRefusal };
    }
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const emulator = await startEmulator('openai');
  try {
    await main({ openaiURL: emulator.url });
  } finally {
    await emulator.close();
  }
}
