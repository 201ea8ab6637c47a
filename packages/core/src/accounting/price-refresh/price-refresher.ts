import { abortedError } from '../../errors/aborted.js';
import { configError } from '../../config/config-error.js';
import { MAX_TIMER_MS } from '../../policies/option-schema.js';
import type { StateStore } from '../../policies/state-store.js';
import type { ProviderRegistry } from '../../registry/types.js';
import type { TelemetrySink } from '../../telemetry/telemetry-sink.js';
import type { PriceData } from '../price-data/price-data-schema.js';
import { fetchPriceData, priceDataSource } from './fetch-price-data.js';
import {
  DEFAULT_PRICE_DATA_URL,
  DEFAULT_PRICE_REFRESH_TIMEOUT_MS,
  type PriceRefreshOptions,
} from './price-refresh-options.js';
import { type PriceDataPricer, pricerFromPriceData } from './reprice-catalog.js';
import { readStoredPrices, type StoredPrices, writeStoredPrices } from './stored-prices.js';

/** How one refresh ended. */
export interface PriceRefreshOutcome {
  outcome: 'ok' | 'failed';
  /** The price data URL, without its query or user info. */
  source: string;
  /** Epoch ms the refresh started. */
  at: number;
  durationMs: number;
  /** Catalog models priced from live data now (after a failure: from the copy kept, 0 with none). */
  models: number;
  /** The data's version (`ETag`) and date (`Last-Modified`), when the server gave them. */
  version?: string;
  dataDate?: string;
  /** The server said the copy held was still current (`304`). */
  notModified?: boolean;
  /** Why it failed: the prices in force were kept. */
  error?: string;
}

/** Where the prices in force come from, and how refreshing has gone. */
export interface PriceRefreshStatus {
  /** False when the runtime has no `pricing` option: the bundled catalogs' prices are used. */
  enabled: boolean;
  source?: string;
  intervalHours?: number;
  /**
   * `bundled`: the catalogs' own prices (no good copy yet); `store`: a copy read from the runtime's
   * store (a previous run's or another instance's); `fetched`: this runtime's own fetch.
   */
  origin: 'bundled' | 'store' | 'fetched';
  /** Epoch ms the copy in force was fetched (or last confirmed current). */
  lastSuccessAt?: number;
  version?: string;
  dataDate?: string;
  /** Catalog models priced from live data, of the providers registered now. */
  models: number;
  /** Epoch ms of the last fetch attempt. */
  lastAttemptAt?: number;
  /** The most recent failure (kept after a later success: compare `at` with `lastSuccessAt`). */
  lastError?: { message: string; at: number };
  /** Why the last good copy could not be kept in the store (the refresh itself still counted). */
  storeError?: string;
  /** Epoch ms of the next scheduled refresh. */
  nextRefreshAt?: number;
}

/** `runtime.pricing`: live price refresh, on demand and as it stands. */
export interface PriceRefresh {
  /**
   * Fetches the price data now (joining a refresh in flight) and re-prices the catalogs from it.
   * Never rejects for a failed fetch: the outcome says `failed` and the prices in force stay.
   * Rejects with CONFIG_ERROR when refresh is off, ABORTED once the runtime is closed.
   */
  refresh(): Promise<PriceRefreshOutcome>;
  status(): PriceRefreshStatus;
  /** Resolves once the start-up step is over: the stored copy read and, when it was due, the first fetch. */
  ready(): Promise<PriceRefreshStatus>;
}

/** What a {@link PriceRefresher} works with. */
export interface PriceRefresherSettings {
  options: PriceRefreshOptions;
  registry: ProviderRegistry;
  /** Where the last good copy is kept, for restarts and other instances. */
  store?: StateStore;
  telemetry: TelemetrySink;
}

interface Copy extends StoredPrices {
  origin: 'store' | 'fetched';
}

