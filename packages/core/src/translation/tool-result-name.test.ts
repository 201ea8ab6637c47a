import { describe, expect, it } from 'vitest';
import type { Message } from '../contracts/message.js';
import { toolResultName } from './tool-result-name.js';

const history: Message[] = [
  { role: 'user', content: 'weather and time in Paris?' },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Looking.' },
      { type: 'tool-call', id: 'c1', name: 'weather', arguments: {} },
      { type: 'tool-call', id: 'c2', name: 'clock', arguments: {} },
    ],
  },
  { role: 'tool', toolCallId: 'c2', content: '10:00' },
  { role: 'tool', toolCallId: 'c1', name: 'forecast', content: 'sunny' },
  { role: 'tool', toolCallId: 'c9', content: '?' },
];

describe('toolResultName', () => {
  it('finds the name of the earlier tool call the result answers', () => {
    expect(toolResultName(history, 2)).toBe('clock');
  });

  it("prefers the result's own name", () => {
    expect(toolResultName(history, 3)).toBe('forecast');
  });

  it('is undefined when no earlier call has the id', () => {
    expect(toolResultName(history, 4)).toBeUndefined();
  });

  it('does not look at calls made after the result', () => {
    const messages: Message[] = [
      { role: 'tool', toolCallId: 'late', content: 'x' },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'late', name: 'later', arguments: {} }] },
    ];
    expect(toolResultName(messages, 0)).toBeUndefined();
  });

  it('is undefined for a message that is not a tool result', () => {
    expect(toolResultName(history, 0)).toBeUndefined();
    expect(toolResultName(history, 99)).toBeUndefined();
  });
});
