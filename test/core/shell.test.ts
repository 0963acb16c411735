import { describe, expect, it } from 'vitest';
import type { PlacementCore, PlacementRequest } from '../../core/contract';
import { attributionOf, shellNote } from '../../core/attribution';
import { coreRequest } from '../../core/services/request';
import { CoreShell } from '../../core/shell/core-shell';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { TaggedFirstFitCore } from '../../fixtures/cores/tagged-first-fit';
import { TagNotReservedCore } from '../../fixtures/cores/mutants/tag-not-reserved';
import { interleavingProperty } from '../../properties/catalogue/interleaving';
import { placementProperty } from '../../properties/catalogue/placement';
import { aixFamily } from '../../properties/families/aix';
import { physcontigFamily, physreqAllocFamily } from '../../properties/families/svr5';
import { DMA_CONTIGUOUS, DMA_NO_ZERO_ADDR } from '../../spec/constants/aix';
import { KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import { constraintsFromAix } from '../../spec/constraints/from-aix';
import { constraintsFromPhysreq, defaultPhysreq } from '../../spec/constraints/from-physreq';
import type { SetupConfig } from '../../spec/interface/implementation';
import { mustFailures, runCore } from './helpers';

const KiB = 1024n;
const config = (ddiVersion: SetupConfig['ddiVersion'] = '6'): SetupConfig => ({
  memoryMap: { ranges: [{ base: 0n, length: 64n * KiB, type: 'ram' }] },
  pageSize: 4096,
  ddiVersion,
});

/** A core whose every answer is given in advance: what the shell does with it is then plain. */
class ScriptedCore implements PlacementCore {
  name = 'scripted';
  readonly asked: PlacementRequest[] = [];
  readonly freed: Array<[bigint, bigint]> = [];
  constructor(readonly answers: Array<bigint | null>) {}
  init(): void {}
  alloc(r: PlacementRequest): bigint | null {
    this.asked.push(r);
    return this.answers.shift() ?? null;
  }
  free(address: bigint, size: bigint): void {
    this.freed.push([address, size]);
  }
}

describe('the shell asks the core for one run meeting the caller\'s constraints', () => {
  it('passes alignment, address window and boundary to the byte', () => {
    expect(coreRequest(100n, constraintsFromAix(DMA_CONTIGUOUS | DMA_NO_ZERO_ADDR, 5))).toEqual({ size: 100n, align: 32n, boundary: 0n, lowest: 1n, highest: 0xffffffffn });
    const f = { ...defaultPhysreq(), phys_align: 16n, phys_boundary: 0x1000n, phys_dmasize: 24 };
    expect(coreRequest(0x800n, constraintsFromPhysreq(f, 'kmem_alloc_physcontig'))).toEqual({ size: 0x800n, align: 16n, boundary: 0x1000n, lowest: 0n, highest: 0xffffffn });
  });

  it('for memory that may scatter, keeps the run to few enough scatter/gather entries', () => {
    const f = { ...defaultPhysreq(), phys_boundary: 0x1000n, phys_max_scgth: 3 };
    const c = constraintsFromPhysreq(f, 'kmem_alloc_physreq');
    expect(coreRequest(0x800n, c)).toMatchObject({ align: 1n, boundary: 0x1000n });
    expect(coreRequest(0x2800n, c)).toMatchObject({ align: 0x1000n, boundary: 0n });
    expect(coreRequest(0x2800n, constraintsFromPhysreq({ ...f, phys_max_scgth: 0 }, 'kmem_alloc_physreq'))).toMatchObject({ boundary: 0n, align: 1n });
  });
});

describe('the shell passes the core\'s answers on as they came', () => {
  it('maps a wrong answer as it is (the properties judge it), and frees exactly what the core placed', () => {
    const core = new ScriptedCore([0x1003n, 0x1003n]);
    const shell = new CoreShell(core);
    shell.setup(config());
    const h = shell.d_map_init('process', 0, DMA_CONTIGUOUS, 0, 0);
    const a = shell.d_alloc_dmamem('process', h, 0x100n, 12)!;
    const b = shell.d_alloc_dmamem('process', h, 0x100n, 12)!;
    expect(shell.translate(a, 0x100n)).toEqual([{ phys: 0x1003n, length: 0x100n }]);
    expect(shell.translate(b, 0x100n)).toEqual([{ phys: 0x1003n, length: 0x100n }]);
    expect(shell.d_free_dmamem('process', h, a, 0x100n)).toBe(0);
    expect(core.freed).toEqual([[0x1003n, 0x100n]]);
  });

  it('catches a core that hands out the same bytes twice, by clause', async () => {
    class Twice extends FirstFitCore {
      override alloc(r: PlacementRequest): bigint | null {
        const at = super.alloc(r);
        // Forgets the placement at once, so the next request gets the same bytes.
        if (at !== null) super.free(at, r.size);
        return at;
      }
    }
    const report = await runCore(() => new Twice(), 3, 1, [interleavingProperty(aixFamily)]);
    expect(report.results[0]!.failure?.clause).toBe('dma.no-overlap');
  });

  it('a non-address answer is a crash of the core, not a result', () => {
    const shell = new CoreShell(new ScriptedCore([42 as unknown as bigint]));
    shell.setup(config());
    const h = shell.d_map_init('process', 0, 0, 0, 0);
    expect(() => shell.d_alloc_dmamem('process', h, 1n, 0)).toThrow(/core scripted: alloc returned 42/);
  });

  it('refuses misuse itself: the core never sees a wrong free', () => {
    const core = new ScriptedCore([0x2000n]);
    const shell = new CoreShell(core);
    shell.setup(config());
    const preq = shell.physreq_alloc('user', KM_SLEEP);
    expect(shell.physreq_prep('user', preq, KM_SLEEP)).toBe(true);
    const a = shell.kmem_alloc_physcontig('user', 0x10n, preq, KM_NOSLEEP) as bigint;
    expect(() => shell.kmem_free_physcontig('user', a, 0x20n)).toThrow(/kmem_free_physcontig.exact-match/);
    expect(() => shell.kmem_free_physcontig('user', a + 1n, 0x10n)).toThrow(/kmem_free_physcontig.exact-match/);
    expect(core.freed).toEqual([]);
  });

  it('wakes a KM_SLEEP caller once the core can serve it', async () => {
    const core = new ScriptedCore([null, 0x3000n]);
    const shell = new CoreShell(core);
    shell.setup(config());
    const preq = shell.physreq_alloc('user', KM_SLEEP);
    shell.physreq_prep('user', preq, KM_SLEEP);
    const waiting = shell.kmem_alloc_physcontig('user', 0x10n, preq, KM_SLEEP);
    expect(waiting).toBeInstanceOf(Promise);
    core.answers.push(0x4000n);
    const other = shell.kmem_alloc_physcontig('user', 0x10n, preq, KM_NOSLEEP) as bigint;
    shell.kmem_free_physcontig('user', other, 0x10n);
    const woke = await waiting;
    expect(shell.translate(woke as bigint, 1n)).toEqual([{ phys: 0x4000n, length: 1n }]);
  });
});

describe('constraints a core declares it does not handle', () => {
  it('are refused at physreq_prep, never passed on unheeded', () => {
    const core = new ScriptedCore([]);
    Object.assign(core, { supports: { boundary: false } });
    const shell = new CoreShell(core);
    shell.setup(config());
    const plain = shell.physreq_alloc('user', KM_SLEEP);
    expect(shell.physreq_prep('user', plain, KM_SLEEP)).toBe(true);
    const bounded = shell.physreq_alloc('user', KM_SLEEP);
    shell.physreq_set('user', bounded, { phys_boundary: 0x1000n });
    expect(shell.physreq_prep('user', bounded, KM_SLEEP)).toBe(false);
    expect(() => shell.kmem_alloc_physcontig('user', 0x10n, bounded, KM_NOSLEEP)).toThrow(/physreq_prep.rejects-unsupportable/);
    expect(core.asked).toEqual([]);
  });
});

describe('in-band metadata in the core\'s own memory', () => {
  it('a core keeping tags beside its blocks conforms', async () => {
    const props = [placementProperty(physcontigFamily), interleavingProperty(aixFamily), interleavingProperty(physreqAllocFamily)];
    expect(mustFailures(await runCore(() => new TaggedFirstFitCore(), 9, 1, props))).toEqual([]);
  });

  it('a range that starts a byte after another keeps its own bytes', () => {
    const core = new TaggedFirstFitCore();
    core.init([{ base: 0x5000n, length: 0xcfffn }, { base: 0x12000n, length: 0x2000n }]);
    const low = core.alloc({ size: 0xc000n, align: 1n, boundary: 0n, lowest: 0n, highest: 0xffffffffn });
    const high = core.alloc({ size: 0x1000n, align: 1n, boundary: 0n, lowest: 0n, highest: 0xffffffffn });
    expect([low, high]).toEqual([0x5000n, 0x12000n]);
    core.write(0x12000n, new Uint8Array(16).fill(0xa5));
    expect(Array.from(core.read(0x12000n, 16))).toEqual(new Array(16).fill(0xa5));
  });

  it('a tag written over a neighbour\'s first bytes is caught as corrupted data', async () => {
    const report = await runCore(() => new TagNotReservedCore(), 9, 1, [interleavingProperty(aixFamily)]);
    expect(report.results[0]!.failure?.clause).toBe('dma.data-integrity');
  });
});

describe('attribution', () => {
  it('placement, overlap and data clauses judge the core; contexts, versions and misuse are the shell\'s', () => {
    expect(attributionOf('d_alloc_dmamem.align-physical')).toBe('core');
    expect(attributionOf('dma.data-integrity')).toBe('core');
    expect(attributionOf('d_alloc_dmamem.align')).toBe('shell');
    expect(attributionOf('svr5.km-sleep-context')).toBe('shell');
    expect(attributionOf('d_alloc_dmamem.real-heap')).toBe('not judged');
    expect(shellNote(['kmem_alloc_physcontig.ddi-version'])).toMatch(/supplied by the shell/);
    expect(shellNote(['kmem_alloc_physcontig.ddi-version', 'dma.no-overlap'])).toBeUndefined();
  });
});
