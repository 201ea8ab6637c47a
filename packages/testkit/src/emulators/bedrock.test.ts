import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandInput,
  type ContentBlock,
  ConverseStreamCommand,
  CountTokensCommand,
  type ConverseStreamOutput,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath, listFixtures } from '../emulator/fixtures.js';
import { type Emulator, startEmulator } from '../emulator/server.js';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const weatherTool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Current weather',
    inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator('bedrock');
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

type Transport = 'http2' | 'http1';
function client(
  transport: Transport = 'http2',
  extra: Partial<BedrockRuntimeClientConfig> = {},
): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...(transport === 'http1' && { requestHandler: new NodeHttpHandler() }),
    ...extra,
  });
}

function ask(text: string, extra: Partial<ConverseCommandInput> = {}): ConverseCommandInput {
  return { modelId: HAIKU, messages: [{ role: 'user', content: [{ text }] }], ...extra };
}

async function collect(
  stream: AsyncIterable<ConverseStreamOutput> | undefined,
): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

function streamedText(events: ConverseStreamOutput[]): string {
  return events.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('');
}

async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('expected the call to fail');
}

describe.each<Transport>(['http2', 'http1'])('Converse over %s', (transport) => {
  it('answers a Converse call and records the percent-decoded model id', async () => {
    const out = await client(transport).send(
      new ConverseCommand(ask('hello there', { system: [{ text: 'Be brief.' }] })),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hello there');
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage?.outputTokens).toBeGreaterThan(0);
    expect(out.usage?.totalTokens).toBe((out.usage?.inputTokens ?? 0) + (out.usage?.outputTokens ?? 0));
    expect(emulator.lastRequest()?.path).toBe(`/model/${HAIKU}/converse`);
    expect(emulator.lastRequest()?.headers['content-type']).toBe('application/json');
  });

  it('streams text deltas, messageStop and metadata usage', async () => {
    emulator.script({ text: 'one two three four', chunks: 4, usage: { inputTokens: 10, outputTokens: 4 } });
    const out = await client(transport).send(new ConverseStreamCommand(ask('count')));
    const events = await collect(out.stream);
    expect(events[0]?.messageStart?.role).toBe('assistant');
    expect(streamedText(events)).toBe('one two three four');
    expect(events.filter((e) => e.contentBlockDelta).length).toBe(4);
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('end_turn');
    expect(events.at(-1)?.metadata?.usage).toEqual({ inputTokens: 10, outputTokens: 4, totalTokens: 14 });
    expect(emulator.lastRequest()?.path).toBe(`/model/${HAIKU}/converse-stream`);
  });
});

