import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
import { IN_PROCESS_TIMING } from '../../properties/harness/driver';
import { runProperty } from '../../properties/runner/run-property';
import { propertySeed } from '../../properties/runner/property-seed';
import { ReferenceKernel } from '../../impl/reference';
import { U64_MAX } from '../../spec/address/u64';
import type { Context } from '../../spec/constants/context';

/**
 * A failure names the clause actually broken. Each case is a mutant with
 * one fault, run through a property that checks several clauses: the
 * failure must name the one the fault breaks, not a neighbour that merely
 * noticed the consequence.
 */
const CASES: ReadonlyArray<{ mutant: string; property: string; seed: number; clause: string }> = [
  // Memory lost by proper releases is not the misuse's doing.
  { mutant: 'leaks-on-failure', property: 'physcontig.misuse', seed: 1, clause: 'dma.release-restores' },
  { mutant: 'leaks-on-failure', property: 'aix.misuse', seed: 2, clause: 'dma.release-restores' },
  // A leak seen while threads sleep is a leak, not a lost wake-up.
  { mutant: 'leaks-on-failure', property: 'physcontig.threads', seed: 6, clause: 'dma.release-restores' },
  { mutant: 'lost-wakeup', property: 'physcontig.sleep-several', seed: 1, clause: 'kmem_alloc_physcontig.km-sleep-wakeup' },
  { mutant: 'wakes-one-waiter', property: 'physreq.sleep-several', seed: 1, clause: 'kmem_alloc_physreq.km-sleep' },
  // A silently accepted double release shows as live memory handed out again: the release rule, not overlap.
  { mutant: 'silent-double-free', property: 'aix.misuse', seed: 1, clause: 'd_free_dmamem.exact-match' },
  // An allocator that overlaps on its own is not blamed on the misuse that happened to come next.
  { mutant: 'overlap-after-coalesce', property: 'physcontig.misuse', seed: 1, clause: 'dma.no-overlap' },
  { mutant: 'misuse-not-harmless', property: 'physreq.misuse', seed: 1, clause: 'dma.misuse-harmless' },
  { mutant: 'wrong-size-free-accepted', property: 'phys.misuse', seed: 1, clause: 'kmem_free.exact-match' },
  // Memory released along with its physreq is the physreq_free's fault, not a misuse's side effect.
  { mutant: 'physreq-free-releases-memory', property: 'physcontig.physreq-misuse', seed: 1, clause: 'physreq_free.allocations-kept' },
  { mutant: 'physreq-free-releases-memory', property: 'physreq.physreq-misuse', seed: 2, clause: 'physreq_free.allocations-kept' },
  { mutant: 'physreq-free-releases-memory', property: 'phys.physreq-misuse', seed: 3, clause: 'physreq_free.allocations-kept' },
];

describe('blame', () => {
  for (const c of CASES) {
    it(`${c.mutant} in ${c.property} is blamed on ${c.clause}`, async () => {
      const m = MUTANTS.find((x) => x.info.name === c.mutant)!;
      const p = allProperties().find((x) => x.name === c.property)!;
      // A leak among sleeping threads is told from memory handed to a sleeper only after the wake-up deadline, on every
      // shrink: that deadline is waited out many times, so it is short here (the reference wakes a sleeper at the release).
      const timing = c.property.endsWith('.threads') ? { ...IN_PROCESS_TIMING, wakeMs: 100 } : undefined;
      const r = await runProperty(p, m.create(), { seed: c.seed, timing });
      expect(r.status).toBe('FAIL');
      expect(r.failure!.clause).toBe(c.clause);
      expect(m.info.breaks).toContain(c.clause);
    }, 180_000);
  }
});

describe('physreq_free that releases the memory allocated through the physreq', () => {
  // The contexts properties call physreq_free too: the memory it takes away is its own fault, not a misuse's side effect.
  const m = MUTANTS.find((x) => x.info.name === 'physreq-free-releases-memory')!;
  const contexts = allProperties().filter((p) => /^(physcontig|physreq|zalloc-physreq|phys)\.contexts(-each)?$/.test(p.name));

  it('covers the SVR5 contexts properties', () => {
    expect(contexts.map((p) => p.name).sort()).toEqual(
      ['phys.contexts', 'phys.contexts-each', 'physcontig.contexts', 'physcontig.contexts-each', 'physreq.contexts', 'physreq.contexts-each', 'zalloc-physreq.contexts-each'],
    );
  });

  for (const p of contexts) {
    it(`fails ${p.name} only on physreq_free.allocations-kept`, async () => {
      for (const seed of [1, 2, 3]) {
        // The seed `dmaconform --seed N` gives the property.
        const r = await runProperty(p, m.create(), { seed: propertySeed(seed, p.name) });
        if (r.status === 'PASS') continue;
        expect(r.status, `${p.name} seed ${seed}`).toBe('FAIL');
        expect(r.failure!.clause, `${p.name} seed ${seed}: ${r.failure!.message}`).toBe('physreq_free.allocations-kept');
        expect(m.info.breaks).toContain(r.failure!.clause);
      }
      // Each (call, context) pair is tried, physreq_free from every context among them: the fault is always seen.
      if (p.name.endsWith('-each')) expect((await runProperty(p, m.create(), { seed: 1 })).failure?.clause).toBe('physreq_free.allocations-kept');
      expect(p.clauses).toContain('physreq_free.allocations-kept');
    }, 60_000);
  }
});

