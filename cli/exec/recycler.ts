import { performance } from 'node:perf_hooks';
import { createSubprocessImplementation, type SubprocessImplementation, type SubprocessOptions } from './subprocess-implementation';

/** What starting processes cost a run: it is outside every property's TIME. */
export interface StartCost {
  readonly processes: number;
  readonly ms: number;
}

/**
 * Hands out an implementation per property. A process that announced
 * `reset` in its hello serves property after property: when one property is
 * done with it, it goes back to rest, and the next gets it after a `reset`,
 * unless it broke down or missed a deadline, in which case it is ended and a
 * fresh one started. A process without `reset` serves one property and is
 * ended with it, as protocol 1 always had it.
 */
export class SubprocessRecycler {
  private readonly resting: SubprocessImplementation[] = [];
  private readonly owned = new Set<SubprocessImplementation>();
  private closed = false;
  private started = 0;
  private startMs = 0;

  constructor(
    readonly command: string,
    private readonly options: SubprocessOptions = {},
  ) {}

  get startCost(): StartCost {
    return { processes: this.started, ms: this.startMs };
  }

  async take(): Promise<SubprocessImplementation> {
    for (let owner = this.resting.pop(); owner !== undefined; owner = this.resting.pop()) {
      if (owner.reusable) {
        try {
          await owner.reset();
          return this.lease(owner);
        } catch {
          // A process that cannot reset is ended below; a fresh one takes its place.
        }
      }
      await this.end(owner);
    }
    const t0 = performance.now();
    const owner = await createSubprocessImplementation(this.command, this.options);
    this.started++;
    this.startMs += performance.now() - t0;
    if (!owner.reusable) return owner;
    this.owned.add(owner);
    return this.lease(owner);
  }

  /** Ends every process kept here (those of leases still out included). */
  async close(): Promise<void> {
    this.closed = true;
    this.resting.length = 0;
    const all = [...this.owned];
    this.owned.clear();
    await Promise.all(all.map((o) => o.dispose()));
  }

  private lease(owner: SubprocessImplementation): SubprocessImplementation {
    return owner.lease(async () => {
      if (!this.closed && owner.reusable) this.resting.push(owner);
      else await this.end(owner);
    });
  }

  private async end(owner: SubprocessImplementation): Promise<void> {
    this.owned.delete(owner);
    await owner.dispose();
  }
}
