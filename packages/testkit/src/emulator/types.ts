import type { IncomingHttpHeaders } from 'node:http';

/** The vendors the testkit emulates. */
export type Vendor = 'openai' | 'anthropic' | 'gemini' | 'bedrock' | 'ollama';

/** Kinds of vendor error a `status` fault can produce; each vendor renders its own body for each. */
export type ErrorKind =
  | 'auth' // 401 (Gemini: 400 API_KEY_INVALID)
  | 'permission' // 403
  | 'not_found' // unknown model
  | 'invalid' // 400 bad request
  | 'context_length' // prompt too long
  | 'rate_limit' // 429
  | 'quota' // 429 insufficient_quota / RESOURCE_EXHAUSTED quota
  | 'server' // 500
  | 'unavailable' // 503
  | 'overloaded' // 529 (Anthropic) / 503 elsewhere
  | 'content_filter'; // vendor's safety block

/** A fault to inject instead of (or in the middle of) the normal answer. */
export type Fault =
  /**
   * Reply with the vendor's own error for `kind`; `status` and `headers` override the vendor's defaults,
   * and `details` (Gemini: the Google RPC `error.details`, e.g. a `RetryInfo` alone) replaces the kind's.
   */
  | {
      type: 'error';
      kind: ErrorKind;
      status?: number;
      message?: string;
      headers?: Record<string, string>;
      details?: Array<Record<string, unknown>>;
    }
  /** Destroy the connection before any response header is written. */
  | { type: 'reset' }
  /** Wait `ms` before writing anything (or, with `afterChunks`, between two stream chunks), then go on. */
  | { type: 'stall'; ms: number; afterChunks?: number }
  /** Destroy the connection after `afterChunks` stream chunks. */
  | { type: 'cut'; afterChunks: number }
  /** Send one undecodable chunk after `afterChunks` chunks (bad JSON; for Bedrock, a bad CRC), then close. */
  | { type: 'malformed'; afterChunks: number }
  /** Send the vendor's in-stream error event for `kind` after `afterChunks` chunks, then close. */
  | { type: 'stream-error'; kind: ErrorKind; afterChunks: number; message?: string };

/** How one call should be answered; every field is optional and overrides the request-derived default. */
export interface ScriptStep {
  /** Only calls whose path matches use this step (default: any call). */
  path?: string | RegExp;
  text?: string;
  toolCalls?: Array<{ id?: string; name: string; arguments: Record<string, unknown> }>;
  /** Reasoning/thinking text, where the vendor has it. */
  reasoning?: string;
  usage?: {
    inputTokens?: number;
    outputTokens?: number;
    cachedInputTokens?: number;
    cacheWriteTokens?: number;
    /** Of `cacheWriteTokens`, those written with a 1-hour lifetime (Anthropic reports them apart). */
    cacheWrite1hTokens?: number;
    reasoningTokens?: number;
  };
  /** The vendor's own finish reason string (`"length"`, `"max_tokens"`, `"MAX_TOKENS"`…). */
  finishReason?: string;
  /** Number of content chunks a streamed text is split into. */
  chunks?: number;
  /** Delay between stream chunks, in ms. */
  chunkDelayMs?: number;
  /** Extra response headers (e.g. `x-ratelimit-remaining-requests`). */
  headers?: Record<string, string>;
  fault?: Fault;
}

/** One request the emulator received. Secret headers are masked. */
export interface RecordedRequest {
  /** 1-based call number across the emulator's lifetime (since the last reset). */
  call: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** True once the client closed the connection before the response ended. */
  clientClosedEarly: boolean;
  /** The script step (or default) used to answer it. */
  step?: ScriptStep;
}

/** What a vendor route handler gets. */
export interface VendorRequestContext {
  method: string;
  /** Path with the query removed, percent-decoded per segment (Bedrock model ids). */
  path: string;
  /** Path parameters captured by the route (e.g. `model`, `deployment`). */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined for GET / empty bodies). */
  body: any;
  /** The step to answer with: the scripted one for this call, or `{}`. */
  step: ScriptStep;
}

/** A non-stream response, written as-is by the emulator framework. */
export interface JsonReply {
  kind: 'json';
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON; a string or `Uint8Array` is written as it is (set `content-type` in `headers`). */
  body: unknown;
}

/**
 * A stream response: the framework writes `frames` one by one (honouring chunkDelayMs,
 * stall/cut/malformed/stream-error faults) then ends the response.
 */
export interface StreamReply {
  kind: 'stream';
  status?: number;
  contentType: string;
  headers?: Record<string, string>;
  /** Encoded frames, already in the vendor's wire framing. */
  frames: Array<string | Uint8Array>;
}

export type VendorReply = JsonReply | StreamReply;

/** One HTTP route of a vendor emulator. `pattern` uses `:name` segments, e.g. `/v1beta/models/:model`. */
export interface VendorRoute {
  method: 'GET' | 'POST';
  /** Either a `:param` pattern or a RegExp with named groups, matched against the decoded path. */
  pattern: string | RegExp;
  handle(ctx: VendorRequestContext): VendorReply | Promise<VendorReply>;
}

/** Everything vendor-specific about an emulator. */
export interface VendorEmulator {
  vendor: Vendor;
  routes: VendorRoute[];
  /** The vendor's error response for `kind` (status, headers, body), for a scripted `error` fault. */
  errorReply(fault: Extract<Fault, { type: 'error' }>, ctx: VendorRequestContext): JsonReply;
  /** The vendor's in-stream error frame. */
  streamErrorFrame(
    fault: Extract<Fault, { type: 'stream-error' }>,
    ctx: VendorRequestContext,
  ): string | Uint8Array;
  /** A frame the vendor's SDK cannot decode. */
  malformedFrame(): string | Uint8Array;
  /** Checks auth headers; returns an error reply when the key is missing or equals `"bad-key"`. */
  authenticate?(ctx: VendorRequestContext): JsonReply | undefined;
  /**
   * Turns a recorded fixture (`fixtures/vercel-ai/<vendor>/*.json` or `*.chunks.txt` in this package, one
   * JSON chunk per line) into the reply the vendor would have sent, in its own wire framing.
   */
  replay(fixture: { format: 'json' | 'chunks'; text: string }, ctx: VendorRequestContext): VendorReply;
}
