import { describe, expect, it } from 'vitest';
import type { AssistantContentPart, UserContentPart } from '../contracts/content.js';
import { contentText } from './content-text.js';

describe('contentText', () => {
  it('returns string content as it is', () => {
    expect(contentText('hello')).toBe('hello');
    expect(contentText('')).toBe('');
  });

  it('joins the text parts, without a separator by default', () => {
    expect(
      contentText([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('ab');
  });

  it('joins with the given separator and leaves images out', () => {
    const parts: UserContentPart[] = [
      { type: 'text', text: 'look:' },
      { type: 'image', url: 'https://example.com/cat.png' },
      { type: 'text', text: 'what is it?' },
    ];
    expect(contentText(parts, '\n')).toBe('look:\nwhat is it?');
  });

  it('leaves tool calls and reasoning out of assistant content', () => {
    const parts: AssistantContentPart[] = [
      { type: 'reasoning', text: 'thinking…' },
      { type: 'text', text: 'Calling it.' },
      { type: 'tool-call', id: 'c1', name: 'lookup', arguments: {} },
    ];
    expect(contentText(parts)).toBe('Calling it.');
  });

  it('is empty for parts without text', () => {
    const image: UserContentPart[] = [{ type: 'image', url: 'https://example.com/a.png' }];
    expect(contentText(image)).toBe('');
    expect(contentText([])).toBe('');
  });
});
