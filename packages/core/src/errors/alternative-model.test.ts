import { describe, expect, it } from 'vitest';
import { createErrorMapper } from './error-mapper.js';
import { PalError } from './pal-error.js';
import { userMessageFor } from './user-message.js';

const mapper = createErrorMapper({
  provider: 'acme',
  extract: (error) =>
    (error as { status?: number }).status !== undefined
      ? { status: (error as { status: number }).status }
      : undefined,
  alternativeModel: (model) => (model.startsWith('big') ? 'small-1' : undefined),
});

describe('alternative models come from the provider', () => {
  it('core suggests none by itself', () => {
    expect(userMessageFor({ code: 'OVERLOADED', model: 'gpt-4o' })).toBe(
      'GPT-4o is unavailable right now. Try another model?',
    );
    expect(
      userMessageFor({ code: 'MODEL_NOT_FOUND', model: 'gpt-4o', alternativeModel: 'gpt-4o-mini' }),
    ).toBe('GPT-4o is unavailable right now. Try GPT-4o-mini instead?');
  });

  it("the provider's mapper names its sibling on MODEL_NOT_FOUND and OVERLOADED, and keeps it through with()", () => {
    const overloaded = mapper({ status: 529 }, { model: 'big-2' });
    expect(overloaded.code).toBe('OVERLOADED');
    expect(overloaded.alternativeModel).toBe('small-1');
    expect(overloaded.userMessage).toBe('Big 2 is unavailable right now. Try Small 1 instead?');
    expect(overloaded.toJSON()).toMatchObject({ alternativeModel: 'small-1' });
    const attributed = overloaded.with({ provider: 'other' });
    expect(attributed.alternativeModel).toBe('small-1');
    expect(attributed.userMessage).toContain('Try Small 1 instead?');
    const missing = mapper(new PalError({ code: 'MODEL_NOT_FOUND' }), { model: 'big-3' });
    expect(missing.userMessage).toBe('Big 3 is unavailable right now. Try Small 1 instead?');
  });

  it('suggests nothing for other codes, unknown siblings, or without a model', () => {
    expect(mapper({ status: 500 }, { model: 'big-2' }).alternativeModel).toBeUndefined();
    expect(mapper({ status: 529 }, { model: 'tiny' }).alternativeModel).toBeUndefined();
    expect(mapper({ status: 529 }).alternativeModel).toBeUndefined();
    const given = new PalError({ code: 'OVERLOADED', model: 'big-1', alternativeModel: 'mine' });
    expect(mapper(given).alternativeModel).toBe('mine');
  });
});
