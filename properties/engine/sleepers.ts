import { hex } from '../../spec/address/u64';
import { fail } from '../harness/failures';
import type { Outcome } from '../harness/outcome';
import { settleWithin } from '../harness/settle';
import type { Live } from './live-set';
import type { Session } from './session';

type Waiting = Outcome<bigint | null> & { kind: 'pending' };

interface Sleeper {
  readonly n: number;
  readonly shapeIndex: number;
  readonly size: bigint;
  readonly later: Waiting['later'];
  done: boolean;
}

/** The clauses a family's blocking mode is judged by. */
export interface SleepClauses {
  readonly sleep: string;
  readonly wakeup: string;
}

/**
 * Callers asleep in a blocking request, and the judgement of what the
 * documents promise them: a blocking request never ends in NULL, and a
 * sleeper is woken once its request can be met. "Can be met" is never the
 * suite's guess (placement, rounding and headers are the allocator's own
 * business) but the allocator's own answer: if a non-blocking request of the
 * very same shape and size succeeds while the sleeper sleeps on, and the
 * sleeper is still asleep a wake-up deadline after that memory was given
 * back, the wake-up was lost. Which sleeper wakes first, and how soon
 * within the deadline, is the allocator's choice.
 */
export class Sleepers<S> {
  private readonly all: Sleeper[] = [];
  /** Memory the sleepers were served: the caller releases it when done. */
  readonly served: Live[] = [];

  constructor(
    private readonly s: Session<S>,
    private readonly clauses: SleepClauses,
  ) {}

  get waiting(): number {
    return this.all.filter((w) => !w.done).length;
  }

  add(shapeIndex: number, size: bigint, later: Waiting['later']): void {
    this.all.push({ n: this.all.length + 1, shapeIndex, size, later, done: false });
  }

  /** Waits up to `ms` for any sleeper to wake, and judges those that did. Returns how many woke. */
  async settle(ms: number): Promise<number> {
    const open = this.all.filter((w) => !w.done);
    if (open.length === 0) return 0;
    let woke = 0;
    const any = Promise.race(open.map((w) => w.later));
    await settleWithin(any, ms);
    // Everything that settled by now, in arrival order.
    for (const w of open) {
      const r = await settleWithin(w.later, 0);
      if (r.state !== 'fulfilled') continue;
      w.done = true;
      woke++;
      await this.judge(w, r.value);
    }
    return woke;
  }

  private async judge(w: Sleeper, r: Awaited<Waiting['later']>): Promise<void> {
    if (r.kind === 'error') throw r.error;
    if (r.kind === 'value' && r.value === null) fail(this.clauses.sleep, `a blocking ${this.s.fam.allocService} of ${hex(w.size)} bytes woke with NULL`);
    const token = (await this.s.token(w.shapeIndex))!;
    const judged = await this.s.judge(r, token, w.shapeIndex, w.size);
    if (judged.kind === 'null') fail(this.clauses.sleep, `a blocking ${this.s.fam.allocService} of ${hex(w.size)} bytes woke with NULL`);
    if (judged.kind === 'memory') this.served.push(judged.live);
  }

  /**
   * Lets the sleepers run until none can: each round waits a moment for
   * wake-ups; when none comes, asks the allocator, without waiting, for the
   * request of each sleeper still asleep. Success means its memory is free:
   * that memory is given back and the sleepers get the wake-up deadline to
   * take it. A sleeper still asleep after it, while the same request is met
   * once more, lost its wake-up. With `release`, memory the sleepers were
   * served is given back as they wake, so the others can go on.
   */
  async drain(quietMs: number, wakeMs: number, release: boolean): Promise<void> {
    for (let round = 0; round < this.all.length * 3 + 3 && this.waiting > 0; round++) {
      if ((await this.settle(quietMs)) > 0) {
        if (release) await this.giveBack();
        continue;
      }
      const stuck = await this.firstMeetable();
      if (stuck === null) return;
      const woke = await this.settle(wakeMs);
      if (woke > 0) {
        if (release) await this.giveBack();
        continue;
      }
      const again = await this.s.allocate(stuck.shapeIndex, stuck.size);
      if (again.kind === 'memory') {
        fail(
          this.clauses.wakeup,
          `sleeper ${stuck.n} (${hex(stuck.size)} bytes) is still asleep ${wakeMs} ms after the same request was met without waiting, and it is met again`,
        );
      }
    }
  }

  /** The first sleeper whose request a non-blocking call meets right now; that memory is given straight back. */
  private async firstMeetable(): Promise<Sleeper | null> {
    for (const w of this.all) {
      if (w.done) continue;
      const got = await this.s.allocate(w.shapeIndex, w.size);
      if (got.kind !== 'memory') continue;
      await this.s.release(got.live);
      return w;
    }
    return null;
  }

  async giveBack(): Promise<void> {
    for (const l of this.served.splice(0)) if (this.s.live.items.includes(l)) await this.s.release(l);
  }
}
