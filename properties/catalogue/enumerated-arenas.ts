import { hex } from '../../spec/address/u64';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64 } from '../../spec/constants/aix';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import type { AixShape } from '../families/aix';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';
import { placementProperty } from './placement';

const PAGE = 4096n;
const MB = 1n << 20n;
const GB4 = 1n << 32n;

const gen = (name: string, base: bigint, length: bigint): GeneratedMap => ({ pageSize: 4096, map: { name, ranges: [{ base, length, type: 'ram' }] } });

/** 64 GiB from 1 MiB: an aligned fit lies 4 GiB or more past the range's start. */
const WIDE = gen('64g-from-1m', MB, 64n * GB4 / 4n);
/** Two pages below 4 GiB and more above: a run from the lowest page crosses 4 GiB. */
const ACROSS_4G = gen('across-4g', GB4 - 2n * PAGE, 16n * PAGE);
/** Three whole pages before a four-page boundary multiple and one after: a request of three pages and a byte fits only across it. */
const BEFORE_BOUNDARY = gen('three-pages-before-boundary', MB + PAGE, 4n * PAGE);
/** The same across 8 GiB. */
const ACROSS_8G = gen('across-8g', 2n * GB4 - 2n * PAGE, 16n * PAGE);

/** Alignments past 4 GiB in a wide range, boundaries of 4 GiB and more across them, a run one byte past a boundary: where fenceposts and 32-bit arithmetic break. */
export function everyWideCaseProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<null> {
  const judge = placementProperty(fam);
  const base: PhysreqFields = { ...fam.probeShape, phys_dmasize: 64 };
  const cases = [
    ...[33n, 34n, 36n].map((e) => ({ label: `phys_align 2^${e} on ${WIDE.map.name}`, input: { gen: WIDE, shape: { ...base, phys_align: 1n << e }, size: PAGE } })),
    ...[ACROSS_4G, ACROSS_8G].flatMap((g) =>
      [GB4, 2n * GB4].map((b) => ({ label: `phys_boundary ${hex(b)}, 4 pages on ${g.map.name}`, input: { gen: g, shape: { ...base, phys_boundary: b }, size: 4n * PAGE } })),
    ),
    { label: `phys_boundary 4 pages, ${hex(3n * PAGE + 1n)} bytes on ${BEFORE_BOUNDARY.map.name}`, input: { gen: BEFORE_BOUNDARY, shape: { ...base, phys_boundary: 4n * PAGE }, size: 3n * PAGE + 1n } },
  ];
  return enumeratedProperty({ name: `${fam.name}.wide-each`, clauses: judge.clauses, families: judge.families, cases, check: (d, input) => judge.run(d, input) });
}

export function everyWideAixCaseProperty(fam: FamilyAdapter<AixShape>): ConformanceProperty<null> {
  const judge = placementProperty(fam);
  const flags = [DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT | DMA_ENABLE_64, DMA_ADDRESS_64_BIT | DMA_ENABLE_64];
  const cases = flags.flatMap((f) => [33, 34, 36, 44].map((align) => ({ label: `align ${align}, flags ${hex(BigInt(f))} on ${WIDE.map.name}`, input: { gen: WIDE, shape: { flags: f, align }, size: PAGE } })));
  return enumeratedProperty({ name: `${fam.name}.wide-each`, clauses: judge.clauses, families: judge.families, cases, check: (d, input) => judge.run(d, input) });
}
