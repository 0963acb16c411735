import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { fail } from '../harness/failures';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import { Sleepers } from '../engine/sleepers';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

/** A sleeper's request, relative to the blocks that fill memory. */
type Want = 'same' | 'half' | 'double' | 'plus-one' | 'probe-shape';

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shape: S;
  readonly size: bigint;
  readonly wants: ReadonlyArray<Want>;
  /** Releases, each of one block or of two in the same turn. */
  readonly releases: ReadonlyArray<1 | 2>;
  readonly scheduler: fc.Scheduler;
}

/** At least half a page, so a byte-granular allocator fills a small map in a few hundred calls. */
const fillSizeArb = (pageSize: number) => {
  const p = BigInt(pageSize);
  return fc.oneof(fc.constantFrom(p - 1n, p, p + 1n), fc.integer({ min: 1, max: 4 }).map((n) => BigInt(n) * p), fc.bigInt({ min: p / 2n, max: 4n * p }));
};

function sizeFor(want: Want, size: bigint): bigint {
  if (want === 'half') return size / 2n;
  if (want === 'double') return size * 2n;
  if (want === 'plus-one') return size + 1n;
  return size;
}

/**
 * Fill memory with non-blocking requests until one fails, then race
 * blocking requests (of the fill's size, half, double, one byte more, or
 * another shape) against releases of the blocks, one at a time or two in
 * one turn, in an order fast-check's scheduler chooses. Non-blocking calls
 * never wait; blocking calls never return NULL; and a sleeper is not left
 * asleep while the allocator meets its very request for a caller that does
 * not wait (engine/sleepers.ts). Nothing here counts pages or assumes one
 * released block serves one sleeper: placement, rounding and headers are
 * the allocator's business.
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
          size: fillSizeArb(gen.pageSize),
          wants: fc.array(fc.constantFrom<Want>('same', 'same', 'half', 'double', 'plus-one', 'probe-shape'), { minLength: 1, maxLength: 4 }),
          releases: fc.array(fc.constantFrom<1 | 2>(1, 2), { minLength: 1, maxLength: 3 }),
          scheduler: fc.scheduler(),
        }),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, [input.shape]);
      await s.boot();
      // Made before the fill, so the trace shows the physreq the requests use.
      if ((await s.token(0)) === null) return;
      const blocks: Live[] = [];
      const ram = s.gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);
      await d.trace.quietly(
        async () => {
          for (;;) {
            // Disjoint blocks inside RAM cannot add up to more than its bytes: a guard against an endless fill.
            if (BigInt(blocks.length) * input.size > ram) fail('dma.no-overlap', `the non-blocking requests met add up to more bytes than the map's RAM`);
            const got = await s.allocate(0, input.size);
            if (got.kind !== 'memory') break;
            blocks.push(got.live);
          }
        },
        () => `  (filled memory: ${blocks.length} non-blocking requests of ${hex(input.size)} bytes succeeded, the next failed)`,
      );
      if (blocks.length === 0) return;
      const sleepers = new Sleepers(s, w);
      const sleeper = (want: Want) => async () => {
        const shapeIndex = want === 'probe-shape' ? s.probeIndex : 0;
        const size = want === 'probe-shape' ? input.size : sizeFor(want, input.size);
        if (size === 0n || (await s.token(shapeIndex)) === null) return;
        const got = await s.allocate(shapeIndex, size, true);
        if (got.kind === 'null') fail(w.sleep, `a blocking ${fam.allocService} of ${hex(size)} bytes returned NULL`);
        if (got.kind === 'waiting') sleepers.add(shapeIndex, size, got.later.later);
        else if (got.kind === 'memory') sleepers.served.push(got.live);
      };
      let next = 0;
      const release = (count: 1 | 2) => async () => {
        // Two releases in one turn: nothing else runs between them.
        for (let i = 0; i < count && next < blocks.length; i++) await s.release(blocks[next++]!);
      };
      const actions = [...input.wants.map(sleeper), ...input.releases.map(release)];
      const labels = [...input.wants.map((want, i) => `sleeper ${i + 1} (${want})`), ...input.releases.map((c, i) => `release ${i + 1} (${c} block${c === 2 ? 's' : ''})`)];
      // The scheduler picks the order; each action then runs to its end before the next begins. Were they
      // to overlap, what a sleeper's call came to (an answer within the grace, or a wait) would depend on
      // how fast the machine runs the other actions, and so would the trace and the verdict.
      let turn: Promise<unknown> = Promise.resolve();
      const tasks = actions.map((act, i) => input.scheduler.schedule(Promise.resolve(labels[i]), labels[i]).then(() => (turn = turn.then(act))));
      await input.scheduler.waitAll();
      await Promise.all(tasks);
      await turn;
      // With the releases done, every sleeper that can be served must be, without giving back what the others took.
      await sleepers.drain(0, d.options.wakeMs, false);
      await s.verifyContents();
      // Then everything goes back, and the sleepers left must be served too, as far as memory allows.
      for (const b of blocks.slice(next)) await s.release(b);
      await sleepers.giveBack();
      await sleepers.drain(0, d.options.wakeMs, true);
      await s.verifyContents();
      await sleepers.giveBack();
    },
  };
}
