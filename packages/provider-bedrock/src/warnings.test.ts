import { type ChatRequestInput, createRuntime, isPalError, type PalError } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, chatRequest, HAIKU, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const sentBody = () => emulator.current.lastRequest()?.body as Record<string, any>;
const ask = (extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: `bedrock/${HAIKU}`,
  messages: [{ role: 'user', content: 'Hi' }],
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<PalError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPalError(error)) throw new Error(`expected a PalError, got ${String(error)}`);
  return error;
}

describe('bedrock warnings', () => {
  it('says seed was not sent (Converse has none), on the result', async () => {
    const runtime = createRuntime({ providers: [adapterFor(emulator.current)], policies: { retry: false } });
    const result = await runtime.chat(ask({ seed: 7, temperature: 0.3 }));
    expect(result.warnings).toEqual([
      { type: 'unsupported-setting', setting: 'seed', details: 'Bedrock Converse has no such setting' },
    ]);
    expect(JSON.stringify(sentBody())).not.toContain('seed');
    expect(sentBody().inferenceConfig).toEqual({ temperature: 0.3 });
  });

  it('names the penalties, topK and reasoning outside Claude, and a system prompt folded into the first turn', async () => {
    const ctx = callContext();
    await adapterFor(emulator.current).chat(
      chatRequest({
        model: 'mistral.mixtral-8x7b-instruct-v0:1',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        presencePenalty: 0.5,
        frequencyPenalty: 0.5,
        topK: 3,
        reasoning: { effort: 'high' },
      }),
      ctx,
    );
    expect(ctx.call.warnings.map((w) => (w.type === 'other' ? 'other' : w.setting))).toEqual([
      'presencePenalty',
      'frequencyPenalty',
      'topK',
      'reasoning',
      'other',
    ]);
    expect(sentBody()).not.toHaveProperty('additionalModelRequestFields');
  });

  it('says when Claude thinking raises maxTokens above maxOutputTokens, and when JSON output replaces toolChoice', async () => {
    const ctx = callContext();
    await adapterFor(emulator.current).chat(
      chatRequest({ maxOutputTokens: 256, reasoning: { budgetTokens: 2048 } }),
      ctx,
    );
    expect(sentBody().inferenceConfig).toEqual({ maxTokens: 3072 });
    expect(ctx.call.warnings).toEqual([
      { type: 'changed-setting', setting: 'maxOutputTokens', details: expect.stringContaining('3072') },
    ]);
    const json = callContext();
    await adapterFor(emulator.current).chat(
      chatRequest({ responseFormat: { type: 'json' }, toolChoice: 'required' }),
      json,
    );
    expect(json.call.warnings).toEqual([
      { type: 'changed-setting', setting: 'toolChoice', details: expect.any(String) },
    ]);
  });
});

describe('bedrock providerOptions', () => {
  it('refuses options that try to set modelId or Claude thinking, before sending', async () => {
    const adapter = adapterFor(emulator.current);
    const model = await failure(
      adapter.chat(chatRequest({ providerOptions: { bedrock: { modelId: 'x' } } }), callContext()),
    );
    expect(model).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'bedrock', 'modelId'] });
    expect(model.message).toContain('use model instead');
    const bare = await failure(
      adapter.chat(chatRequest({ providerOptions: { bedrock: { model: 'x' } } }), callContext()),
    );
    expect(bare).toMatchObject({ code: 'INVALID_REQUEST', path: ['providerOptions', 'bedrock', 'model'] });
    const config = await failure(
      adapter.chat(
        chatRequest({ providerOptions: { bedrock: { inferenceConfig: { maxTokens: 1 } } } }),
        callContext(),
      ),
    );
    expect(config.path).toEqual(['providerOptions', 'bedrock', 'inferenceConfig']);
    const thinking = await failure(
      adapter.chat(
        chatRequest({
          providerOptions: { bedrock: { additionalModelRequestFields: { thinking: { type: 'enabled' } } } },
        }),
        callContext(),
      ),
    );
    expect(thinking.path).toEqual(['providerOptions', 'bedrock', 'additionalModelRequestFields', 'thinking']);
    expect(emulator.current.requests).toHaveLength(0);
  });

  it('refuses an unknown or wrongly typed field (the SDK would drop it without a word)', async () => {
    const adapter = adapterFor(emulator.current);
    const typed = await failure(
      adapter.chat(
        chatRequest({ providerOptions: { bedrock: { requestMetadata: { team: 7 } } } }),
        callContext(),
      ),
    );
    expect(typed.path).toEqual(['providerOptions', 'bedrock', 'requestMetadata', 'team']);
    const typo = await failure(
      adapter.chat(chatRequest({ providerOptions: { bedrock: { guardrailConfi: {} } } }), callContext()),
    );
    expect(typo.message).toContain('did you mean "guardrailConfig"?');
    expect(emulator.current.requests).toHaveLength(0);
    await adapter.chat(
      chatRequest({ providerOptions: { bedrock: { requestMetadata: { team: 'search' } } } }),
      callContext(),
    );
    expect(sentBody().requestMetadata).toEqual({ team: 'search' });
  });

  it('refuses embedding and image options that would replace what PAL sends', async () => {
    const adapter = adapterFor(emulator.current);
    const embed = await failure(
      adapter.embed!(
        {
          model: 'amazon.titan-embed-text-v2:0',
          input: 'hi',
          providerOptions: { bedrock: { inputText: 'other' } },
        },
        callContext(),
      ),
    );
    expect(embed.path).toEqual(['providerOptions', 'bedrock', 'inputText']);
    const image = await failure(
      adapter.generateImage!(
        {
          model: 'amazon.nova-canvas-v1:0',
          prompt: 'a cat',
          n: 1,
          providerOptions: { bedrock: { numberOfImages: 4 } },
        },
        callContext(),
      ),
    );
    expect(image.message).toContain('use n instead');
  });
});
