import type { EmulatorThread } from './emulator-thread.js';

/**
 * Counts, for one benchmark task, the calls it made and the requests that reached the emulator
 * while it ran (timed rounds only: warm-up is left out of both counts). Put {@link UpstreamTally.call}
 * in the task's function and the round hooks in its `beforeRound` / `afterRound`.
 */
export class UpstreamTally {
  /** Calls made in timed rounds. */
  calls = 0;
  /** Requests the emulator received in timed rounds. */
  upstream = 0;
  readonly #emulator: EmulatorThread;
  #made = 0;
  #madeAtStart = 0;
  #upstreamAtStart = 0;

  constructor(emulator: EmulatorThread) {
    this.#emulator = emulator;
  }

  /** Records one call of the task. */
  call(): void {
    this.#made++;
  }

  /** Marks the start of a timed round. */
  readonly beforeRound = async (): Promise<void> => {
    this.#madeAtStart = this.#made;
    this.#upstreamAtStart = await this.#emulator.requestCount();
  };

  /** Adds the round's counts, then lets the emulator drop its recorded requests. */
  readonly afterRound = async (): Promise<void> => {
    this.calls += this.#made - this.#madeAtStart;
    this.upstream += (await this.#emulator.requestCount()) - this.#upstreamAtStart;
    await this.#emulator.reset();
  };

  /** `"<upstream> of <calls>"` for a finding. */
  describe(): string {
    return `${this.upstream.toLocaleString('en-US')} of ${this.calls.toLocaleString('en-US')} calls went upstream`;
  }
}
