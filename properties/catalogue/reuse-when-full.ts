import { hex } from '../../spec/address/u64';
import type { MemoryRange } from '../../spec/interface/memory-map';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import type { FamilyAdapter } from '../families/types';
import { fail } from '../harness/failures';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

const CLAUSE = 'dma.release-restores';
const PAGE = 4096n;
const MB = 1n << 20n;

const ram = (base: bigint, length: bigint): MemoryRange => ({ base, length, type: 'ram' });
const fixed = (name: string, ...ranges: MemoryRange[]): GeneratedMap => ({ pageSize: 4096, map: { name, ranges } });

const MAPS: ReadonlyArray<GeneratedMap> = [fixed('32-pages', ram(MB, 32n * PAGE)), fixed('two-ranges', ram(MB, 13n * PAGE), ram(2n * MB, 19n * PAGE))];

/** k pages and a byte (where size classes and rounding go wrong) and an odd size below a page. */
const SIZES: ReadonlyArray<bigint> = [PAGE + 1n, 3n * PAGE + 1n, 3000n];

interface Probe {
  readonly gen: GeneratedMap;
  readonly size: bigint;
}

const CASES = MAPS.flatMap((gen) => SIZES.map((size) => ({ label: `${hex(size)} bytes on ${gen.map.name}`, input: { gen, size } })));

/**
 * Memory full of blocks of one size and shape; one block is released and
 * the same request, without waiting, must get memory: the allocator itself
 * showed that the released memory holds it, with whatever headers,
 * rounding and alignment it keeps. Done for a block in the middle, the
 * first and the last, each new block kept in place of the old.
 */
export function reuseWhenFullProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<null> {
  return enumeratedProperty<Probe>({
    name: `${fam.name}.reuse-when-full`,
    clauses: [CLAUSE],
    families: [fam.family],
    cases: CASES,
    async check(d, p) {
      const s = new Session(d, fam, p.gen);
      await s.boot();
      const blocks: Live[] = [];
      const ram = p.gen.map.ranges.reduce((n, r) => n + r.length, 0n);
      const size = fam.blockSize?.(fam.probeShape) ?? p.size;
      await d.trace.quietly(
        async () => {
          for (;;) {
            // Disjoint blocks inside RAM cannot add up to more than its bytes: a guard against an endless fill.
            if (BigInt(blocks.length) * size > ram) fail('dma.no-overlap', `the requests met add up to more bytes than the map's RAM`);
            const got = await s.allocate(s.probeIndex, p.size);
            if (got.kind !== 'memory') break;
            blocks.push(got.live);
          }
        },
        () => `  (filled memory: ${blocks.length} requests of ${hex(p.size)} bytes succeeded, the next failed)`,
      );
      if (blocks.length === 0) return;
      for (const i of new Set([blocks.length >> 1, 0, blocks.length - 1])) {
        const old = blocks[i]!;
        await s.release(old);
        const again = await s.allocate(s.probeIndex, p.size);
        if (again.kind !== 'memory') {
          fail(CLAUSE, `with memory full, releasing allocation #${old.id} (${hex(old.vaddr)}, ${hex(size)} bytes) did not make room for a request of the same ${hex(size)} bytes (${fam.describe(fam.probeShape)})`);
        }
        blocks[i] = again.live;
      }
      await s.releaseAll();
    },
  });
}