/** Answers (void *)-1 where the reference answers NULL. */
class MinusOneForNull extends ReferenceKernel {
  override readonly name = 'minus-one-for-null';

  override d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
    return super.d_alloc_dmamem(ctx, handle, size, align) ?? U64_MAX;
  }
}

describe('blame names the clause broken, at its strength', () => {
  it('(void *)-1 for NULL breaks d_alloc_dmamem.null-on-failure, not the size clause', async () => {
    const p = allProperties().find((x) => x.name === 'aix.placement')!;
    for (const seed of [1, 2, 3]) {
      const r = await runProperty(p, new MinusOneForNull(), { seed });
      expect(r.status).toBe('FAIL');
      expect(r.failure!.clause).toBe('d_alloc_dmamem.null-on-failure');
      expect(r.failure!.message).toMatch(/returned 0xffffffffffffffff, where no 0x[0-9a-f]+ bytes fit below 2\^64/);
    }
  }, 60_000);

  it('(void *)-1 for NULL is d_alloc_dmamem.null-on-failure on the seeds of `dmaconform --seed N` too, 1-byte requests included', async () => {
    // aix.placement on seed 1 and aix.completeness on seed 3 shrink to a 1-byte request, which does fit below 2^64.
    const sizes: string[] = [];
    for (const name of ['aix.placement', 'aix.completeness']) {
      const p = allProperties().find((x) => x.name === name)!;
      for (const seed of [1, 2, 3]) {
        const r = await runProperty(p, new MinusOneForNull(), { seed: propertySeed(seed, name) });
        expect(r.status, `${name} seed ${seed}`).toBe('FAIL');
        expect(r.failure!.clause, `${name} seed ${seed}: ${r.failure!.message}`).toBe('d_alloc_dmamem.null-on-failure');
        expect(r.failure!.message).toMatch(/returned 0xffffffffffffffff, .*not memory, and not NULL/);
        sizes.push(/of (0x[0-9a-f]+) bytes/.exec(r.failure!.message)?.[1] ?? '?');
      }
    }
    expect(sizes).toContain('0x1');
  }, 60_000);

  it('an address with nothing mapped at it, where NULL is meant, breaks d_alloc_dmamem.null-on-failure', async () => {
    // A made-up failure value that is not (void *)-1: no byte of it translates, so it is no memory at all.
    class BadAddressForNull extends ReferenceKernel {
      override readonly name = 'bad-address-for-null';
      override d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
        return super.d_alloc_dmamem(ctx, handle, size, align) ?? 0xdead0000n;
      }
    }
    for (const name of ['aix.placement', 'aix.completeness']) {
      const p = allProperties().find((x) => x.name === name)!;
      for (const seed of [1, 2, 3]) {
        const r = await runProperty(p, new BadAddressForNull(), { seed: propertySeed(seed, name) });
        expect(r.status, `${name} seed ${seed}`).toBe('FAIL');
        expect(r.failure!.clause, `${name} seed ${seed}: ${r.failure!.message}`).toBe('d_alloc_dmamem.null-on-failure');
        expect(r.failure!.message).toMatch(/returned 0xdead0000, whose first byte is not mapped .*not memory, and not NULL/);
      }
    }
  }, 60_000);

  it('an answer whose first byte is mapped but whose last is not breaks the size clause', async () => {
    // Memory, but short of the size asked (its own last byte): the answer is memory, so the size clause, not NULL-on-failure.
    class ShortByOnePage extends ReferenceKernel {
      override readonly name = 'short-by-one-page';
      override d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
        const v = super.d_alloc_dmamem(ctx, handle, size, align);
        return v === null ? null : v + size - 1n;
      }
    }
    const p = allProperties().find((x) => x.name === 'aix.placement')!;
    const r = await runProperty(p, new ShortByOnePage(), { seed: propertySeed(1, p.name) });
    expect(r.status).toBe('FAIL');
    expect(r.failure!.clause, r.failure!.message).toBe('d_alloc_dmamem.size');
  }, 60_000);

  it('a MUST clause broken inside a SHOULD property is a MUST failure', async () => {
    const m = MUTANTS.find((x) => x.info.name === 'crosses-boundary')!;
    const p = allProperties().find((x) => x.name === 'physcontig.completeness')!;
    expect(p.strength).toBe('SHOULD');
    const r = await runProperty(p, m.create(), { seed: 1 });
    expect(r.status).toBe('FAIL');
    expect(r.failure!.clause).toBe('kmem_alloc_physcontig.boundary');
    expect(r.strength).toBe('MUST');
  }, 60_000);

  it('a run spanning a boundary in a scatter/gather list is a boundary fault, not a segment-limit one', async () => {
    const m = MUTANTS.find((x) => x.info.name === 'crosses-boundary')!;
    for (const [property, seed] of [['physreq.sleep', 2], ['zalloc-physreq.interleaving', 2], ['physreq.threads', 1], ['zalloc-physreq.interleaving', 1]] as const) {
      // The seeds of `dmaconform --seed N` runs where this showed as physreq.max-scgth.
      const r = await runProperty(allProperties().find((x) => x.name === property)!, m.create(), { seed: propertySeed(seed, property) });
      expect(r.status, property).toBe('FAIL');
      expect(r.failure!.clause, `${property} seed ${seed}`).toBe('kmem_alloc_physreq.constraints');
    }
  }, 120_000);
});
