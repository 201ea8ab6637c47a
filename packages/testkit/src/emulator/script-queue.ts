import type { ScriptStep } from './types.js';

/** A recorded vendor response waiting to be served: `.json` bodies or `.chunks.txt` (one JSON chunk per line). */
export interface QueuedFixture {
  format: 'json' | 'chunks';
  text: string;
  /** Where the fixture was read from (for error messages). */
  source: string;
}

function pathMatches(step: ScriptStep, path: string): boolean {
  if (step.path === undefined) return true;
  return typeof step.path === 'string' ? step.path === path : step.path.test(path);
}

/**
 * The steps scripted for upcoming calls: an ordered queue (`script`), steps pinned to a call
 * number (`scriptCall`) and fixtures to replay. A pinned step wins over the queue.
 */
export class ScriptQueue {
  private queue: ScriptStep[] = [];
  private pinned = new Map<number, ScriptStep>();
  private fixtures: QueuedFixture[] = [];

  /** Appends steps for the next calls, in order. */
  push(steps: ScriptStep[]): void {
    this.queue.push(...steps);
  }

  /** Pins `step` to call number `call` (1-based). */
  pin(call: number, step: ScriptStep): void {
    this.pinned.set(call, step);
  }

  /** Queues a fixture for the next call. */
  pushFixture(fixture: QueuedFixture): void {
    this.fixtures.push(fixture);
  }

  /** Removes and returns the step for call `call` on `path`: the pinned one, else the first queued match. */
  takeStep(call: number, path: string): ScriptStep | undefined {
    const pinned = this.pinned.get(call);
    if (pinned && pathMatches(pinned, path)) {
      this.pinned.delete(call);
      return pinned;
    }
    const index = this.queue.findIndex((step) => pathMatches(step, path));
    if (index === -1) return undefined;
    return this.queue.splice(index, 1)[0];
  }

  /** Removes and returns the next fixture to replay, if any. */
  takeFixture(): QueuedFixture | undefined {
    return this.fixtures.shift();
  }

  /** Forgets every scripted step and fixture. */
  clear(): void {
    this.queue = [];
    this.pinned.clear();
    this.fixtures = [];
  }
}