describe('tool use', () => {
  it('answers with a toolUse block when the prompt asks for a tool', async () => {
    const out = await client().send(
      new ConverseCommand(ask('use get_weather for Paris', { toolConfig: { tools: [weatherTool] } })),
    );
    const toolUse = out.output?.message?.content?.find((b) => b.toolUse)?.toolUse;
    expect(toolUse?.name).toBe('get_weather');
    expect(toolUse?.toolUseId).toMatch(/^tooluse_/);
    expect(toolUse?.input).toEqual({ city: 'Paris' });
    expect(out.stopReason).toBe('tool_use');
  });

  it('streams a scripted tool call as contentBlockStart + input pieces', async () => {
    emulator.script({ toolCalls: [{ id: 'tooluse_1', name: 'get_weather', arguments: { city: 'Paris' } }] });
    const out = await client('http1').send(
      new ConverseStreamCommand(ask('weather?', { toolConfig: { tools: [weatherTool] } })),
    );
    const events = await collect(out.stream);
    const start = events.find((e) => e.contentBlockStart)?.contentBlockStart;
    expect(start?.start?.toolUse).toEqual({ toolUseId: 'tooluse_1', name: 'get_weather' });
    const pieces = events
      .filter((e) => e.contentBlockDelta?.delta?.toolUse)
      .map((e) => e.contentBlockDelta?.delta?.toolUse?.input);
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'Paris' });
    expect(events.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('calls the forced tool under toolChoice {tool}', async () => {
    const toolConfig = { tools: [weatherTool], toolChoice: { tool: { name: 'get_weather' } } };
    const out = await client().send(new ConverseCommand(ask('hello', { toolConfig })));
    expect(out.output?.message?.content?.find((b) => b.toolUse)?.toolUse?.name).toBe('get_weather');
  });
});

describe('reasoning and cache usage', () => {
  it('streams reasoningContent deltas with a signature and cache token counts', async () => {
    emulator.script({
      reasoning: 'think think',
      text: 'done',
      usage: { inputTokens: 100, cachedInputTokens: 60, outputTokens: 5 },
    });
    const out = await client().send(new ConverseStreamCommand(ask('why?')));
    const events = await collect(out.stream);
    const reasoning = events.map((e) => e.contentBlockDelta?.delta?.reasoningContent?.text ?? '').join('');
    expect(reasoning).toBe('think think');
    expect(events.some((e) => e.contentBlockDelta?.delta?.reasoningContent?.signature)).toBe(true);
    expect(streamedText(events)).toBe('done');
    expect(events.at(-1)?.metadata?.usage).toEqual({
      inputTokens: 40,
      outputTokens: 5,
      totalTokens: 105,
      cacheReadInputTokens: 60,
    });
  });
});

describe('Claude extended thinking', () => {
  const SONNET = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const REDACTED_TRIGGER =
    'ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB';
  const thinking = (budget = 2048) => ({
    modelId: SONNET,
    inferenceConfig: { maxTokens: budget + 1024 },
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } },
  });
  const toolConfig = { tools: [weatherTool] };
  const call = { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } };
  const followUp = (assistant: ContentBlock[]): ConverseCommandInput => ({
    ...thinking(),
    toolConfig,
    messages: [
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: assistant },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: call.toolUseId, content: [{ text: 'sunny' }] } }],
      },
    ],
  });

  it('thinks (signed reasoningText) before answering when thinking is on', async () => {
    const out = await client().send(new ConverseCommand({ ...ask('why?'), ...thinking() }));
    const [reasoning, text] = out.output?.message?.content ?? [];
    expect(reasoning?.reasoningContent?.reasoningText?.text).toBe('Considering: why?');
    expect(reasoning?.reasoningContent?.reasoningText?.signature).toBeTruthy();
    expect(text?.text).toBe('Echo: why?');
  });

  it('answers the redacted-thinking trigger with redactedContent bytes, in Converse and ConverseStream', async () => {
    emulator.script({ text: 'ok' }, { text: 'ok' });
    const input = { ...ask(`${REDACTED_TRIGGER} hello`), ...thinking() };
    const out = await client().send(new ConverseCommand(input));
    const [redacted, text] = out.output?.message?.content ?? [];
    const bytes = redacted?.reasoningContent?.redactedContent;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes?.length).toBeGreaterThan(16);
    expect(redacted?.reasoningContent?.reasoningText).toBeUndefined();
    expect(text?.text).toBe('ok');

    const stream = await collect((await client('http1').send(new ConverseStreamCommand(input))).stream);
    const deltas = stream.flatMap((e) => e.contentBlockDelta ?? []);
    const redactedDeltas = deltas.filter((d) => d.delta?.reasoningContent?.redactedContent);
    expect(redactedDeltas).toHaveLength(1);
    expect(redactedDeltas[0]?.delta?.reasoningContent?.redactedContent).toEqual(bytes);
    expect(redactedDeltas[0]?.contentBlockIndex).toBe(0);
    expect(stream.some((e) => e.contentBlockStop?.contentBlockIndex === 0)).toBe(true);
    expect(streamedText(stream)).toBe('ok');
  });

  it('gives no reasoning without thinking on', async () => {
    const plain = await client().send(new ConverseCommand(ask(`${REDACTED_TRIGGER} hello`)));
    expect(plain.output?.message?.content?.some((b) => b.reasoningContent)).toBe(false);
  });

  it('refuses a tool-result turn whose assistant turn lost its reasoning blocks, as the API does', async () => {
    const error = await rejection(client().send(new ConverseCommand(followUp([{ toolUse: call }]))));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(
      /^The model returned the following errors: messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\./,
    );
    const stream = await rejection(
      client('http1').send(new ConverseStreamCommand(followUp([{ toolUse: call }]))),
    );
    expect(stream.name).toBe('ValidationException');
  });

  it('refuses reasoningText without its signature', async () => {
    const unsigned = followUp([{ reasoningContent: { reasoningText: { text: 'hmm' } } }, { toolUse: call }]);
    const error = await rejection(client().send(new ConverseCommand(unsigned)));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/messages\.1\.content\.0\.thinking\.signature: Field required/);
  });

  it('accepts the tool-result turn with the reasoning blocks sent back, signed or redacted', async () => {
    const signed = await client().send(
      new ConverseCommand(
        followUp([
          { reasoningContent: { reasoningText: { text: 'hmm', signature: 'c2ln' } } },
          { toolUse: call },
        ]),
      ),
    );
    expect(signed.output?.message?.content?.[0]?.text).toBe('Tool result received: sunny');
    const redacted = await client().send(
      new ConverseCommand(
        followUp([{ reasoningContent: { redactedContent: new Uint8Array([1, 2, 3]) } }, { toolUse: call }]),
      ),
    );
    // Claude thinks at the start of its turn only (no interleaved thinking): no new reasoning after a tool result
    expect(redacted.output?.message?.content).toEqual([{ text: 'Tool result received: sunny' }]);
    // the bytes travel base64-encoded in the JSON body
    const sent = emulator.lastRequest()?.body as { messages: Array<{ content: unknown[] }> };
    expect(sent.messages[1]?.content?.[0]).toEqual({ reasoningContent: { redactedContent: 'AQID' } });
  });

  it('refuses thinking with maxTokens not above the budget, a budget below 1024, or a temperature other than 1', async () => {
    const small = await rejection(
      client().send(
        new ConverseCommand({ ...ask('hi'), ...thinking(), inferenceConfig: { maxTokens: 2048 } }),
      ),
    );
    expect(small.message).toMatch(/`max_tokens` must be greater than `thinking\.budget_tokens`/);
    const tiny = await rejection(client().send(new ConverseCommand({ ...ask('hi'), ...thinking(512) })));
    expect(tiny.message).toMatch(/budget_tokens: Input should be greater than or equal to 1024/);
    const input = { ...ask('hi'), ...thinking() };
    const warm = await rejection(
      client().send(
        new ConverseCommand({ ...input, inferenceConfig: { maxTokens: 4096, temperature: 0.5 } }),
      ),
    );
    expect(warm.name).toBe('ValidationException');
    expect(warm.message).toMatch(/`temperature` may only be set to 1 when thinking is enabled/);
    const one = await client().send(
      new ConverseCommand({ ...input, inferenceConfig: { maxTokens: 4096, temperature: 1 } }),
    );
    expect(one.stopReason).toBe('end_turn');
  });
});

