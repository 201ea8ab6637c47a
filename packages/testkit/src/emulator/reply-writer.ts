import type { ReplyChannel } from './reply-channel.js';
import type {
  Fault,
  JsonReply,
  StreamReply,
  VendorEmulator,
  VendorReply,
  VendorRequestContext,
} from './types.js';

type MidStreamFault = Extract<Fault, { afterChunks?: number }>;

function withContentType(headers: Record<string, string>, contentType: string): Record<string, string> {
  const has = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return has ? headers : { 'content-type': contentType, ...headers };
}

/** A JSON reply's bytes: strings and byte arrays as they are (e.g. an image), anything else as JSON. */
function encodeBody(body: unknown): Buffer {
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

/** Writes a JSON reply, honouring `cut` (half a body, then a destroyed connection) and `malformed` (half a body). */
async function writeJson(
  channel: ReplyChannel,
  reply: JsonReply,
  extraHeaders: Record<string, string>,
  fault?: Fault,
) {
  let bytes = encodeBody(reply.body);
  if (fault?.type === 'malformed') bytes = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  const headers = withContentType({ ...reply.headers, ...extraHeaders }, 'application/json');
  if (fault?.type === 'cut') {
    channel.writeHead(reply.status, headers);
    await channel.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    channel.destroy();
    return;
  }
  channel.writeHead(reply.status, { ...headers, 'content-length': String(bytes.length) });
  channel.end(bytes);
}

/**
 * Applies a mid-stream fault once `afterChunks` frames are out. Returns true when the stream is over
 * (cut, malformed and stream-error end it; stall only waits).
 */
async function applyMidStreamFault(
  channel: ReplyChannel,
  fault: MidStreamFault,
  vendor: VendorEmulator,
  ctx: VendorRequestContext,
): Promise<boolean> {
  switch (fault.type) {
    case 'stall':
      await channel.wait(fault.ms);
      return false;
    case 'cut':
      channel.destroy();
      return true;
    case 'malformed':
      await channel.write(vendor.malformedFrame());
      channel.end();
      return true;
    case 'stream-error':
      await channel.write(vendor.streamErrorFrame(fault, ctx));
      channel.end();
      return true;
  }
}

/** Writes a stream reply frame by frame with `chunkDelayMs` between frames, injecting the step's mid-stream fault. */
async function writeStream(
  channel: ReplyChannel,
  reply: StreamReply,
  extraHeaders: Record<string, string>,
  vendor: VendorEmulator,
  ctx: VendorRequestContext,
): Promise<void> {
  const fault = ctx.step.fault;
  const midStream =
    fault && 'afterChunks' in fault && fault.afterChunks !== undefined
      ? (fault as MidStreamFault)
      : undefined;
  const faultAt = midStream ? Math.min(midStream.afterChunks ?? 0, reply.frames.length) : -1;
  channel.writeHead(
    reply.status ?? 200,
    withContentType({ ...reply.headers, ...extraHeaders }, reply.contentType),
  );
  for (let i = 0; i <= reply.frames.length; i++) {
    if (channel.closed) return;
    if (i === faultAt && midStream && (await applyMidStreamFault(channel, midStream, vendor, ctx))) return;
    if (i === reply.frames.length) break;
    if (i > 0 && ctx.step.chunkDelayMs) await channel.wait(ctx.step.chunkDelayMs);
    if (channel.closed) return;
    await channel.write(reply.frames[i]!);
  }
  channel.end();
}

/**
 * Answers one call: executes the step's fault (reset, leading stall, vendor error) or writes the
 * reply `produce` builds (JSON or stream, with mid-stream faults). Step headers go on every reply;
 * an error fault's own `status` and `headers` go over the vendor's error reply.
 */
export async function answerCall(
  channel: ReplyChannel,
  vendor: VendorEmulator,
  ctx: VendorRequestContext,
  produce: () => VendorReply | Promise<VendorReply>,
): Promise<void> {
  const { step } = ctx;
  const fault = step.fault;
  const stepHeaders = step.headers ?? {};
  if (fault?.type === 'reset') {
    channel.destroy('reset');
    return;
  }
  if (fault?.type === 'stall' && fault.afterChunks === undefined) {
    await channel.wait(fault.ms);
    if (channel.closed) return;
  }
  if (fault?.type === 'error') {
    const reply = vendor.errorReply(fault, ctx);
    const errorReply: JsonReply = { ...reply, status: fault.status ?? reply.status };
    await writeJson(channel, errorReply, { ...stepHeaders, ...fault.headers });
    return;
  }
  const reply = await produce();
  if (channel.closed) return;
  if (reply.kind === 'stream') {
    await writeStream(channel, reply, stepHeaders, vendor, ctx);
  } else if (fault?.type === 'stream-error') {
    const errorReply = vendor.errorReply({ type: 'error', kind: fault.kind, message: fault.message }, ctx);
    await writeJson(channel, errorReply, stepHeaders);
  } else {
    // a JSON body is one frame: a stall "after K chunks" pauses before it
    if (fault?.type === 'stall') await channel.wait(fault.ms);
    await writeJson(channel, reply, stepHeaders, fault);
  }
}
