import {
  type FunctionDeclaration,
  GoogleGenerativeAI,
  GoogleGenerativeAIFetchError,
  type ModelParams,
  SchemaType,
} from '@google/generative-ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath, listFixtures } from '../emulator/fixtures.js';
import { type Emulator, startEmulator } from '../emulator/server.js';
import type { ErrorKind } from '../emulator/types.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator('gemini');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function model(params: Partial<ModelParams> = {}, key = 'test-key') {
  return new GoogleGenerativeAI(key).getGenerativeModel(
    { model: 'gemini-2.5-flash', ...params },
    { baseUrl: emu.url },
  );
}

async function fetchError(promise: Promise<unknown>): Promise<GoogleGenerativeAIFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoogleGenerativeAIFetchError);
  return error as GoogleGenerativeAIFetchError;
}

const weather: FunctionDeclaration = {
  name: 'get_weather',
  description: 'Current weather',
  parameters: {
    type: SchemaType.OBJECT,
    properties: { city: { type: SchemaType.STRING } },
    required: ['city'],
  },
};

describe('gemini emulator: generateContent through @google/generative-ai', () => {
  it('answers text with usageMetadata and records the request the SDK sent', async () => {
    const { response } = await model({ systemInstruction: 'Be brief.' }).generateContent('Hello there');
    expect(response.text()).toBe('Echo: Hello there');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    const usage = response.usageMetadata!;
    expect(usage.promptTokenCount).toBeGreaterThan(0);
    expect(usage.totalTokenCount).toBe(usage.promptTokenCount + usage.candidatesTokenCount);
    const req = emu.lastRequest()!;
    expect(req.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(req.headers['x-goog-api-key']).not.toBe('test-key');
    expect((req.body as any).systemInstruction.parts[0].text).toBe('Be brief.');
  });

  it('accepts the key as ?key= on the REST API and refuses a call without any key with 403', async () => {
    const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const withQuery = await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent?key=abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(withQuery.status).toBe(200);
    const noKey = await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      body,
    });
    expect(noKey.status).toBe(403);
    expect(((await noKey.json()) as any).error.status).toBe('PERMISSION_DENIED');
  });

  it('uses a scripted answer and usage', async () => {
    emu.script({
      text: 'Scripted.',
      usage: { inputTokens: 11, outputTokens: 7, cachedInputTokens: 3, reasoningTokens: 2 },
    });
    const { response } = await model().generateContent('anything');
    expect(response.text()).toBe('Scripted.');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 11,
      candidatesTokenCount: 5,
      totalTokenCount: 18,
      cachedContentTokenCount: 3,
    });
    expect((response.usageMetadata as any).thoughtsTokenCount).toBe(2);
  });

  it('returns a whole functionCall part when a tool is asked for, then text after the functionResponse', async () => {
    const m = model({ tools: [{ functionDeclarations: [weather] }] });
    const first = await m.generateContent('Use get_weather for Paris');
    const calls = first.response.functionCalls()!;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.name).toBe('get_weather');
    expect(typeof (calls[0]!.args as any).city).toBe('string');
    expect(first.response.candidates?.[0]?.finishReason).toBe('STOP');

    const second = await m.generateContent({
      contents: [
        { role: 'user', parts: [{ text: 'Use get_weather for Paris' }] },
        { role: 'model', parts: [{ functionCall: calls[0]! }] },
        { role: 'function', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
      ],
    });
    expect(second.response.functionCalls()).toBeUndefined();
    expect(second.response.text()).toContain('21');
  });

  it('forces a call to an allowed function with toolConfig mode ANY and calls none with NONE', async () => {
    const other: FunctionDeclaration = { name: 'get_time', description: 'time' };
    const tools = [{ functionDeclarations: [weather, other] }];
    const any = model({
      tools,
      toolConfig: { functionCallingConfig: { mode: 'ANY' as any, allowedFunctionNames: ['get_time'] } },
    });
    const forced = await any.generateContent('Say hello');
    expect(forced.response.functionCalls()?.[0]?.name).toBe('get_time');
    const none = model({ tools, toolConfig: { functionCallingConfig: { mode: 'NONE' as any } } });
    const plain = await none.generateContent('Use get_weather for Paris');
    expect(plain.response.functionCalls()).toBeUndefined();
  });

  it('answers JSON valid against responseSchema (OpenAPI subset, upper-case types)', async () => {
    const { response } = await model({
      generationConfig: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: SchemaType.OBJECT,
          properties: {
            name: { type: SchemaType.STRING },
            age: { type: SchemaType.INTEGER },
            tags: { type: SchemaType.ARRAY, items: { type: SchemaType.STRING } },
          },
          required: ['name', 'age', 'tags'],
        },
      },
    }).generateContent('A person');
    const value = JSON.parse(response.text());
    expect(typeof value.name).toBe('string');
    expect(Number.isInteger(value.age)).toBe(true);
    expect(Array.isArray(value.tags)).toBe(true);
  });

  it('honours maxOutputTokens (MAX_TOKENS) and stopSequences', async () => {
    emu.script({ text: 'one two three four five six seven eight nine ten eleven twelve' });
    const short = await model({ generationConfig: { maxOutputTokens: 2 } }).generateContent('count');
    expect(short.response.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    expect(short.response.text()).toBe('one two ');
    expect(short.response.usageMetadata?.candidatesTokenCount).toBe(2);
    emu.script({ text: 'alpha. beta. END gamma' });
    const stopped = await model({ generationConfig: { stopSequences: ['END'] } }).generateContent('go');
    expect(stopped.response.text()).toBe('alpha. beta. ');
    expect(stopped.response.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('counts inline images in the prompt tokens and passes thinkingConfig through untouched', async () => {
    const png = Buffer.from('fake-png').toString('base64');
    const plain = await model().generateContent('Describe');
    const withImage = await model({
      generationConfig: { thinkingConfig: { thinkingBudget: 128 } } as any,
    }).generateContent([{ text: 'Describe' }, { inlineData: { mimeType: 'image/png', data: png } }]);
    expect(withImage.response.usageMetadata!.promptTokenCount).toBeGreaterThan(
      plain.response.usageMetadata!.promptTokenCount + 80,
    );
    expect((emu.lastRequest()!.body as any).generationConfig.thinkingConfig).toEqual({ thinkingBudget: 128 });
  });

  it('returns thought parts and thoughtsTokenCount for scripted reasoning', async () => {
    emu.script({ text: 'Answer.', reasoning: 'Thinking it over.' });
    const { response } = await model().generateContent('q');
    const parts = response.candidates![0]!.content.parts as any[];
    expect(parts[0]).toEqual({ text: 'Thinking it over.', thought: true });
    expect((response.usageMetadata as any).thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('rejects an unknown model with 404 NOT_FOUND worded as the API words it', async () => {
    const m = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'no-such-model' },
      { baseUrl: emu.url },
    );
    const error = await fetchError(m.generateContent('hi'));
    expect(error.status).toBe(404);
    expect(error.message).toContain('models/no-such-model is not found for API version v1beta');
  });

  it('rejects an empty contents list with 400 INVALID_ARGUMENT', async () => {
    const error = await fetchError(model().generateContent({ contents: [] }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('contents is not specified');
  });
});

describe('gemini emulator: streamGenerateContent', () => {
  it('streams text chunks whose usage grows to the final figures, finishReason on the last', async () => {
    emu.script({ text: 'The weather is sunny today.', chunks: 3 });
    const result = await model().generateContentStream('Weather?');
    const texts: string[] = [];
    const finishes: Array<string | undefined> = [];
    const outputs: number[] = [];
    for await (const chunk of result.stream) {
      texts.push(chunk.text());
      finishes.push(chunk.candidates?.[0]?.finishReason);
      outputs.push(chunk.usageMetadata?.candidatesTokenCount ?? 0);
    }
    expect(texts.join('')).toBe('The weather is sunny today.');
    expect(texts.length).toBe(3);
    expect(finishes).toEqual([undefined, undefined, 'STOP']);
    expect([...outputs].sort((a, b) => a - b)).toEqual(outputs);
    const aggregated = await result.response;
    expect(aggregated.usageMetadata?.candidatesTokenCount).toBe(outputs[outputs.length - 1]);
    expect(emu.lastRequest()!.query.alt).toBe('sse');
  });

  it('writes strict SSE: only `data: <one-line json>` + CRLF CRLF, no event lines or comments', async () => {
    emu.script({ text: 'a b c d', chunks: 2 });
    const res = await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const raw = await res.text();
    const events = raw.split('\r\n\r\n');
    expect(events.pop()).toBe('');
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatch(/^data: \{.*\}$/);
      expect(event).not.toContain('\n');
    }
  });

  it('streams a function call whole in one chunk', async () => {
    const result = await model({ tools: [{ functionDeclarations: [weather] }] }).generateContentStream(
      'use get_weather in Rome',
    );
    const calls: unknown[] = [];
    for await (const chunk of result.stream) calls.push(...(chunk.functionCalls() ?? []));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', args: { city: expect.any(String) } });
  });

  it('stream-error: sends one `{"error":…}` event and closes; the old SDK yields it as an empty chunk', async () => {
    emu.script({
      text: 'one two three',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'server', afterChunks: 1 },
    });
    const result = await model().generateContentStream('x');
    const chunks: any[] = [];
    for await (const chunk of result.stream) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    expect(chunks[1].error).toMatchObject({ code: 500, status: 'INTERNAL' });
    expect(chunks[1].text()).toBe('');
  });

  it('malformed: a cut JSON frame makes the SDK throw "Error parsing JSON response"', async () => {
    emu.script({ text: 'one two three', chunks: 3, fault: { type: 'malformed', afterChunks: 1 } });
    const result = await model().generateContentStream('x');
    result.response.catch(() => undefined);
    const read = async () => {
      for await (const _ of result.stream) {
        /* drain */
      }
    };
    await expect(read()).rejects.toThrow(/Error parsing JSON response/);
  });

  it('content_filter stream-error ends with a SAFETY candidate, which the SDK refuses to read as text', async () => {
    emu.script({
      text: 'one two',
      chunks: 2,
      fault: { type: 'stream-error', kind: 'content_filter', afterChunks: 1 },
    });
    const result = await model().generateContentStream('x');
    const finishes: Array<string | undefined> = [];
    for await (const chunk of result.stream) finishes.push(chunk.candidates?.[0]?.finishReason);
    expect(finishes).toEqual([undefined, 'SAFETY']);
    await expect(result.response.then((r) => r.text())).rejects.toThrow(/SAFETY/);
  });
});

describe('gemini emulator: embeddings, countTokens and models', () => {
  it('embedContent returns one 768-dim unit vector for text-embedding-004', async () => {
    const m = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'text-embedding-004' },
      { baseUrl: emu.url },
    );
    const { embedding } = await m.embedContent('hello');
    expect(embedding.values).toHaveLength(768);
    expect(Math.hypot(...embedding.values)).toBeCloseTo(1, 5);
    const again = await m.embedContent('hello');
    expect(again.embedding.values).toEqual(embedding.values);
  });

  it('batchEmbedContents returns one vector per request and refuses more than 100', async () => {
    const m = new GoogleGenerativeAI('k').getGenerativeModel(
      { model: 'gemini-embedding-001' },
      { baseUrl: emu.url },
    );
    const request = (text: string) => ({
      content: { role: 'user', parts: [{ text }] },
      outputDimensionality: 8,
    });
    const { embeddings } = await m.batchEmbedContents({ requests: [request('a'), request('b')] });
    expect(embeddings.map((e) => e.values.length)).toEqual([8, 8]);
    expect(embeddings[0]!.values).not.toEqual(embeddings[1]!.values);
    const error = await fetchError(
      m.batchEmbedContents({ requests: Array.from({ length: 101 }, (_, i) => request(`t${i}`)) }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('at most 100 requests');
  });

  it('countTokens counts the generateContentRequest the SDK wraps the prompt in', async () => {
    const { totalTokens } = await model().countTokens('twelve chars');
    expect(totalTokens).toBe(3);
    expect(emu.lastRequest()!.body).toMatchObject({
      generateContentRequest: { model: 'models/gemini-2.5-flash' },
    });
  });

  it('lists models with pagination and serves one model or 404', async () => {
    const headers = { 'x-goog-api-key': 'k' };
    const page1 = (await (await fetch(`${emu.url}/v1beta/models?pageSize=4`, { headers })).json()) as any;
    expect(page1.models).toHaveLength(4);
    const page2 = (await (
      await fetch(`${emu.url}/v1beta/models?pageSize=4&pageToken=${page1.nextPageToken}`, { headers })
    ).json()) as any;
    const names = [...page1.models, ...page2.models].map((m: any) => m.name);
    expect(names).toContain('models/gemini-2.5-flash');
    expect(names).toContain('models/gemini-embedding-001');
    expect(page2.nextPageToken).toBeUndefined();
    const one = await fetch(`${emu.url}/v1beta/models/gemini-2.5-pro`, { headers });
    expect(((await one.json()) as any).inputTokenLimit).toBe(1_048_576);
    expect((await fetch(`${emu.url}/v1beta/models/nope`, { headers })).status).toBe(404);
  });
});

describe('gemini emulator: Gemini 3 thought signatures', () => {
  const tools = [{ functionDeclarations: [weather] }];
  const g3 = () => model({ model: 'gemini-3-pro-preview', tools });

  it('signs the first function call of a response, chat and stream', async () => {
    emu.script(
      {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Rome' } },
        ],
      },
      { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    );
    const { response } = await g3().generateContent('weather?');
    const parts = response.candidates![0]!.content.parts as any[];
    expect(parts).toHaveLength(2);
    expect(parts[0].thoughtSignature).toEqual(expect.any(String));
    expect(parts[1].thoughtSignature).toBeUndefined();
    const result = await g3().generateContentStream('weather?');
    const streamed: any[] = [];
    for await (const chunk of result.stream) streamed.push(...(chunk.candidates?.[0]?.content.parts ?? []));
    expect(streamed.find((p) => p.functionCall)?.thoughtSignature).toEqual(expect.any(String));
  });

  it('signs the last text part of a plain answer; Gemini 2.5 signs nothing', async () => {
    const { response } = await model({ model: 'gemini-3-pro-preview' }).generateContent('Hi');
    expect((response.candidates![0]!.content.parts.at(-1) as any).thoughtSignature).toEqual(
      expect.any(String),
    );
    emu.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const older = await model({ tools }).generateContent('weather?');
    expect(JSON.stringify(older.response)).not.toContain('thoughtSignature');
  });

  const call = { functionCall: { name: 'get_weather', args: { city: 'Paris' } } };
  const answer = { functionResponse: { name: 'get_weather', response: { temp: 21 } } };
  const followUp = (modelPart: Record<string, unknown>, before: any[] = []) => ({
    contents: [
      ...before,
      { role: 'user', parts: [{ text: 'weather?' }] },
      { role: 'model', parts: [modelPart] },
      { role: 'user', parts: [answer] },
    ],
  });

  it('refuses a follow-up that replays the call without its signature, with the API message', async () => {
    const error = await fetchError(g3().generateContent(followUp(call) as any));
    expect(error.status).toBe(400);
    expect(error.message).toContain(
      'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly',
    );
    expect(error.message).toContain('function call `default_api:get_weather` , position 2.');
  });

  it('answers the follow-up that sends the signature back, and checks only the current turn', async () => {
    const signed = await g3().generateContent(followUp({ ...call, thoughtSignature: 'sig' }) as any);
    expect(signed.response.text()).toContain('21');
    // an unsigned call in an earlier turn (before the latest user prompt) is not checked
    const earlier = [
      { role: 'user', parts: [{ text: 'first' }] },
      { role: 'model', parts: [call] },
      { role: 'user', parts: [answer] },
      { role: 'model', parts: [{ text: 'It is 21.' }] },
    ];
    const later = followUp({ ...call, thoughtSignature: 'sig' }, earlier);
    await expect(g3().generateContent(later as any)).resolves.toBeDefined();
    // Gemini 2.5 never asks for signatures
    await expect(model({ tools }).generateContent(followUp(call) as any)).resolves.toBeDefined();
  });

  it('refuses a thinkingConfig with both a budget and a level', async () => {
    const both = model({
      model: 'gemini-3-pro-preview',
      generationConfig: { thinkingConfig: { thinkingBudget: 128, thinkingLevel: 'low' } } as any,
    });
    const error = await fetchError(both.generateContent('hi'));
    expect(error.status).toBe(400);
    expect(error.message).toContain('You can only set only one of thinking budget and thinking level.');
  });
});

describe('gemini emulator: errors as the SDK sees them', () => {
  it('a bad key gets 400 INVALID_ARGUMENT with reason API_KEY_INVALID (not 401)', async () => {
    const error = await fetchError(model({}, 'bad-key').generateContent('hi'));
    expect(error.status).toBe(400);
    expect(error.message).toContain('API key not valid');
    expect(error.errorDetails?.[0]).toMatchObject({ reason: 'API_KEY_INVALID' });
  });

  it('rate_limit: 429 RESOURCE_EXHAUSTED with a RetryInfo retryDelay in errorDetails', async () => {
    emu.script({ fault: { type: 'error', kind: 'rate_limit' } });
    const error = await fetchError(model().generateContent('hi'));
    expect(error.status).toBe(429);
    const retry = error.errorDetails?.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo');
    expect(retry).toMatchObject({ retryDelay: '2s' });
    expect(emu.requests).toHaveLength(1);
  });

  it('a scripted retry-after becomes the RetryInfo retryDelay (Gemini has no Retry-After header)', async () => {
    emu.script({ fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '7' } } });
    const error = await fetchError(model().generateContent('hi'));
    expect(JSON.stringify(error.errorDetails)).toContain('"retryDelay":"7s"');
  });

  it("scripted details replace the kind's: a 429 with RetryInfo alone, or none at all", async () => {
    const retryOnly = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.05s' }];
    emu.script(
      { fault: { type: 'error', kind: 'rate_limit', details: retryOnly } },
      { fault: { type: 'error', kind: 'rate_limit', details: [] } },
    );
    const only = await fetchError(model().generateContent('hi'));
    expect(only.status).toBe(429);
    expect(only.message).toContain('Resource has been exhausted (e.g. check quota).');
    expect(only.errorDetails).toEqual(retryOnly);
    const none = await fetchError(model().generateContent('hi'));
    expect(none.errorDetails).toBeUndefined();
  });

  const cases: Array<[ErrorKind, number, string, RegExp]> = [
    ['auth', 400, 'INVALID_ARGUMENT', /API key not valid/],
    ['permission', 403, 'PERMISSION_DENIED', /permission/],
    ['not_found', 404, 'NOT_FOUND', /is not found for API version v1beta/],
    ['invalid', 400, 'INVALID_ARGUMENT', /invalid argument/],
    [
      'context_length',
      400,
      'INVALID_ARGUMENT',
      /The input token count \(\d+\) exceeds the maximum number of tokens allowed/,
    ],
    ['rate_limit', 429, 'RESOURCE_EXHAUSTED', /Resource has been exhausted/],
    ['quota', 429, 'RESOURCE_EXHAUSTED', /exceeded your current quota.*billing/],
    ['server', 500, 'INTERNAL', /internal error/],
    ['unavailable', 503, 'UNAVAILABLE', /unavailable/],
    ['overloaded', 503, 'UNAVAILABLE', /The model is overloaded/],
  ];
  it.each(cases)('%s → %i %s in Google RPC shape', async (kind, status, rpcStatus, message) => {
    emu.script({ fault: { type: 'error', kind } });
    const res = await fetch(`${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }),
    });
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(body.error).toMatchObject({ code: status, status: rpcStatus });
    expect(body.error.message).toMatch(message);
  });

  it('quota carries a per-day QuotaFailure and no RetryInfo', async () => {
    emu.script({ fault: { type: 'error', kind: 'quota' } });
    const error = await fetchError(model().generateContent('hi'));
    const types = error.errorDetails?.map((d) => d['@type']);
    expect(types).toContain('type.googleapis.com/google.rpc.QuotaFailure');
    expect(types).not.toContain('type.googleapis.com/google.rpc.RetryInfo');
    expect(JSON.stringify(error.errorDetails)).toContain('PerDay');
  });

  it('content_filter is a 200 with promptFeedback.blockReason SAFETY and no candidates', async () => {
    emu.script({ fault: { type: 'error', kind: 'content_filter' } });
    const { response } = await model().generateContent('something bad');
    expect(response.candidates).toBeUndefined();
    expect(response.promptFeedback?.blockReason).toBe('SAFETY');
    expect(() => response.text()).toThrow(/blocked due to SAFETY/);
  });

  it('content_filter on a stream call is the same block as one SSE event', async () => {
    emu.script({ fault: { type: 'error', kind: 'content_filter' } });
    const result = await model().generateContentStream('something bad');
    const chunks: any[] = [];
    for await (const chunk of result.stream) chunks.push(chunk);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].promptFeedback.blockReason).toBe('SAFETY');
  });
});

describe('gemini emulator: every recorded google fixture replays through the SDK', () => {
  it('knows the fixtures this suite covers', () => {
    expect(listFixtures('gemini')).toEqual([
      'google-429-retry-info.json',
      'google-text.chunks.txt',
      'google-text.json',
      'google-tool-call.chunks.txt',
      'google-tool-call.json',
    ]);
  });

  it('google-text.chunks.txt streams as recorded', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-text.chunks.txt'));
    const result = await model({ model: 'gemini-3-pro-preview' }).generateContentStream(
      'How many r in strawberry?',
    );
    let text = '';
    for await (const chunk of result.stream) text += chunk.text();
    expect(text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    const final = await result.response;
    expect(final.usageMetadata).toMatchObject({
      promptTokenCount: 9,
      candidatesTokenCount: 23,
      totalTokenCount: 217,
    });
    expect(final.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('google-text.json answers generateContent as recorded', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-text.json'));
    const { response } = await model().generateContent('q');
    expect(response.text()).toBe(
      "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
    );
    expect((response.usageMetadata as any).thoughtsTokenCount).toBe(244);
  });

  it('google-tool-call.chunks.txt streams a whole functionCall', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-tool-call.chunks.txt'));
    const result = await model().generateContentStream('weather?');
    const calls: unknown[] = [];
    for await (const chunk of result.stream) calls.push(...(chunk.functionCalls() ?? []));
    expect(calls).toEqual([{ name: 'weather', args: { location: 'San Francisco' } }]);
  });

  it('google-tool-call.json answers generateContent with the recorded functionCall', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-tool-call.json'));
    const { response } = await model().generateContent('weather?');
    expect(response.functionCalls()).toEqual([{ name: 'weather', args: { location: 'San Francisco' } }]);
  });

  it('google-429-retry-info.json is a 429 whose RetryInfo reaches errorDetails', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-429-retry-info.json'));
    const error = await fetchError(model().generateContent('q'));
    expect(error.status).toBe(429);
    expect(error.errorDetails).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '34.4s',
    });
  });

  it('a chunks fixture asked for without streaming is folded into one response', async () => {
    emu.replayFixture(fixturePath('gemini', 'google-text.chunks.txt'));
    const { response } = await model().generateContent('q');
    expect(response.text()).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(response.usageMetadata?.candidatesTokenCount).toBe(23);
  });
});
