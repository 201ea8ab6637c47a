/** The message's `id`: the vendor's own when it is Anthropic's (`msg_…`), else `msg_` + PAL's request id. */
export function messageIdOf(vendorId: string | undefined, requestId: string): string {
  if (vendorId?.startsWith('msg_')) return vendorId;
  return `msg_${requestId.replace(/-/g, '')}`;
}
