/**
 * Shared memory through which a worker tells the main thread, without a
 * message per call, whether an allocator call is under way, which one, and
 * which run of the property it belongs to. The main thread reads it on its
 * own timer, so a call that never returns is seen even while the worker's
 * thread is stuck inside it.
 */
const CALLS = 0;
const ACTIVE = 1;
const RUNS = 2;
const FAILED = 3;
const SLOTS = 4;

export function newCallSlot(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** The worker's side. */
export class CallWriter {
  private readonly cells: Int32Array;
  constructor(shared: SharedArrayBuffer) {
    this.cells = new Int32Array(shared);
  }
  /** A new property: no run yet, none failed. */
  reset(): void {
    Atomics.store(this.cells, RUNS, 0);
    Atomics.store(this.cells, FAILED, 0);
    Atomics.store(this.cells, ACTIVE, 0);
  }
  enter(id: number): void {
    Atomics.add(this.cells, CALLS, 1);
    Atomics.store(this.cells, ACTIVE, id);
  }
  leave(): void {
    Atomics.store(this.cells, ACTIVE, 0);
  }
  runStarted(): void {
    Atomics.add(this.cells, RUNS, 1);
  }
  /** Keeps the number of the first run that failed. */
  runFailed(): void {
    Atomics.compareExchange(this.cells, FAILED, 0, Atomics.load(this.cells, RUNS));
  }
}

export interface CallState {
  /** Counts calls entered: the same value twice means the same call. */
  readonly calls: number;
  /** The call's id (see the worker's names), 0 between calls. */
  readonly active: number;
  readonly runs: number;
  /** The first run that failed (1-based), 0 if none: after it fast-check shrinks, and a run's path is no longer a plain index. */
  readonly firstFailed: number;
}

export function readCallSlot(shared: SharedArrayBuffer): CallState {
  const cells = new Int32Array(shared);
  return { calls: Atomics.load(cells, CALLS), active: Atomics.load(cells, ACTIVE), runs: Atomics.load(cells, RUNS), firstFailed: Atomics.load(cells, FAILED) };
}