/**
 * Live price refresh for one runtime: at start it lays the store's last good copy over the
 * catalogs (if any) and fetches when that copy is older than the interval; then it refreshes every
 * `intervalHours` on an unref'd timer. A good copy re-prices the registry (`setCatalogPricing`) and
 * is kept in the store; any failure keeps the copy in force. Each fetch emits `pricing-refresh`.
 */
export class PriceRefresher implements PriceRefresh {
  readonly #url: string;
  readonly #source: string;
  readonly #intervalMs: number;
  readonly #intervalHours: number;
  readonly #timeoutMs: number;
  readonly #settings: PriceRefresherSettings;
  readonly #abort = new AbortController();
  readonly #loaded: Promise<void>;
  readonly #ready: Promise<void>;
  #copy: Copy | undefined;
  #pricer: PriceDataPricer | undefined;
  #inFlight: Promise<PriceRefreshOutcome> | undefined;
  #lastAttemptAt: number | undefined;
  #lastError: { message: string; at: number } | undefined;
  #storeError: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dueAt: number | undefined;
  #closed = false;

  /** Starts at once: calls are priced from the catalogs (or the stored copy) until a fetch lands. */
  constructor(settings: PriceRefresherSettings) {
    this.#settings = settings;
    this.#url = settings.options.refreshUrl ?? DEFAULT_PRICE_DATA_URL;
    this.#source = priceDataSource(this.#url);
    this.#intervalHours = settings.options.intervalHours;
    this.#intervalMs = settings.options.intervalHours * 3_600_000;
    this.#timeoutMs = settings.options.timeoutMs ?? DEFAULT_PRICE_REFRESH_TIMEOUT_MS;
    this.#loaded = this.#loadStored();
    this.#ready = this.#loaded.then(async () => {
      const age = this.#copy ? Date.now() - this.#copy.fetchedAt : Number.POSITIVE_INFINITY;
      if (this.#copy && age < this.#intervalMs) this.#schedule(this.#copy.fetchedAt + this.#intervalMs);
      else if (!this.#closed) await this.refresh().catch(() => undefined);
    });
  }

