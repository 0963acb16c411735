import { describe, expect, it } from 'vitest';
import type { CoreRange, PlacementCore, PlacementRequest } from '../../core/contract';
import { CoreShell } from '../../core/shell/core-shell';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { placementProperty } from '../../properties/catalogue/placement';
import { aixFamily } from '../../properties/families/aix';
import { physcontigFamily, physreqAllocFamily } from '../../properties/families/svr5';
import { DMA_CONTIGUOUS } from '../../spec/constants/aix';
import { KM_NOSLEEP } from '../../spec/constants/svr5';
import type { SetupConfig } from '../../spec/interface/implementation';
import type { MemoryRange } from '../../spec/interface/memory-map';
import { runCore } from './helpers';

const PAGE = 4096n;
const TiB = 1n << 40n;
const setup = (ranges: MemoryRange[], ddiVersion: SetupConfig['ddiVersion'] = '6'): SetupConfig => ({ memoryMap: { ranges }, pageSize: 4096, ddiVersion });

/** A first-fit core that remembers what init gave it. */
class WatchingCore extends FirstFitCore {
  seen: CoreRange[] = [];
  override init(ranges: ReadonlyArray<CoreRange>): void {
    this.seen = ranges.map((r) => ({ ...r }));
    super.init(ranges);
  }
}

describe('the contract: what init may look like', () => {
  it('gives RAM byte-exact, sorted, reserved ranges and holes left out, touching RAM ranges merged', () => {
    const core = new WatchingCore();
    new CoreShell(core).setup(
      setup([
        { base: 3n * TiB, length: 2n * TiB, type: 'ram' },
        { base: 0x1001n, length: 1n, type: 'ram' },
        { base: 0x2000n, length: 0x10n, type: 'reserved' },
        { base: 0x2010n, length: 0xff3n, type: 'ram' },
        { base: 0x3003n, length: 0x5n, type: 'ram' },
      ]),
    );
    expect(core.seen).toEqual([
      { base: 0x1001n, length: 1n },
      { base: 0x2010n, length: 0xff8n },
      { base: 3n * TiB, length: 2n * TiB },
    ]);
  });
});

