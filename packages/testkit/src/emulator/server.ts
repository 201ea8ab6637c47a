import { PalError } from '@pal/core';
import { redactHeaders } from '@pal/core/provider';
import { type AnyRequest, type AnyResponse, listenDualProtocol } from './dual-protocol-listener.js';
import { FAULT_PRESET_NAMES, FAULT_PRESETS, type FaultPreset } from './fault-presets.js';
import { readFixture } from './fixtures.js';
import { ReplyChannel } from './reply-channel.js';
import { answerCall } from './reply-writer.js';
import { parseBody, plainHeaders, readBodyText } from './request-reader.js';
import { matchRoute, splitRequestUrl } from './route-matcher.js';
import { ScriptQueue } from './script-queue.js';
import type { RecordedRequest, ScriptStep, Vendor, VendorEmulator, VendorRequestContext } from './types.js';
import { vendorEmulatorFor } from './vendors.js';

/** Options for `startEmulator`. */
export interface EmulatorOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** A fault preset applied to every call nothing is scripted for: `none`, `flaky`, `slow`, `outage`. */
  faults?: string;
}

/** A running vendor emulator. */
export interface Emulator {
  vendor: Vendor;
  /** Base URL, e.g. `http://127.0.0.1:53124` (no trailing slash). */
  url: string;
  port: number;
  /** Every request received since start (or the last `reset`), in order. */
  requests: RecordedRequest[];
  /** Stops listening and destroys every open connection; never hangs. */
  close(): Promise<void>;
  /** Queues steps for the next calls in order; a step with `path` is used only by a call to a matching path. */
  script(...steps: ScriptStep[]): void;
  /** Scripts call number `call` (1-based, counted since start or the last `reset`). */
  scriptCall(call: number, step: ScriptStep): void;
  /** Forgets recorded requests, scripted steps and queued fixtures, and restarts call numbering. */
  reset(): void;
  /** Makes the next routed call answer with the recorded fixture at `path` (`.json` or `.chunks.txt`). */
  replayFixture(path: string): void;
  /** The most recent request, if any. */
  lastRequest(): RecordedRequest | undefined;
}

function presetFor(name: string | undefined): FaultPreset | undefined {
  if (name === undefined) return undefined;
  const preset = FAULT_PRESETS[name];
  if (!preset) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `Unknown fault preset "${name}"; expected one of: ${FAULT_PRESET_NAMES.join(', ')}`,
      path: ['faults'],
    });
  }
  return preset;
}

/**
 * Starts a wire-faithful emulator of `vendor` on 127.0.0.1 (random port by default). It serves
 * HTTP/1.1 and h2c on the same port, records every request (secrets masked), and answers from the
 * script, a replayed fixture, or the vendor's deterministic default.
 */
export async function startEmulator(vendor: Vendor, options: EmulatorOptions = {}): Promise<Emulator> {
  return serveVendorEmulator(vendorEmulatorFor(vendor), options);
}

/**
 * Serves any `VendorEmulator` (one of the testkit's or your own) with the emulator framework:
 * routing, recording, scripting, faults and fixture replay.
 */
export async function serveVendorEmulator(
  emulator: VendorEmulator,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const vendor = emulator.vendor;
  const preset = presetFor(options.faults);
  const queue = new ScriptQueue();
  const requests: RecordedRequest[] = [];
  let callCount = 0;

  const handle = async (req: AnyRequest, res: AnyResponse): Promise<void> => {
    const record: RecordedRequest = {
      call: 0,
      method: req.method ?? 'GET',
      path: '/',
      query: {},
      headers: {},
      body: undefined,
      clientClosedEarly: false,
    };
    const channel = new ReplyChannel(req, res, () => {
      record.clientClosedEarly = true;
    });
    const split = splitRequestUrl(req.url ?? '/');
    const body = parseBody(await readBodyText(req));
    const headers = plainHeaders(req.headers);
    Object.assign(record, {
      call: ++callCount,
      path: split.path,
      query: Object.fromEntries(split.query),
      headers: redactHeaders(headers),
      body,
    });
    requests.push(record);

    const method = record.method;
    const match = matchRoute(emulator.routes, method, split);
    if (!match) {
      channel.writeHead(404, { 'content-type': 'application/json' });
      channel.end(
        JSON.stringify({ error: { message: `The ${vendor} emulator has no route ${method} ${split.path}` } }),
      );
      return;
    }
    const ctx: VendorRequestContext = {
      method,
      path: split.path,
      params: match.params,
      query: split.query,
      headers: req.headers,
      body,
      step: {},
    };
    const authError = emulator.authenticate?.(ctx);
    if (authError) {
      await answerCall(channel, emulator, ctx, () => authError);
      return;
    }
    const step = queue.takeStep(record.call, split.path) ?? preset?.(record.call) ?? {};
    ctx.step = step;
    record.step = step;
    const fixture = queue.takeFixture();
    await answerCall(channel, emulator, ctx, () =>
      fixture ? emulator.replay(fixture, ctx) : match.route.handle(ctx),
    );
  };

  const listener = await listenDualProtocol(
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // a handler bug answers 500 (or drops a started answer); a client that already left gets nothing
        if (res.destroyed || res.writableEnded) return;
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `The ${vendor} emulator failed: ${message}` } }));
      });
    },
    { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
  );

  return {
    vendor,
    url: `http://${listener.host}:${listener.port}`,
    port: listener.port,
    requests,
    close: () => listener.close(),
    script: (...steps) => queue.push(steps),
    scriptCall: (call, step) => queue.pin(call, step),
    reset: () => {
      requests.length = 0;
      queue.clear();
      callCount = 0;
    },
    replayFixture: (path) => queue.pushFixture(readFixture(path)),
    lastRequest: () => requests[requests.length - 1],
  };
}
