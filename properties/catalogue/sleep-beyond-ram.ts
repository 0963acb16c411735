import { hex } from '../../spec/address/u64';
import { SPLIT_MAP } from '../arbitraries/fixed-maps';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import { settleWithin } from '../harness/settle';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

interface Probe {
  readonly gen: GeneratedMap;
  readonly size: bigint;
}

const ramOf = (gen: GeneratedMap) => gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);

/** One byte more than all RAM, on a map whose ranges are each smaller still: it can never be met. */
const CASES = [SPLIT_MAP].map((gen) => ({ label: `${hex(ramOf(gen) + 1n)} bytes on ${gen.map.name}`, input: { gen, size: ramOf(gen) + 1n } }));

/**
 * A blocking request larger than all RAM still blocks: the documents let
 * a caller that may sleep wait, possibly for ever, but never hand it NULL.
 * One case, at the edge: a correct allocator pays the driver's grace
 * time for it. Only an answer given at once (or within a few event-loop
 * turns) is judged; the sleeper is left asleep.
 */
export function sleepBeyondRamProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<null> {
  const w = fam.waiting;
  if (w === undefined) throw new Error(`sleepBeyondRamProperty: family ${fam.name} has no waiting mode`);
  return enumeratedProperty<Probe>({
    name: `${fam.name}.sleep-beyond-ram`,
    clauses: [w.sleep, 'dma.within-ram'],
    families: [fam.family],
    cases: CASES,
    async check(d, p) {
      const s = new Session(d, fam, p.gen);
      await s.boot();
      const got = await s.allocate(s.probeIndex, p.size, true);
      const what = `a blocking ${fam.allocService} of ${hex(p.size)} bytes, more than the ${hex(ramOf(p.gen))} bytes of RAM,`;
      if (got.kind === 'null' && (await s.token(s.probeIndex)) !== null) fail(w.sleep, `${what} returned NULL instead of waiting`);
      if (got.kind !== 'waiting') return;
      const later = await settleWithin(got.later.later, 0);
      if (later.state !== 'fulfilled') return;
      if (later.value.kind === 'error') throw later.value.error;
      const woke = await s.judge(later.value, (await s.token(s.probeIndex))!, s.probeIndex, p.size);
      if (woke.kind === 'null') fail(w.sleep, `${what} woke with NULL`);
    },
  });
}
