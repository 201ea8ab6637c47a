/**
 * Recipe: a tool round trip.
 *
 * 1. Offer a tool whose `parameters` is a zod schema. PAL sends it to the vendor as JSON Schema.
 * 2. The model answers with `finishReason: 'tool-calls'` and `result.toolCalls`. Each call's
 *    `arguments` is validated by the schema (defaults applied) and typed from it, per tool name:
 *    `call.arguments.city` is a `string` here, with no cast.
 * 3. The app runs the tool, then sends the conversation back with the assistant's message
 *    (`{ role: 'assistant', content: result.content }`, which holds the tool calls) and one
 *    `{ role: 'tool', toolCallId, content }` message per call with the tool's result.
 * 4. The model answers in text, using the result.
 *
 * The loop below is provider-neutral: the same code runs against `openai/…` models.
 * Keep the tool list `as const` (or inline in the call) so the tool names stay literal types.
 *
 * Run on its own (starts a local Anthropic emulator, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/tool-round-trip.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime, type Message } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { startEmulator } from '@pal/testkit';
import { z } from 'zod';

const weatherParameters = z.object({
  city: z.string().describe('City name, e.g. "Paris"'),
  unit: z.enum(['celsius', 'fahrenheit']).default('celsius'),
});
type WeatherArguments = z.output<typeof weatherParameters>;

const tools = [
  { name: 'get_weather', description: 'Current weather for a city', parameters: weatherParameters },
] as const;

/** The tool itself: in a real app, a call to a weather service. */
function getWeather({ city, unit }: WeatherArguments) {
  const celsius = 18;
  return { city, unit, temperature: unit === 'celsius' ? celsius : celsius * 1.8 + 32, sky: 'clear' };
}

export interface ToolRoundTripEnv {
  /** Where an Anthropic-compatible server listens (origin, no /v1). */
  anthropicURL: string;
  print?: (line: string) => void;
}

export async function main({ anthropicURL, print = console.log }: ToolRoundTripEnv) {
  const pal = createRuntime({ providers: [anthropic({ apiKey: 'sk-ant-local', baseURL: anthropicURL })] });
  try {
    const messages: Message[] = [{ role: 'user', content: 'What is the weather in Paris? Use get_weather.' }];
    const calls: Array<{ id: string; arguments: WeatherArguments; output: ReturnType<typeof getWeather> }> =
      [];

    for (let round = 1; round <= 5; round++) {
      const result = await pal.chat({ model: 'anthropic/claude-haiku-4-5', messages, tools });
      if (result.finishReason !== 'tool-calls') {
        print(`answer: ${result.text}`);
        return { answer: result.text, rounds: round, calls };
      }
      // the assistant's turn, tool calls included, goes back first…
      messages.push({ role: 'assistant', content: result.content });
      for (const call of result.toolCalls) {
        // call.name is 'get_weather'; call.arguments is { city: string; unit: 'celsius' | 'fahrenheit' }
        const output = getWeather(call.arguments);
        print(`model called ${call.name}(${JSON.stringify(call.arguments)}) → ${JSON.stringify(output)}`);
        calls.push({ id: call.id, arguments: call.arguments, output });
        // …then one tool message per call, answering it by id
        messages.push({
          role: 'tool',
          toolCallId: call.id,
          name: call.name,
          content: JSON.stringify(output),
        });
      }
    }
    throw new Error('the model kept calling tools for 5 rounds');
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const emulator = await startEmulator('anthropic');
  try {
    await main({ anthropicURL: emulator.url });
  } finally {
    await emulator.close();
  }
}
