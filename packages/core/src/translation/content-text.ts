/** Message content as the contracts allow it: a string, or parts of which some are text. */
export type ContentWithText = string | ReadonlyArray<{ type: string; text?: string }>;

/**
 * The text of message content: a string as it is, or the `text` parts joined by `separator`
 * (default none). Other parts (images, tool calls, reasoning) are left out.
 * @example
 * contentText([{ type: 'text', text: 'a' }, { type: 'image', url }, { type: 'text', text: 'b' }], '\n'); // 'a\nb'
 */
export function contentText(content: ContentWithText, separator = ''): string {
  if (typeof content === 'string') return content;
  return content
    .flatMap((part) => (part.type === 'text' && part.text !== undefined ? [part.text] : []))
    .join(separator);
}
