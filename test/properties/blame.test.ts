import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
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
      const r = await runProperty(p, m.create(), { seed: c.seed });
      expect(r.status).toBe('FAIL');
      expect(r.failure!.clause).toBe(c.clause);
      expect(m.info.breaks).toContain(c.clause);
      // A leak among sleeping threads is told from memory handed to a sleeper only after the wake-up deadline, on every shrink.
    }, 180_000);
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