describe('Claude adaptive thinking by model generation', () => {
  const SONNET_5 = 'us.anthropic.claude-sonnet-5-v1:0';
  const OPUS_46 = 'us.anthropic.claude-opus-4-6-v1';
  const adaptive = (modelId: string, display?: string, effort = 'high') => ({
    modelId,
    inferenceConfig: { maxTokens: 8192 },
    additionalModelRequestFields: {
      thinking: { type: 'adaptive', ...(display && { display }) },
      output_config: { effort },
    },
  });
  const refused = async (input: ConverseCommandInput) => {
    const error = await rejection(client().send(new ConverseCommand(input)));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    return error.message;
  };

  it('relays the refusal of extended thinking on Claude 4.7+ as a ValidationException', async () => {
    const message = await refused({
      ...ask('hi'),
      modelId: SONNET_5,
      inferenceConfig: { maxTokens: 4096 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
    });
    expect(message).toBe(
      'The model returned the following errors: "thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
    );
  });

  it('refuses budget_tokens beside adaptive thinking, an unknown effort, and sampling on Claude 4.7+', async () => {
    const input = { ...ask('hi'), ...adaptive(SONNET_5, 'summarized') };
    const fields = input.additionalModelRequestFields;
    expect(
      await refused({
        ...input,
        additionalModelRequestFields: { ...fields, thinking: { type: 'adaptive', budget_tokens: 2048 } },
      }),
    ).toMatch(/thinking\.adaptive\.budget_tokens: Extra inputs are not permitted/);
    expect(
      await refused({
        ...input,
        additionalModelRequestFields: { ...fields, output_config: { effort: 'huge' } },
      }),
    ).toMatch(/output_config\.effort: Input should be 'low', 'medium', 'high' or 'max'/);
    expect(await refused({ ...input, inferenceConfig: { maxTokens: 8192, temperature: 1 } })).toMatch(
      /`temperature` is deprecated for this model/,
    );
    expect(await refused({ ...ask('hi'), modelId: SONNET_5, inferenceConfig: { topP: 0.9 } })).toMatch(
      /`top_p` is deprecated for this model/,
    );
    expect(
      await refused({ ...ask('hi'), modelId: SONNET_5, additionalModelRequestFields: { top_k: 5 } }),
    ).toMatch(/`top_k` is deprecated for this model/);
    // before 4.6 adaptive thinking is refused; 4.6 still takes extended thinking
    expect(
      await refused({ ...ask('hi'), ...adaptive('us.anthropic.claude-haiku-4-5-20251001-v1:0') }),
    ).toMatch(/"thinking\.type\.adaptive" is not supported for this model/);
    const enabled = await client().send(
      new ConverseCommand({
        ...ask('hi'),
        modelId: OPUS_46,
        inferenceConfig: { maxTokens: 4096 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      }),
    );
    expect(enabled.stopReason).toBe('end_turn');
  });

  it('omits the reasoning text on Claude 4.7+ unless display is summarized (signature kept), in Converse and ConverseStream', async () => {
    emulator.script(
      { text: 'a', reasoning: 'Hmm.' },
      { text: 'b', reasoning: 'Hmm.' },
      { text: 'c', reasoning: 'Hmm.' },
      { text: 'd', reasoning: 'Hmm.' },
    );
    const reasoningOf = async (input: ConverseCommandInput) =>
      (await client().send(new ConverseCommand(input))).output?.message?.content?.[0]?.reasoningContent
        ?.reasoningText;
    const omitted = await reasoningOf({ ...ask('hi'), ...adaptive(SONNET_5) });
    expect(omitted).toEqual({ text: '', signature: expect.any(String) });
    const summarized = await reasoningOf({ ...ask('hi'), ...adaptive(SONNET_5, 'summarized') });
    expect(summarized).toEqual({ text: 'Hmm.', signature: omitted?.signature });
    // Claude 4.6 summarizes by default
    expect(await reasoningOf({ ...ask('hi'), ...adaptive(OPUS_46) })).toMatchObject({ text: 'Hmm.' });

    const out = await client().send(new ConverseStreamCommand({ ...ask('hi'), ...adaptive(SONNET_5) }));
    const events = await collect(out.stream);
    const reasoning = events.flatMap((e) => {
      const delta = e.contentBlockDelta?.delta?.reasoningContent;
      return delta ? [delta] : [];
    });
    expect(reasoning).toEqual([{ signature: expect.any(String) }]);
  });
});

describe('stream faults', () => {
  it('surfaces a throttlingException frame as a ThrottlingException', async () => {
    emulator.script({
      text: 'a b c',
      chunks: 3,
      fault: { type: 'stream-error', kind: 'rate_limit', afterChunks: 2 },
    });
    const out = await client().send(new ConverseStreamCommand(ask('hi')));
    const seen: ConverseStreamOutput[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of out.stream ?? []) seen.push(event);
      })(),
    );
    expect(seen.length).toBe(2);
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Too many requests, please wait before trying again.');
  });

  it('surfaces an overloaded model as a ModelStreamErrorException with the original status', async () => {
    emulator.script({ fault: { type: 'stream-error', kind: 'overloaded', afterChunks: 1 } });
    const out = await client('http1').send(new ConverseStreamCommand(ask('hi')));
    const error = await rejection(collect(out.stream));
    expect(error.name).toBe('ModelStreamErrorException');
    expect(error.originalStatusCode).toBe(529);
    expect(error.originalMessage).toBe('Overloaded');
  });

  it('surfaces a frame with a corrupted CRC as a checksum error', async () => {
    emulator.script({ fault: { type: 'malformed', afterChunks: 1 } });
    const out = await client().send(new ConverseStreamCommand(ask('hi')));
    const error = await rejection(collect(out.stream));
    expect(error.message).toMatch(/checksum/i);
  });
});

