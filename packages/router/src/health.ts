import { isPalError, PalError, type Runtime, type TelemetrySink } from '@pal/core';

/** The last health check of one provider. */
export interface HealthStatus {
  healthy: boolean;
  checkedAt: number;
  /** Why the check failed. */
  error?: PalError;
}

/**
 * Checks every registered provider every `intervalMs` in the background (its
 * `validateCredentials`, the cheapest authenticated call, else `listModels`; a provider with
 * neither counts as healthy) and keeps the latest result. A change is a `health` telemetry event.
 * Timers are unref'd and stopped by {@link HealthMonitor.stop}.
 */
export class HealthMonitor {
  readonly #status = new Map<string, HealthStatus>();
  readonly #timer: ReturnType<typeof setInterval>;
  #running: Promise<void> | undefined;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: { intervalMs: number; timeoutMs?: number },
    private readonly telemetry: TelemetrySink,
    private readonly now: () => number,
  ) {
    this.#timer = setInterval(() => void this.checkAll(), options.intervalMs);
    this.#timer.unref?.();
    void this.checkAll();
  }

  /** The provider's last check (undefined before the first one ends). */
  status(providerId: string): HealthStatus | undefined {
    return this.#status.get(providerId);
  }

  /** Runs one round of checks now (a round already running is joined, not doubled). */
  checkAll(): Promise<void> {
    this.#running ??= Promise.all(
      this.runtime.registry.list().map((adapter) => this.#check(adapter.id)),
    ).then(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #check(providerId: string): Promise<void> {
    const adapter = this.runtime.registry.get(providerId);
    const timeoutMs = this.options.timeoutMs ?? Math.min(5000, this.options.intervalMs);
    const signal = AbortSignal.timeout(timeoutMs);
    let error: PalError | undefined;
    try {
      const probe = adapter.validateCredentials
        ? adapter.validateCredentials({ signal })
        : adapter.listModels?.({ signal });
      await Promise.race([
        probe,
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(timedOut(providerId, timeoutMs)), { once: true }),
        ),
      ]);
    } catch (thrown) {
      error = isPalError(thrown) ? thrown : adapter.toPalError(thrown);
    }
    const previous = this.#status.get(providerId);
    const status: HealthStatus = { healthy: !error, checkedAt: this.now(), ...(error && { error }) };
    this.#status.set(providerId, status);
    if (previous?.healthy !== status.healthy) {
      this.telemetry.emit({
        type: 'health',
        time: status.checkedAt,
        requestId: '',
        provider: providerId,
        healthy: status.healthy,
        ...(error && { error }),
      });
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

function timedOut(providerId: string, ms: number): PalError {
  return new PalError({
    code: 'TIMEOUT',
    message: `The health check of ${providerId} took longer than ${ms} ms`,
    provider: providerId,
  });
}
