import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { smallSizeArb } from '../arbitraries/sizes';
import { fail } from '../harness/failures';
import type { Outcome } from '../harness/outcome';
import { settleWithin } from '../harness/settle';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shape: S;
  readonly size: bigint;
  readonly waiters: number;
  readonly scheduler: fc.Scheduler;
}

type Waiting = Outcome<bigint | null> & { kind: 'pending' };

/**
 * Fill memory with non-blocking requests until one fails, then race
 * blocking requests of the same shape against releases of the blocks, in
 * an order fast-check's scheduler chooses. Non-blocking calls never wait;
 * blocking calls never return NULL; as many blocking callers as blocks
 * released are served (each released block satisfies one of them).
 */
export function sleepProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input<S>> {
  const w = fam.waiting;
  if (w === undefined) throw new Error(`sleepProperty: family ${fam.name} has no waiting mode`);
  return {
    name: `${fam.name}.sleep`,
    clauses: [...new Set([w.nosleep, w.sleep, w.wakeup])],
    families: [fam.family],
    strength: 'MUST',
    runs: 40,
    arbitrary: () =>
      memoryMapArb().chain((gen) =>
        fc.record({
          gen: fc.constant(gen),
          shape: fam.shapeArb,
          size: smallSizeArb(gen.pageSize, 4),
          waiters: fc.integer({ min: 1, max: 3 }),
          scheduler: fc.scheduler(),
        }),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, [input.shape]);
      await s.boot();
      // Made before the fill, so the trace shows the physreq the requests use.
      const token = await s.token(0);
      if (token === null) return;
      const blocks: Live[] = [];
      const limit = Number(s.gen.map.ranges.reduce((n, r) => n + r.length, 0n) / s.pageBytes) + 1;
      await d.trace.quietly(
        async () => {
          for (;;) {
            if (blocks.length > limit) fail('dma.no-overlap', `more blocks than the map has pages`);
            const got = await s.allocate(0, input.size);
            if (got.kind !== 'memory') break;
            blocks.push(got.live);
          }
        },
        () => `  (filled memory: ${blocks.length} non-blocking requests of ${hex(input.size)} bytes succeeded, the next failed)`,
      );
      const k = Math.min(input.waiters, blocks.length);
      if (k === 0) return;
      const waiting: Waiting[] = [];
      let served = 0;
      const waiter = async () => {
        const got = await s.allocate(0, input.size, true);
        if (got.kind === 'null') fail(w.sleep, `a blocking ${fam.allocService} of ${hex(input.size)} bytes returned NULL`);
        if (got.kind === 'waiting') waiting.push(got.later);
        else if (got.kind === 'memory') served++;
      };
      const release = (b: Live) => () => s.release(b);
      const actions = [...Array.from({ length: k }, () => waiter), ...blocks.slice(0, k).map(release)];
      const labels = [...Array.from({ length: k }, (_, i) => `waiter ${i + 1}`), ...blocks.slice(0, k).map((b) => `release #${b.id}`)];
      const tasks = actions.map((act, i) => input.scheduler.schedule(Promise.resolve(labels[i]), labels[i]).then(act));
      await input.scheduler.waitAll();
      await Promise.all(tasks);
      for (const later of waiting) {
        const settled = await settleWithin(later.later, d.options.graceMs * 4);
        if (settled.state !== 'fulfilled') fail(w.wakeup, `a blocking caller is still waiting after ${k} block(s) of its own shape were released`);
        const r = settled.value;
        if (r.kind === 'error') throw r.error;
        if (r.kind === 'value' && r.value === null) fail(w.sleep, `a blocking ${fam.allocService} woke with NULL`);
        const judged = await s.judge(r, token, 0, input.size);
        if (judged.kind === 'memory') served++;
      }
      if (served < k) fail(w.wakeup, `${k} block(s) were released but only ${served} of ${k} blocking caller(s) were served`);
      await s.verifyContents();
      await s.releaseAll();
    },
  };
}
