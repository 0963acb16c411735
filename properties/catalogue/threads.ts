import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { smallSizeArb } from '../arbitraries/sizes';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import { settleWithin } from '../harness/settle';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';

type ThreadStep = { readonly op: 'alloc'; readonly shape: number; readonly size: bigint; readonly sleep: boolean } | { readonly op: 'free'; readonly pick: number };

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shapes: ReadonlyArray<S>;
  readonly threads: ReadonlyArray<ReadonlyArray<ThreadStep>>;
  readonly scheduler: fc.Scheduler;
}

/** How many rounds of "release everything and let the blocked threads go on" a run may take. */
const MAX_ROUNDS = 12;
/** How long a wait for progress polls every turn of the event loop before it polls every millisecond. */
const SPIN_MS = 2;

/**
 * Several callers (threads in user context) run their own requests and
 * releases at once, in an order fast-check's scheduler picks; a blocking
 * request parks its thread until it is served. Whenever every thread is
 * either done or parked, the suite releases all memory: a parked request
 * that an empty allocator can meet must then be served (no lost wake-up),
 * and through it all no two allocations overlap and every one keeps its data.
 */
export function threadsProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input<S>> {
  const w = fam.waiting;
  if (w === undefined) throw new Error(`threadsProperty: family ${fam.name} has no waiting mode`);
  const step = (pageSize: number, shapes: number) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant('alloc' as const), shape: fc.nat({ max: shapes - 1 }), size: smallSizeArb(pageSize, 8), sleep: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat({ max: 7 }) }) },
    );
  return {
    name: `${fam.name}.threads`,
    clauses: [...new Set([...constraintClauses(fam), 'dma.no-overlap', 'dma.data-integrity', 'dma.release-restores', w.nosleep, w.sleep, w.wakeup])],
    families: [fam.family],
    strength: 'MUST',
    runs: 40,
    arbitrary: () =>
      memoryMapArb().chain((gen) =>
        fc.array(fam.shapeArb, { minLength: 1, maxLength: 2 }).chain((shapes) =>
          fc.record({
            gen: fc.constant(gen),
            shapes: fc.constant(shapes),
            threads: fc.array(fc.array(step(gen.pageSize, shapes.length), { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 3 }),
            scheduler: fc.scheduler(),
          }),
        ),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, input.shapes);
      await s.boot();
      for (let i = 0; i < input.shapes.length; i++) await s.token(i);
      // Only requests an empty allocator meets may block: any other could rightly wait forever.
      const meetable = new Set<string>();
      await d.trace.quietly(
        async () => {
          for (const t of input.threads) {
            for (const st of t) {
              const key = `${st.op === 'alloc' ? `${st.shape}:${st.size}` : ''}`;
              if (st.op !== 'alloc' || !st.sleep || meetable.has(key)) continue;
              const got = await s.allocate(st.shape, st.size);
              if (got.kind === 'memory') {
                meetable.add(key);
                await s.release(got.live);
              }
            }
          }
        },
        () => `  (tried each blocking request once on empty memory: ${meetable.size} can be met)`,
      );
      const released = new Set<Live>();
      const parked = new Map<number, { shape: number; size: bigint }>();
      // Threads running right now: neither parked, nor waiting for their turn, nor done.
      let active = input.threads.length;
      const pause = async <T>(p: Promise<T>): Promise<T> => {
        active--;
        try {
          return await p;
        } finally {
          active++;
        }
      };
      const runThread = async (t: ReadonlyArray<ThreadStep>, n: number) => {
        try {
          await steps(t, n);
        } finally {
          active--;
        }
      };
      const steps = async (t: ReadonlyArray<ThreadStep>, n: number) => {
        const mine: Live[] = [];
        for (const st of t) {
          await pause(input.scheduler.schedule(Promise.resolve(), `thread ${n}`));
          if (st.op === 'free') {
            const live = mine.filter((l) => !released.has(l));
            const l = live[st.pick % Math.max(1, live.length)];
            if (l !== undefined) {
              released.add(l);
              await s.release(l);
            }
            continue;
          }
          const sleep = st.sleep && meetable.has(`${st.shape}:${st.size}`);
          const got = await s.allocate(st.shape, st.size, sleep);
          if (got.kind === 'null' && sleep) fail(w.sleep, `thread ${n}: a blocking ${fam.allocService} of ${hex(st.size)} bytes returned NULL`);
          if (got.kind === 'memory') mine.push(got.live);
          if (got.kind === 'waiting') {
            parked.set(n, { shape: st.shape, size: st.size });
            const r = await pause(got.later.later);
            parked.delete(n);
            if (r.kind === 'error') throw r.error;
            const judged = await s.judge(r, (await s.token(st.shape))!, st.shape, st.size);
            if (judged.kind === 'null') fail(w.sleep, `thread ${n}: a blocking ${fam.allocService} woke with NULL`);
            if (judged.kind === 'memory') mine.push(judged.live);
          }
        }
      };
      const done = input.threads.map((t, n) => runThread(t, n + 1));
      let finished = false;
      // A thread that fails ends the run: the loop stops and `await all` below raises its failure.
      const all = Promise.all(done).finally(() => (finished = true));
      all.catch(() => undefined);
      // Waits while a thread is running; otherwise until one wakes or takes a turn, at most `ms` (an in-process allocator wakes within a tick).
      const progress = async (ms: number) => {
        const start = Date.now();
        const until = start + ms;
        const before = parked.size;
        while (!finished && input.scheduler.count() === 0 && (active > 0 || (parked.size === before && Date.now() < until))) {
          // Turn by turn at first (a call through --exec answers within that); then by the millisecond, so that
          // waiting on a slow wake-up leaves the CPU to the allocator and to other jobs rather than spinning.
          await new Promise<void>((r) => (Date.now() - start < SPIN_MS ? setImmediate(r) : setTimeout(r, 1)));
        }
      };
      /**
       * All memory is free and threads still sleep. Their requests were met on
       * empty memory at the start: one the allocator cannot meet now was lost
       * by a release; one it meets for a caller that does not wait, while the
       * sleeper sleeps on past the wake-up deadline, is a lost wake-up.
       */
      const judgeParked = async () => {
        const before = parked.size;
        let met: { shape: number; size: bigint } | undefined;
        for (const req of parked.values()) {
          const got = await s.allocate(req.shape, req.size);
          if (got.kind !== 'memory') continue;
          await s.release(got.live);
          met = req;
          break;
        }
        if (met === undefined) {
          // A release may have handed memory to a woken sleeper whose call completes later, within the
          // wake-up deadline: that memory is not free, yet nothing is lost. Only once the deadline has
          // passed with no sleeper waking is a request that empty memory met, and now cannot, lost memory.
          await progress(d.options.wakeMs);
          if (parked.size < before || finished) return;
          const [req] = parked.values();
          fail('dma.release-restores', `all memory is free again, yet a request of ${hex(req!.size)} bytes met on empty memory at the start is not met now, ${d.options.wakeMs} ms after the last release`);
        }
        await progress(d.options.wakeMs);
        if (parked.size < before || finished) return;
        const again = await s.allocate(met.shape, met.size);
        if (again.kind === 'memory') fail(w.wakeup, `all memory is free, yet ${parked.size} thread(s) still sleep ${d.options.wakeMs} ms after their request was met for a caller that does not wait`);
      };
      // Each pass either lets scheduled turns run or, when nothing can move, releases everything (a round).
      const passes = input.threads.reduce((n, t) => n + t.length, 0) * 2 + MAX_ROUNDS;
      for (let pass = 0, round = 0; pass < passes && round < MAX_ROUNDS && !finished; pass++) {
        await input.scheduler.waitAll();
        await progress(d.options.graceMs);
        if (finished) break;
        if (input.scheduler.count() > 0) continue;
        round++;
        // Every thread is done or parked: release everything, which must let the parked ones go on.
        await s.verifyContents();
        // Only allocations whose data is in place: a thread may still be filling a fresh one.
        for (const l of s.live.items.filter((x) => x.written)) {
          released.add(l);
          await s.release(l);
        }
        await progress(d.options.graceMs * 4);
        if (!finished && active === 0 && parked.size > 0 && s.live.size === 0 && input.scheduler.count() === 0) await judgeParked();
      }
      const end = await settleWithin(all, d.options.timeoutMs);
      if (end.state === 'pending') fail(w.wakeup, `after ${MAX_ROUNDS} rounds of releasing everything, ${parked.size} thread(s) still wait`);
      await all;
      await s.verifyContents();
      await s.releaseAll();
    },
  };
}
