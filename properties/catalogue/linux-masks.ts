import { hex } from '../../spec/address/u64';
import { dmaBitMask } from '../../spec/constants/linux';
import { maskSupportable } from '../../spec/constraints/from-linux';
import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { coherentFamily, type CoherentShape } from '../families/linux-coherent';
import { freshDevice } from '../families/linux-pairs';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

const PAGE = 4096n;
const MB = 1n << 20n;
const GB = 1n << 30n;

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const fixed = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

/**
 * Maps where the mask decides: one page below 16 MiB and plenty above 8 GiB
 * (two pages fit only above 4 GiB), RAM only from 8 GiB (32 and 33 bits are
 * unsupportable), RAM ending one byte past 16 MiB, and RAM from 4 GiB
 * exactly (one byte there is one byte past the default mask).
 */
const MAPS: ReadonlyArray<GeneratedMap> = [
  fixed('page-low-rest-above-8g', ram(MB, PAGE), ram(8n * GB, 64n * MB)),
  fixed('above-8g-only', ram(8n * GB, 64n * MB)),
  fixed('to-16m-and-a-byte', ram(MB, 15n * MB + 1n)),
  fixed('from-4g', ram(4n * GB, 16n * PAGE)),
];

type Setter = 'dma_set_mask' | 'dma_set_coherent_mask' | 'dma_set_mask_and_coherent' | null;
const SETTERS: ReadonlyArray<Setter> = [null, 'dma_set_mask', 'dma_set_coherent_mask', 'dma_set_mask_and_coherent'];
const BITS: ReadonlyArray<number> = [24, 32, 33, 34, 64];

interface MaskCase {
  readonly gen: GeneratedMap;
  readonly setter: Setter;
  readonly bits: number;
}

const CASES = MAPS.flatMap((gen) =>
  SETTERS.flatMap((setter) => (setter === null ? [24] : BITS).map((bits) => ({
    label: setter === null ? `default mask on ${gen.map.name}` : `${setter}(DMA_BIT_MASK(${bits})) on ${gen.map.name}`,
    input: { gen, setter, bits },
  }))),
);

/** The sizes asked for after the mask: a byte, one page, and two, which fit only above 4 GiB on the first map. */
const SIZES: ReadonlyArray<bigint> = [1n, PAGE, 2n * PAGE];

async function allocateEach(s: Session<CoherentShape>): Promise<void> {
  for (const size of SIZES) {
    const got = await s.allocate(0, size, true);
    if (got.kind === 'memory') await s.release(got.live);
  }
}

/**
 * Every mask call on every map: its answer (0, or a negative error; never a
 * refusal of 32 bits or more where RAM lies below, always a refusal where
 * none does), then coherent memory obtained for the device lies below the
 * coherent mask the calls left: the default 32 bits, unchanged by
 * dma_set_mask or by a refused call; and a device named for the first
 * time afterwards still has the default.
 */
export function linuxMaskProperty(): ConformanceProperty<null> {
  return enumeratedProperty<MaskCase>({
    name: 'coherent.masks-each',
    clauses: ['linux.device', 'linux.mask-returns', 'linux.mask-accepted', 'linux.mask-unsupportable-refused', 'linux.coherent-mask-default', 'dma_set_mask.streaming-only', 'dma_alloc_coherent.below-mask'],
    families: ['linux'],
    cases: CASES,
    async check(d, c) {
      const s0 = new Session(d, coherentFamily, c.gen);
      await s0.boot();
      const dev = freshDevice(d);
      const mask = dmaBitMask(c.bits);
      let taken = false;
      let blame = 'linux.coherent-mask-default';
      if (c.setter !== null) {
        const o = await d.call<number>(c.setter, 'process', [dev, mask]);
        if (o.kind === 'violation') fail(o.clause, `${c.setter}(${hex(mask)}) from process context was reported as violating ${o.clause}`);
        if (o.kind !== 'value' || !Number.isInteger(o.value) || o.value > 0) fail('linux.mask-returns', `${c.setter}(${hex(mask)}) returned ${formatValue(o.kind === 'value' ? o.value : o)}, neither 0 nor a negative error`);
        taken = o.value === 0;
        const supportable = maskSupportable(mask, s0.ram.list().filter((r) => r.type === 'ram').map((r) => ({ base: r.base, length: r.end - r.base })), s0.pageBytes);
        if (!supportable && taken) fail('linux.mask-unsupportable-refused', `${c.setter}(${hex(mask)}) returned 0 though no whole page of RAM lies at or below the mask`);
        if (supportable && c.bits >= 32 && !taken) fail('linux.mask-accepted', `${c.setter}(${hex(mask)}) returned ${o.value} though RAM lies below the mask`);
        blame = c.setter === 'dma_set_mask' ? 'dma_set_mask.streaming-only' : taken ? 'dma_alloc_coherent.below-mask' : 'linux.mask-unsupportable-refused';
      }
      const coherent = taken && c.setter !== 'dma_set_mask' ? c.bits : null;
      // The device as the calls left it, judged against the coherent mask it must now have.
      const fam: FamilyAdapter<CoherentShape> = {
        ...coherentFamily,
        prepare: async () => dev,
        clauseOf: (k) => (k === 'address-limit' ? blame : coherentFamily.clauseOf(k)),
      };
      await allocateEach(new Session(d, fam, c.gen, [{ maskBits: coherent, via: 'dma_set_coherent_mask' }]));
      // Masks belong to one device: a device named for the first time still has the default.
      if (taken && c.bits > 32) {
        const other = freshDevice(d);
        const untouched: FamilyAdapter<CoherentShape> = {
          ...coherentFamily,
          prepare: async () => other,
          clauseOf: (k) => (k === 'address-limit' ? 'linux.device' : coherentFamily.clauseOf(k)),
        };
        await allocateEach(new Session(d, untouched, c.gen, [{ maskBits: null, via: 'dma_set_coherent_mask' }]));
      }
    },
  });
}
