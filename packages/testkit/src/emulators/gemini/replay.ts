import type { VendorReply, VendorRequestContext } from '../../emulator/types.js';
import { sseFrame } from './generate.js';
import type { GeminiPart } from './read-request.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

interface RecordedChunk {
  candidates?: Array<
    { content?: { parts?: GeminiPart[]; role?: string }; finishReason?: string } & Record<string, unknown>
  >;
  usageMetadata?: unknown;
  [key: string]: unknown;
}

/** True when the call being answered is `streamGenerateContent`. */
function isStreamCall(ctx: VendorRequestContext): boolean {
  return ctx.params.task === 'streamGenerateContent' || /:streamGenerateContent$/.test(ctx.path);
}

/**
 * Folds recorded stream chunks into the one response `generateContent` would have returned:
 * adjacent text parts joined, other parts kept, the last finishReason and usageMetadata win.
 */
export function foldChunks(chunks: RecordedChunk[]): RecordedChunk {
  const last = chunks[chunks.length - 1] ?? {};
  const parts: GeminiPart[] = [];
  let candidate: Record<string, unknown> = {};
  for (const chunk of chunks) {
    const c = chunk.candidates?.[0];
    if (!c) continue;
    candidate = { ...candidate, ...c };
    for (const part of c.content?.parts ?? []) {
      const prev = parts[parts.length - 1];
      const plainText = part.text !== undefined && part.functionCall === undefined;
      if (
        plainText &&
        prev?.text !== undefined &&
        prev.functionCall === undefined &&
        !!prev.thought === !!part.thought
      ) {
        parts[parts.length - 1] = { ...prev, ...part, text: prev.text + part.text };
      } else parts.push({ ...part });
    }
  }
  const folded: RecordedChunk = { ...last };
  if (chunks.some((c) => c.candidates)) {
    folded.candidates = [{ ...candidate, content: { parts, role: 'model' } }];
  }
  return folded;
}

/**
 * Replays a recorded Gemini fixture. `*.chunks.txt` lines become `data: <line>\r\n\r\n` frames
 * (folded into one JSON body when the call was not a stream); a `*.json` body is sent as JSON with
 * the status of its `error.code` (200 otherwise), or as a single frame to a stream call.
 */
export function replayGemini(
  fixture: { format: 'json' | 'chunks'; text: string },
  ctx: VendorRequestContext,
): VendorReply {
  if (fixture.format === 'chunks') {
    const lines = fixture.text.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (isStreamCall(ctx)) {
      return {
        kind: 'stream',
        status: 200,
        contentType: 'text/event-stream',
        frames: lines.map((l) => `data: ${l}\r\n\r\n`),
      };
    }
    const body = foldChunks(lines.map((l) => JSON.parse(l) as RecordedChunk));
    return { kind: 'json', status: 200, headers: { ...JSON_HEADERS }, body };
  }
  const body = JSON.parse(fixture.text) as { error?: { code?: number } };
  const status = typeof body.error?.code === 'number' ? body.error.code : 200;
  if (status === 200 && isStreamCall(ctx)) {
    return { kind: 'stream', status: 200, contentType: 'text/event-stream', frames: [sseFrame(body)] };
  }
  return { kind: 'json', status, headers: { ...JSON_HEADERS }, body };
}