  refresh(): Promise<PriceRefreshOutcome> {
    if (this.#closed) return Promise.reject(closedError());
    this.#inFlight ??= this.#loaded
      .then(() => this.#fetch())
      .finally(() => {
        this.#inFlight = undefined;
      });
    return this.#inFlight;
  }

  status(): PriceRefreshStatus {
    const copy = this.#copy;
    return {
      enabled: true,
      source: this.#source,
      intervalHours: this.#intervalHours,
      origin: copy?.origin ?? 'bundled',
      models: this.#models(),
      ...(copy && { lastSuccessAt: copy.fetchedAt }),
      ...(copy?.version !== undefined && { version: copy.version }),
      ...(copy?.dataDate !== undefined && { dataDate: copy.dataDate }),
      ...(this.#lastAttemptAt !== undefined && { lastAttemptAt: this.#lastAttemptAt }),
      ...(this.#lastError && { lastError: { ...this.#lastError } }),
      ...(this.#storeError !== undefined && { storeError: this.#storeError }),
      ...(this.#dueAt !== undefined && !this.#closed && { nextRefreshAt: this.#dueAt }),
    };
  }

  async ready(): Promise<PriceRefreshStatus> {
    await this.#ready;
    return this.status();
  }

  /** Stops the timer and aborts a fetch in flight; the prices in force stay. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#abort.abort(closedError());
  }

  #models(): number {
    return this.#pricer?.count(this.#settings.registry.list()) ?? 0;
  }

  async #loadStored(): Promise<void> {
    const store = this.#settings.store;
    if (!store) return;
    try {
      const stored = await readStoredPrices(store, this.#source);
      if (stored && !this.#closed) this.#apply({ ...stored, origin: 'store' });
    } catch {
      // an unreadable store is no copy: the catalogs' prices stay until a fetch lands
    }
  }

  /** Lays `copy` over the catalogs; throws (leaving the registry as it was) when it cannot be applied. */
  #apply(copy: Copy): void {
    const pricer = pricerFromPriceData(copy.data, new Date());
    this.#settings.registry.setCatalogPricing(pricer.price);
    this.#pricer = pricer;
    this.#copy = copy;
  }

  async #fetch(): Promise<PriceRefreshOutcome> {
    if (this.#closed) throw closedError();
    const at = Date.now();
    this.#lastAttemptAt = at;
    const held = this.#copy;
    let outcome: PriceRefreshOutcome;
    try {
      const answer = await fetchPriceData(this.#url, {
        timeoutMs: this.#timeoutMs,
        signal: this.#abort.signal,
        ...(held?.version !== undefined && { etag: held.version }),
      });
      if (this.#closed) throw closedError();
      const data: PriceData | undefined = answer.notModified ? held?.data : answer.data;
      if (!data) throw new Error('the server answered 304 for a copy this runtime does not hold');
      const { notModified: _, ...about } = answer;
      const copy: Copy = {
        source: this.#source,
        fetchedAt: at,
        ...(answer.notModified && held?.version !== undefined && { version: held.version }),
        ...(answer.notModified && held?.dataDate !== undefined && { dataDate: held.dataDate }),
        ...about,
        data,
        origin: 'fetched',
      };
      this.#apply(copy);
      await this.#keep(copy);
      outcome = {
        outcome: 'ok',
        source: this.#source,
        at,
        durationMs: Date.now() - at,
        models: this.#models(),
        ...(copy.version !== undefined && { version: copy.version }),
        ...(copy.dataDate !== undefined && { dataDate: copy.dataDate }),
        ...(answer.notModified && { notModified: true }),
      };
    } catch (error) {
      if (this.#closed) throw closedError();
      const message = error instanceof Error ? error.message : String(error);
      this.#lastError = { message, at };
      outcome = {
        outcome: 'failed',
        source: this.#source,
        at,
        durationMs: Date.now() - at,
        models: this.#models(),
        error: message,
      };
    }
    const { at: _at, ...reported } = outcome;
    this.#settings.telemetry.emit({ type: 'pricing-refresh', time: Date.now(), requestId: '', ...reported });
    this.#schedule(Date.now() + this.#intervalMs);
    return outcome;
  }

  /** Keeps the good copy in the store; a store that fails is reported in the status, not as a failed refresh. */
  async #keep(copy: Copy): Promise<void> {
    const store = this.#settings.store;
    if (!store) return;
    const { origin: _, ...stored } = copy;
    try {
      await writeStoredPrices(store, stored);
      this.#storeError = undefined;
    } catch (error) {
      this.#storeError = error instanceof Error ? error.message : String(error);
    }
  }

  /** The next refresh at `dueAt`, on an unref'd timer (re-armed for waits past a timer's longest). */
  #schedule(dueAt: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#dueAt = dueAt;
    const arm = () => {
      const wait = Math.min(Math.max(0, dueAt - Date.now()), MAX_TIMER_MS);
      this.#timer = setTimeout(() => {
        if (Date.now() < dueAt) arm();
        else this.refresh().catch(() => undefined);
      }, wait);
      this.#timer.unref?.();
    };
    arm();
  }
}

/** `runtime.pricing` without the `pricing` option: the bundled catalogs' prices, no refresh. */
export const PRICE_REFRESH_OFF: PriceRefresh = {
  refresh: () =>
    Promise.reject(
      configError(
        'pricing',
        'live price refresh is off: set pricing: { intervalHours } (and optionally refreshUrl) in the config or createRuntime',
      ),
    ),
  status: () => ({ enabled: false, origin: 'bundled', models: 0 }),
  ready: async () => ({ enabled: false, origin: 'bundled', models: 0 }),
};

function closedError() {
  return abortedError(undefined, { message: 'The runtime was closed' });
}