describe('the contract: RAM means exact bytes', () => {
  const map: MemoryRange[] = [
    { base: 0n, length: 0x10800n, type: 'ram' },
    { base: 0x10800n, length: 0x800n, type: 'reserved' },
  ];

  it('the RAM half of a page shared with a reserved range may be handed out', async () => {
    const core = new FirstFitCore();
    const shell = new CoreShell(core);
    shell.setup(setup(map));
    const h = shell.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    const v = shell.d_alloc_dmamem('process', h, 0x10800n, 0)!;
    expect(shell.translate(v, 0x10800n)).toEqual([{ phys: 0n, length: 0x10800n }]);
    // And a conforming byte-granular core passes placement on such maps, judged byte by byte.
    const report = await runCore(() => new FirstFitCore(), 3, 1, [placementProperty(aixFamily), placementProperty(physcontigFamily)]);
    expect(report.results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
  });

  it('one byte past RAM is a within-ram failure', async () => {
    /** Serves one byte more than the RAM it was given: the last range's end is taken as inclusive. */
    class OneByteLong extends FirstFitCore {
      override init(ranges: ReadonlyArray<CoreRange>): void {
        super.init(ranges.map((r) => ({ base: r.base, length: r.length + 1n })));
      }
    }
    const report = await runCore(() => new OneByteLong(), 3, 1, [placementProperty(physcontigFamily)]);
    expect(report.results[0]!.failure?.clause).toBe('dma.within-ram');
  });
});

describe('the contract: what the shell does with answers', () => {
  it('a short read from the core\'s own memory is the core\'s crash, never padded', () => {
    class ShortRead extends FirstFitCore {
      private readonly bytes = new Map<bigint, number>();
      read(address: bigint, length: number): Uint8Array {
        return new Uint8Array(Math.max(0, length - 1)).map((_, i) => this.bytes.get(address + BigInt(i)) ?? 0);
      }
      write(address: bigint, data: Uint8Array): void {
        data.forEach((b, i) => this.bytes.set(address + BigInt(i), b));
      }
    }
    const shell = new CoreShell(new ShortRead());
    shell.setup(setup([{ base: 0n, length: 16n * PAGE, type: 'ram' }]));
    const h = shell.d_map_init('process', 0, 0, 0, 0);
    const v = shell.d_alloc_dmamem('process', h, PAGE, 0)!;
    expect(() => shell.read(v, 16)).toThrow(/read\(16 bytes\) answered 15 bytes/);
  });

  it('an answer for more bytes than the virtual space holds is judged, not turned into NULL', () => {
    class AnswersAnything implements PlacementCore {
      name = 'answers-anything';
      init(): void {}
      alloc(_r: PlacementRequest): bigint | null {
        return PAGE;
      }
      free(): void {}
    }
    const shell = new CoreShell(new AnswersAnything());
    shell.setup(setup([{ base: 0n, length: 16n * PAGE, type: 'ram' }]));
    const h = shell.d_map_init('process', 0, 0, 0, 0);
    expect(() => shell.d_alloc_dmamem('process', h, (1n << 64n) - 1n, 0)).toThrow(/dma\.within-ram/);
  });

  it('a core declining boundaries has every physreq with one refused at physreq_prep, and others served', () => {
    const core: PlacementCore = Object.assign(new FirstFitCore(), { supports: { boundary: false } });
    const shell = new CoreShell(core);
    shell.setup(setup([{ base: 0n, length: 16n * PAGE, type: 'ram' }], '7'));
    const bounded = shell.physreq_alloc('process', KM_NOSLEEP);
    shell.physreq_set('process', bounded, { phys_boundary: 2n * PAGE });
    expect(shell.physreq_prep('process', bounded, KM_NOSLEEP)).toBe(false);
    const plain = shell.physreq_alloc('process', KM_NOSLEEP);
    expect(shell.physreq_prep('process', plain, KM_NOSLEEP)).toBe(true);
    expect(shell.kmem_alloc_physreq('process', PAGE, plain, KM_NOSLEEP)).not.toBeNull();
  });

  it('a scattered answer from allocScattered is mapped piece by piece as given', async () => {
    /** Halves a request with no boundary and no entry limit; otherwise one run needing a single entry per window. */
    class Scatters extends FirstFitCore {
      allocScattered(r: PlacementRequest, maxSegments: number): Array<{ phys: bigint; length: bigint }> | null {
        const half = r.size / 2n;
        if (maxSegments !== 0 || r.boundary !== 0n || half === 0n) {
          const oneWindow = r.size <= r.boundary;
          const p = this.alloc({ ...r, boundary: oneWindow ? r.boundary : 0n, align: oneWindow || r.align > r.boundary ? r.align : r.boundary });
          return p === null ? null : [{ phys: p, length: r.size }];
        }
        const a = this.alloc({ ...r, size: half });
        if (a === null) return null;
        const b = this.alloc({ ...r, size: r.size - half, align: 1n });
        if (b === null) {
          this.free(a, half);
          return null;
        }
        return [{ phys: a, length: half }, { phys: b, length: r.size - half }];
      }
    }
    const shell = new CoreShell(new Scatters());
    shell.setup(setup([{ base: 0n, length: 16n * PAGE, type: 'ram' }], '7'));
    const preq = shell.physreq_alloc('process', KM_NOSLEEP);
    expect(shell.physreq_prep('process', preq, KM_NOSLEEP)).toBe(true);
    const v = (await shell.kmem_alloc_physreq('process', 3n * PAGE, preq, KM_NOSLEEP))!;
    expect(shell.translate(v, 3n * PAGE)).toEqual([{ phys: 0n, length: 3n * PAGE }]);
    const report = await runCore(() => new Scatters(), 4, 1, [placementProperty(physreqAllocFamily)]);
    expect(report.results[0]!.status).toBe('PASS');
  });
});
