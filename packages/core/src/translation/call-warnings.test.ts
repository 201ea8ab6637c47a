import { describe, expect, it } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ModelInfo } from '../contracts/model-info.js';
import type { CallWarning } from '../contracts/warning.js';
import { createCall } from '../kernel/call-state.js';
import {
  targetModelOf,
  warnerFor,
  warnUnsentFormatLabels,
  warnUnsentNames,
  warnUnsupported,
  withoutUnsupportedReasoning,
} from './call-warnings.js';
import { warnToolChoiceReplaced } from './forced-json-tool.js';

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm1',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

function model(reasoning: boolean | undefined): ModelInfo {
  return {
    id: 'm1',
    displayName: 'M1',
    kind: 'chat',
    contextWindow: 1000,
    maxOutputTokens: 100,
    capabilities: { streaming: true, tools: true, vision: false, json: true, embeddings: false, reasoning },
    pricing: { inputPerMTok: 0, outputPerMTok: 0 },
  };
}

/** A context whose call targets `m1` with `info`. */
function targeted(info?: ModelInfo): Partial<CallContext> {
  const call = createCall('chat');
  const target = { provider: 'acme', modelId: 'm1', ...(info && { model: info }) };
  Object.defineProperty(call, 'target', { value: target });
  return { call };
}

function collector() {
  const warnings: CallWarning[] = [];
  return { warnings, warn: (w: CallWarning) => warnings.push(w) };
}

describe('call warnings', () => {
  it('warnerFor reports on ctx.call, and does nothing for a context without a call', () => {
    const call = createCall('chat');
    warnerFor({ call })({ type: 'other', message: 'x' });
    expect(call.warnings).toEqual([{ type: 'other', message: 'x' }]);
    expect(() => warnerFor(undefined)({ type: 'other', message: 'y' })).not.toThrow();
    expect(() => warnerFor({})({ type: 'other', message: 'y' })).not.toThrow();
  });

  it('warnUnsupported warns for each listed setting the request sets', () => {
    const { warnings, warn } = collector();
    warnUnsupported(request({ seed: 1, topK: 3 }), ['seed', 'presencePenalty', 'topK'], warn, 'no such knob');
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'seed', details: 'no such knob' },
      { type: 'unsupported-setting', setting: 'topK', details: 'no such knob' },
    ]);
    warnUnsupported(request({ seed: 0 }), ['seed'], warn);
    expect(warnings[2]).toEqual({ type: 'unsupported-setting', setting: 'seed' });
  });

  it('warnUnsentNames warns once, at the first named user message', () => {
    const { warnings, warn } = collector();
    warnUnsentNames(request().messages, warn, 'Acme');
    expect(warnings).toEqual([]);
    const messages: ChatRequest['messages'] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'a', name: 'ann' },
      { role: 'user', content: 'b', name: 'bob' },
    ];
    warnUnsentNames(messages, warn, 'Acme');
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'messages[1].name', details: expect.stringContaining('Acme') },
    ]);
  });

  it('withoutUnsupportedReasoning drops reasoning for a model the catalog says does not reason', () => {
    const asked = request({ reasoning: { effort: 'high' } });
    const { warnings, warn } = collector();
    expect(withoutUnsupportedReasoning(asked, targeted(model(true)), warn)).toBe(asked);
    expect(withoutUnsupportedReasoning(asked, targeted(model(undefined)), warn)).toBe(asked);
    expect(withoutUnsupportedReasoning(asked, targeted(), warn)).toBe(asked);
    expect(withoutUnsupportedReasoning(asked, undefined, warn)).toBe(asked);
    expect(warnings).toEqual([]);
    const sent = withoutUnsupportedReasoning(asked, targeted(model(false)), warn);
    expect(sent).not.toHaveProperty('reasoning');
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'reasoning', details: expect.any(String) },
    ]);
    expect(withoutUnsupportedReasoning(request(), targeted(model(false)), warn)).toEqual(request());
  });

  it('targetModelOf reads the target only when the call targets the request model', () => {
    const info = model(true);
    expect(targetModelOf(targeted(info), request())).toBe(info);
    expect(targetModelOf(targeted(info), request({ model: 'other' }))).toBeUndefined();
  });

  it('warnToolChoiceReplaced warns when a forced JSON tool replaces a tool choice', () => {
    const { warnings, warn } = collector();
    warnToolChoiceReplaced(request(), warn);
    warnToolChoiceReplaced(request({ toolChoice: 'required' }), warn);
    expect(warnings).toEqual([
      { type: 'changed-setting', setting: 'toolChoice', details: expect.any(String) },
    ]);
  });

  it('warnUnsentFormatLabels warns for the name and description of a JSON format', () => {
    const { warnings, warn } = collector();
    warnUnsentFormatLabels(request({ responseFormat: { type: 'json' } }), warn, 'schema only');
    warnUnsentFormatLabels(request({ responseFormat: { type: 'text' } }), warn, 'schema only');
    expect(warnings).toEqual([]);
    warnUnsentFormatLabels(
      request({ responseFormat: { type: 'json', name: 'n', description: 'd' } }),
      warn,
      'schema only',
    );
    expect(warnings.map((w) => w.type === 'unsupported-setting' && w.setting)).toEqual([
      'responseFormat.name',
      'responseFormat.description',
    ]);
  });
});
