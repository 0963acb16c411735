import { hex } from '../../spec/address/u64';
import { classifyRequest } from '../../spec/constraints/classify';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

const PAGE = 4096n;
const MB = 1n << 20n;
const GB4 = 1n << 32n;
const CLAUSE = 'kmem_alloc_physcontig.fails-only-when-unavailable';

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const gen = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

interface Probe {
  readonly gen: GeneratedMap;
  readonly fields: Partial<PhysreqFields>;
  readonly size: bigint;
}

/**
 * Fresh maps where one range alone can hold the request: the highest, the
 * lowest, one fragment among many, a range of 4 GiB and more. That range
 * leaves room to spare (four times the request and more, an aligned spot
 * past its start), as the completeness reading asks, so an allocator's
 * headers and rounding never decide the case; every other range is too
 * small for the request itself.
 */
const PROBES: ReadonlyArray<Probe> = [
  { gen: gen('fit-only-highest', ram(MB, PAGE), ram(2n * MB, 32n * PAGE)), fields: {}, size: 4n * PAGE },
  { gen: gen('fit-only-lowest', ram(MB, 32n * PAGE), ram(2n * MB, PAGE)), fields: {}, size: 4n * PAGE },
  { gen: gen('aligned-fit-in-second', ram(MB + PAGE, 2n * PAGE), ram(2n * MB, 16n * PAGE)), fields: { phys_align: 2n * PAGE }, size: 2n * PAGE },
  { gen: gen('one-fragment-of-many', ...Array.from({ length: 10 }, (_, i) => ram(MB + 2n * PAGE * BigInt(i), PAGE)), ram(4n * MB, 24n * PAGE)), fields: {}, size: 4n * PAGE },
  { gen: gen('4g-range', ram(GB4, GB4)), fields: {}, size: PAGE },
  { gen: gen('64g-range', ram(MB, 16n * GB4)), fields: {}, size: 2n * PAGE },
];

/** A SHOULD: on a fresh allocator, a request that fits somewhere in RAM does not get NULL. */
export function everyFitFoundProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<null> {
  return enumeratedProperty({
    name: `${fam.name}.completeness-each`,
    clauses: [CLAUSE],
    families: [fam.family],
    strength: 'SHOULD',
    cases: PROBES.map((p) => ({ label: `${hex(p.size)} bytes on ${p.gen.map.name}`, input: p })),
    async check(d, p) {
      const shape = { ...fam.probeShape, ...p.fields };
      const s = new Session(d, fam, p.gen, [shape]);
      await s.boot();
      const got = await s.allocate(0, p.size);
      if (got.kind === 'memory') return s.release(got.live);
      if (got.kind !== 'null' || (await s.token(0)) === null) return;
      if (classifyRequest(p.size, fam.constraints(shape, p.size, s.pageBytes), CLAUSE).kind === 'invalid') return;
      fail(CLAUSE, `${fam.allocService} of ${hex(p.size)} bytes (${fam.describe(shape)}) on a fresh ${p.gen.map.name} map returned NULL, though a fitting run is free`);
    },
  });
}
