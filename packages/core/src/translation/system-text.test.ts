import { describe, expect, it } from 'vitest';
import { systemText } from './system-text.js';

describe('systemText', () => {
  it('joins the system messages by a blank line, wherever they stand', () => {
    expect(
      systemText([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'Answer in French.' },
      ]),
    ).toBe('Be brief.\n\nAnswer in French.');
  });

  it('is empty when there is no system message', () => {
    expect(systemText([{ role: 'user', content: 'hi' }])).toBe('');
  });
});
