import { describe, expect, it } from 'vitest';
import { callContext } from './fake-next.test-support.js';
import { emitPolicyEvent } from './policy-event.js';

describe('emitPolicyEvent', () => {
  it('stamps the time and request id', () => {
    const ctx = callContext({ requestId: 'abc' });
    emitPolicyEvent(ctx, { type: 'cache', hit: true, provider: 'acme' }, () => 42);
    expect(ctx.events).toEqual([{ type: 'cache', hit: true, provider: 'acme', time: 42, requestId: 'abc' }]);
  });

  it('does nothing without a sink and survives a sink that throws', () => {
    expect(() =>
      emitPolicyEvent(callContext({ telemetry: undefined }), { type: 'cache', hit: false }),
    ).not.toThrow();
    const broken = callContext({
      telemetry: {
        emit: () => {
          throw new Error('sink down');
        },
      },
    });
    expect(() => emitPolicyEvent(broken, { type: 'cache', hit: false })).not.toThrow();
  });
});
