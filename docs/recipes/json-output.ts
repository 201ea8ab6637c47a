/**
 * Recipe: JSON output with a zod schema.
 *
 * `responseFormat: { type: 'json', schema }` takes a zod schema (or a plain JSON Schema). PAL
 * converts it to JSON Schema for the vendor (OpenAI: `response_format: json_schema`; Anthropic:
 * a forced tool whose input is the schema), then parses the answer and validates it with the zod
 * schema: `result.object` is the schema's output type, checked at run time and at compile time.
 * An answer that is not JSON, or does not match, throws a `PalError` with code
 * `SERIALIZATION_ERROR` and the text in `details` (the call was still made and paid for).
 *
 * Run on its own (starts local vendor emulators, no key needed):
 *   npx -y pnpm@10 --filter @pal/docs recipe recipes/json-output.ts
 */
import { pathToFileURL } from 'node:url';
import { createRuntime } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { startEmulator } from '@pal/testkit';
import { z } from 'zod';

export const CitySchema = z.object({
  city: z.string(),
  country: z.string(),
  population: z.number().int().positive(),
  landmarks: z.array(z.string()).min(1),
});
export type City = z.infer<typeof CitySchema>;

export interface JsonOutputEnv {
  /** Where an OpenAI-compatible server listens (origin, no path). */
  openaiURL: string;
  /** Where an Anthropic-compatible server listens (origin). */
  anthropicURL: string;
  print?: (line: string) => void;
}

export async function main({ openaiURL, anthropicURL, print = console.log }: JsonOutputEnv) {
  const pal = createRuntime({
    providers: [
      openai({ apiKey: 'sk-local', baseURL: `${openaiURL}/v1` }),
      anthropic({ apiKey: 'sk-ant-local', baseURL: anthropicURL }),
    ],
  });
  try {
    const cities: Array<{ model: string; city: City }> = [];
    for (const model of ['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5']) {
      const result = await pal.chat({
        model,
        messages: [{ role: 'user', content: 'Describe the capital of France.' }],
        responseFormat: { type: 'json', schema: CitySchema, name: 'city' },
      });
      const city: City = result.object; // typed from CitySchema: no cast, no JSON.parse
      print(
        `${model}: ${city.city}, ${city.country}; ${city.population} people; ${city.landmarks.join(', ')}`,
      );
      cities.push({ model, city });
    }
    return cities;
  } finally {
    await pal.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [oai, ant] = await Promise.all([startEmulator('openai'), startEmulator('anthropic')]);
  try {
    await main({ openaiURL: oai.url, anthropicURL: ant.url });
  } finally {
    await Promise.all([oai.close(), ant.close()]);
  }
}
