import {
  type CallOptions,
  type ChatRequestInput,
  type EmbedRequestInput,
  endCall,
  isPalError,
  type StreamOptions,
} from '@pal/core';
import type { RouteOptions, Router } from '@pal/router';
import { GatewayFailureError } from '../http/gateway-error.js';

/** A routed call's options, as the gateway's routes pass them. */
export type LiveCallOptions = (CallOptions | StreamOptions) & RouteOptions;

/** Turns one call's request and options into what the current router is given (may throw to refuse it). */
export type PrepareCall = <R extends ChatRequestInput | EmbedRequestInput>(
  request: R,
  options: LiveCallOptions,
  operation: 'chat' | 'stream' | 'embed',
) => { request: R; options: LiveCallOptions };

/**
 * The router the gateway's routes hold: it passes every call to the current router, which
 * {@link LiveRouter.rebuild} replaces when providers or routing settings change (calls already
 * planned finish on the router they started on), after `prepare` has applied what the call's key
 * and the live settings say. A call `prepare` refuses is ended (its `call-end`) with the refusal
 * when the caller gave it, then the refusal is thrown.
 */
export class LiveRouter implements Router {
  #current: Router;
  readonly #build: () => Router;
  readonly #prepare: PrepareCall;

  constructor(build: () => Router, prepare: PrepareCall) {
    this.#build = build;
    this.#prepare = prepare;
    this.#current = build();
  }

  /** The router serving new calls now. */
  get current(): Router {
    return this.#current;
  }

  /** Builds a new router from the settings in force; the old one is closed (its calls in flight go on). */
  async rebuild(): Promise<void> {
    const next = this.#build(); // a bad setting throws here, and the current router stays
    const old = this.#current;
    this.#current = next;
    await old.close();
  }

  chat: Router['chat'] = (request, options = {}) => {
    try {
      const prepared = this.#prepared(request, options, 'chat');
      return this.#current.chat(prepared.request, prepared.options) as never;
    } catch (error) {
      return Promise.reject(error);
    }
  };

  stream: Router['stream'] = (request, options = {}) => {
    const prepared = this.#prepared(request, options, 'stream');
    return this.#current.stream(prepared.request, prepared.options) as never;
  };

  embed: Router['embed'] = async (request, options = {}) => {
    const prepared = this.#prepared(request, options, 'embed');
    return this.#current.embed(prepared.request, prepared.options);
  };

  estimate: Router['estimate'] = (request) => this.#current.estimate(request);
  status: Router['status'] = () => this.#current.status();
  checkHealth: Router['checkHealth'] = () => this.#current.checkHealth();
  close: Router['close'] = () => this.#current.close();

  #prepared<R extends ChatRequestInput | EmbedRequestInput>(
    request: R,
    options: LiveCallOptions,
    operation: 'chat' | 'stream' | 'embed',
  ): { request: R; options: LiveCallOptions } {
    try {
      return this.#prepare(request, options, operation);
    } catch (error) {
      const refusal = error instanceof GatewayFailureError ? error.error : error;
      if (options.call) endCall(options.call, isPalError(refusal) ? { error: refusal } : {});
      throw error;
    }
  }
}
