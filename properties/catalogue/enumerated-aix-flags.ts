import { hex } from '../../spec/address/u64';
import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64, DMA_NO_ZERO_ADDR, DMA_SLAVE, formatAixFlags } from '../../spec/constants/aix';
import { HIGH_MAP, SPLIT_MAP, STRADDLE_16M_MAP, STRADDLE_4G_MAP, ZERO_MAP } from '../arbitraries/fixed-maps';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { aixFamily } from '../families/aix';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';
import { placementProperty } from './placement';

const PAGE = 4096n;
const BITS = [DMA_CONTIGUOUS, DMA_NO_ZERO_ADDR, DMA_ADDRESS_64_BIT, DMA_ENABLE_64, DMA_SLAVE];

/** Every mix of the bits that shape a request (DMA_SLAVE too: it must change nothing). */
const FLAG_SETS: ReadonlyArray<number> = Array.from({ length: 1 << BITS.length }, (_, m) => BITS.reduce((f, bit, i) => (m & (1 << i) ? f | bit : f), 0));

/** One request per map, each map built so that one constraint decides the answer. */
const PROBES: ReadonlyArray<{ gen: GeneratedMap; size: bigint }> = [
  { gen: ZERO_MAP, size: PAGE },
  { gen: HIGH_MAP, size: PAGE },
  { gen: STRADDLE_4G_MAP, size: 4n * PAGE },
  { gen: STRADDLE_4G_MAP, size: 2n * PAGE + 1n },
  { gen: STRADDLE_16M_MAP, size: 4n * PAGE },
  { gen: STRADDLE_16M_MAP, size: 2n * PAGE + 1n },
  { gen: SPLIT_MAP, size: 3n * PAGE },
];

/** Every d_map_init flag combination on maps where the zero page, 4 GiB, 16 MiB or a hole decides the placement. */
export function everyAixFlagsProperty(): ConformanceProperty<null> {
  const judge = placementProperty(aixFamily);
  return enumeratedProperty({
    name: 'aix.flags-each',
    clauses: judge.clauses,
    families: judge.families,
    cases: FLAG_SETS.flatMap((flags) =>
      PROBES.map((p) => ({ label: `${formatAixFlags(flags)}, ${hex(p.size)} bytes on ${p.gen.map.name}`, input: { gen: p.gen, shape: { flags, align: 12 }, size: p.size } })),
    ),
    check: (d, input) => judge.run(d, input),
  });
}
