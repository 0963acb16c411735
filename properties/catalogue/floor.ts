import { hex } from '../../spec/address/u64';
import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import type { Driver } from '../harness/driver';
import { fail } from '../harness/failures';
import { settleWithin } from '../harness/settle';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

export const FLOOR_CLAUSE = 'dma.free-memory-served';

const PAGE = 4096n;
const MB = 1n << 20n;

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const fixed = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

/**
 * Maps whose RAM holds one whole range of 512 pages, off page 0 and below
 * 16 MiB, so no address limit of either family bites: alone, after a range
 * too small for the larger requests, and beside a reserved range.
 */
const MAPS: ReadonlyArray<GeneratedMap> = [
  fixed('one-2m-range', ram(MB, 512n * PAGE)),
  fixed('small-then-2m', ram(MB, PAGE), ram(2n * MB, 512n * PAGE)),
  fixed('2m-then-reserved', ram(4n * MB, 512n * PAGE), { base: 4n * MB + 512n * PAGE, length: MB, type: 'reserved' }),
];

/** One byte, a page, and a few pages and a byte: at most 1/64 of the range however an allocator rounds or heads them. */
const SIZES: ReadonlyArray<bigint> = [1n, PAGE, 4n * PAGE + 1n];

interface Probe {
  readonly gen: GeneratedMap;
  readonly size: bigint;
}

const CASES = MAPS.flatMap((gen) => SIZES.map((size) => ({ label: `${hex(size)} bytes on a fresh ${gen.map.name} map`, input: { gen, size } })));

/**
 * The absolute floor under every allocator, whatever its overhead: on a
 * freshly set-up map with nothing live, a modest request with the easiest
 * constraints (the family's probe shape: contiguous, no alignment, no
 * boundary, no limit below the map) is served, at once without waiting
 * and, where the family has a blocking call, within the wake-up deadline
 * by that too. Enumerated, so it holds on every seed; a correct
 * allocator answers each case at once.
 */
export function floorProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<null> {
  const sleep = fam.waiting?.sleep;
  return enumeratedProperty<Probe>({
    name: `${fam.name}.serves-free-memory`,
    clauses: sleep === undefined ? [FLOOR_CLAUSE] : [FLOOR_CLAUSE, sleep],
    families: [fam.family],
    cases: CASES,
    async check(d, p) {
      // Without waiting first, then (where the family can) waiting: each on a freshly set-up map.
      for (const blocking of fam.waiting === undefined ? [false] : [false, true]) await serve(d, fam, p, blocking);
    },
  });
}

async function serve<S>(d: Driver, fam: FamilyAdapter<S>, p: Probe, blocking: boolean): Promise<void> {
  const s = new Session(d, fam, p.gen);
  await s.boot();
  const what = `a ${blocking ? 'blocking' : 'non-blocking'} ${fam.allocService} of ${hex(p.size)} bytes (${fam.describe(fam.probeShape)})`;
  const free = 'though nothing is allocated and a RAM range of at least 64 times its size is free';
  let got = await s.allocate(s.probeIndex, p.size, blocking);
  if (got.kind === 'waiting') {
    const later = await settleWithin(got.later.later, d.options.wakeMs);
    if (later.state !== 'fulfilled') fail(FLOOR_CLAUSE, `${what} still sleeps ${d.options.wakeMs} ms later, ${free}`);
    if (later.value.kind === 'error') throw later.value.error;
    got = await s.judge(later.value, (await s.token(s.probeIndex))!, s.probeIndex, p.size);
  }
  // A refused handle or physreq is judged by the clauses of d_map_init and physreq_prep.
  if (got.kind === 'null' && (await s.token(s.probeIndex)) === null) return;
  if (got.kind === 'null') fail(blocking ? fam.waiting!.sleep : FLOOR_CLAUSE, `${what} returned NULL, ${free}`);
  if (got.kind === 'memory') await s.release(got.live);
}
