import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64 } from '../../spec/constants/aix';
import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { aixFamily, type AixShape } from '../families/aix';
import type { ConformanceProperty } from '../types';
import { constraintClauses } from './clauses-of';
import { enumeratedProperty } from './enumerated';

const PAGE = 4096n;
const MB = 1n << 20n;
const GB4 = 1n << 32n;
const WIDE = DMA_ADDRESS_64_BIT | DMA_ENABLE_64;

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const fixed = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

interface Case {
  readonly gen: GeneratedMap;
  /** The handle used and cleared first, then the handle made after it. */
  readonly cleared: AixShape;
  readonly next: AixShape;
  readonly size: bigint;
}

/**
 * Each next handle is stricter than the cleared one, on a map where only
 * the cleared handle's looser constraints could meet the request: memory
 * (rather than NULL) that breaks the next handle's flags shows the cleared
 * handle's state carried over.
 */
const CASES: ReadonlyArray<{ label: string; input: Case }> = [
  {
    label: '64-bit handle cleared, then a 32-bit contiguous one',
    input: { gen: fixed('little-below-4g', ram(MB, 4n * PAGE), ram(GB4, 64n * PAGE)), cleared: { flags: WIDE, align: 0 }, next: { flags: DMA_CONTIGUOUS, align: 0 }, size: 8n * PAGE },
  },
  {
    label: 'scattering handle cleared, then a contiguous one',
    input: {
      gen: fixed('two-page-fragments', ...Array.from({ length: 8 }, (_, i) => ram(MB + 3n * PAGE * BigInt(i), 2n * PAGE))),
      cleared: { flags: WIDE, align: 0 },
      next: { flags: WIDE | DMA_CONTIGUOUS, align: 0 },
      size: 4n * PAGE,
    },
  },
];

/**
 * A handle made after d_map_clear is a new handle: what comes through it
 * meets its own flags, whatever the cleared handle allowed. The cleared
 * handle first serves and takes back one page, so it has been used.
 */
export const aixHandleAfterClearProperty: ConformanceProperty<null> = enumeratedProperty<Case>({
  name: 'aix.handle-after-clear',
  clauses: [...constraintClauses(aixFamily), 'dma.within-ram'],
  families: ['aix'],
  cases: CASES,
  async check(d, c) {
    const s = new Session(d, aixFamily, c.gen, [c.cleared, c.next]);
    await s.boot();
    const first = await s.allocate(0, PAGE);
    if (first.kind === 'memory') await s.release(first.live);
    const h = await s.token(0);
    if (h === null) return;
    const cleared = await d.call('d_map_clear', 'process', [h]);
    if (cleared.kind !== 'value') return;
    const got = await s.allocate(1, c.size);
    if (got.kind === 'memory') await s.release(got.live);
  },
});