describe('HTTP errors', () => {
  const cases = [
    {
      kind: 'rate_limit',
      name: 'ThrottlingException',
      status: 429,
      message: 'Too many requests, please wait before trying again.',
    },
    { kind: 'quota', name: 'ServiceQuotaExceededException', status: 400 },
    {
      kind: 'not_found',
      name: 'ValidationException',
      status: 400,
      message: 'The provided model identifier is invalid.',
    },
    { kind: 'invalid', name: 'ValidationException', status: 400 },
    {
      kind: 'context_length',
      name: 'ValidationException',
      status: 400,
      message: 'Input is too long for requested model.',
    },
    { kind: 'server', name: 'InternalServerException', status: 500 },
    { kind: 'unavailable', name: 'ServiceUnavailableException', status: 503 },
    { kind: 'overloaded', name: 'ServiceUnavailableException', status: 503 },
    { kind: 'permission', name: 'AccessDeniedException', status: 403 },
    { kind: 'auth', name: 'UnrecognizedClientException', status: 403 },
    { kind: 'content_filter', name: 'ValidationException', status: 400, message: /content filters/ },
  ] as const;
  it.each(cases)('$kind → $status $name', async ({ kind, name, status, ...rest }) => {
    emulator.script({ fault: { type: 'error', kind } });
    const error = await rejection(client().send(new ConverseCommand(ask('hi'))));
    expect(error.name).toBe(name);
    expect(error.$metadata.httpStatusCode).toBe(status);
    if ('message' in rest) expect(error.message).toMatch(rest.message);
    expect(emulator.requests.length).toBe(1);
  });

  it('sends retry-after with a throttling error when the step gives one', async () => {
    emulator.script({ fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after': '7' } } });
    const error = await rejection(client('http1').send(new ConverseStreamCommand(ask('hi'))));
    expect(error.name).toBe('ThrottlingException');
    expect(error.$response?.headers?.['retry-after']).toBe('7');
  });

  it('answers ModelNotReadyException (429) when the fault names it', async () => {
    emulator.script({
      fault: {
        type: 'error',
        kind: 'unavailable',
        headers: { 'x-amzn-errortype': 'ModelNotReadyException' },
      },
    });
    const error = await rejection(client().send(new ConverseCommand(ask('hi'))));
    expect(error.name).toBe('ModelNotReadyException');
    expect(error.$metadata.httpStatusCode).toBe(429);
  });

  it('rejects a malformed model id like Bedrock', async () => {
    const error = await rejection(client().send(new ConverseCommand({ ...ask('hi'), modelId: 'gpt-4o' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('The provided model identifier is invalid.');
  });

  it('accepts a cross-region inference profile id', async () => {
    const out = await client().send(
      new ConverseCommand({ ...ask('hi'), modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }),
    );
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hi');
  });
});

describe('auth', () => {
  it('rejects the bad access key id with UnrecognizedClientException', async () => {
    const bad = client('http2', { credentials: { accessKeyId: 'AKIDBADKEY', secretAccessKey: 'x' } });
    const error = await rejection(bad.send(new ConverseCommand(ask('hi'))));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe('The security token included in the request is invalid.');
  });

  it('accepts a bearer token and rejects "bad-key"', async () => {
    const bearer = (token: string) =>
      client('http1', { token: { token }, authSchemePreference: ['httpBearerAuth'] });
    const out = await bearer('good-token').send(new ConverseCommand(ask('hi')));
    expect(out.output?.message?.content?.[0]?.text).toBe('Echo: hi');
    const error = await rejection(bearer('bad-key').send(new ConverseCommand(ask('hi'))));
    expect(error.name).toBe('UnrecognizedClientException');
  });
});

describe('fixture replay', () => {
  const fixtures = listFixtures('bedrock');
  it('has bedrock fixtures to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtures.filter((f) => f.endsWith('.chunks.txt')))(
    'replays %s through ConverseStream',
    async (name) => {
      const path = fixturePath('bedrock', name);
      const { readFileSync } = await import('node:fs');
      const lines = readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      emulator.replayFixture(path);
      const out = await client().send(new ConverseStreamCommand(ask('replay')));
      const events = await collect(out.stream);
      // same event sequence and deltas; the SDK drops fields it does not model (e.g. `serverToolUsage`)
      expect(events.map((e) => Object.keys(e).filter((k) => e[k as keyof ConverseStreamOutput])[0])).toEqual(
        lines.map((line) => Object.keys(line)[0]),
      );
      expect(events.map((e) => e.contentBlockDelta ?? null)).toEqual(
        lines.map((line) => line.contentBlockDelta ?? null),
      );
      const { serverToolUsage: _ignored, ...recordedUsage } = lines.find((line) => line.metadata).metadata
        .usage;
      expect(events.find((e) => e.metadata)?.metadata?.usage).toEqual(recordedUsage);
    },
  );

  it.each(fixtures.filter((f) => f.endsWith('.json')))('replays %s through Converse', async (name) => {
    const path = fixturePath('bedrock', name);
    const { readFileSync } = await import('node:fs');
    const recorded = JSON.parse(readFileSync(path, 'utf8'));
    emulator.replayFixture(path);
    const out = await client('http1').send(new ConverseCommand(ask('replay')));
    expect(out.output).toEqual(recorded.output);
    expect(out.stopReason).toBe(recorded.stopReason);
    expect(out.usage?.totalTokens).toBe(recorded.usage.totalTokens);
  });
});

describe('CountTokens', () => {
  it('counts the tokens of a Converse input', async () => {
    const input = {
      converse: { messages: [{ role: 'user' as const, content: [{ text: 'twelve chars' }] }] },
    };
    const out = await client().send(new CountTokensCommand({ modelId: HAIKU, input }));
    expect(out.inputTokens).toBe(3);
  });
});

describe('InvokeModel', () => {
  const invoke = async (modelId: string, body: unknown) => {
    const out = await client().send(
      new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
    );
    return JSON.parse(Buffer.from(out.body).toString('utf8'));
  };

  it('embeds one text with Titan v2 at the requested dimensions', async () => {
    const out = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 256 });
    expect(out.embedding).toHaveLength(256);
    expect(out.inputTextTokenCount).toBeGreaterThan(0);
    const again = await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 256 });
    expect(again.embedding).toEqual(out.embedding);
  });

  it('rejects an unsupported Titan dimension', async () => {
    const error = await rejection(
      invoke('amazon.titan-embed-text-v2:0', { inputText: 'x', dimensions: 300 }),
    );
    expect(error.name).toBe('ValidationException');
  });

  it('embeds a batch with Cohere and refuses more than 96 texts', async () => {
    const out = await invoke('cohere.embed-english-v3', {
      texts: ['a', 'b', 'c'],
      input_type: 'search_document',
    });
    expect(out.embeddings).toHaveLength(3);
    expect(out.texts).toEqual(['a', 'b', 'c']);
    expect(out.embeddings[0]).toHaveLength(1024);
    const texts = Array.from({ length: 97 }, (_, i) => `t${i}`);
    const error = await rejection(
      invoke('cohere.embed-english-v3', { texts, input_type: 'search_document' }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/maximum item count: 96/);
  });

  it.each(['amazon.nova-canvas-v1:0', 'amazon.titan-image-generator-v2:0'])(
    'generates valid PNGs with %s',
    async (modelId) => {
      const out = await invoke(modelId, {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'a red square' },
        imageGenerationConfig: { numberOfImages: 2, width: 512, height: 512 },
      });
      expect(out.images).toHaveLength(2);
      const png = Buffer.from(out.images[0], 'base64');
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const ihdrLength = png.readUInt32BE(8);
      expect(png.readUInt32BE(16 + ihdrLength)).toBe(crc32(png.subarray(12, 16 + ihdrLength)));
    },
  );
});
