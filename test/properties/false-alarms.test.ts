import { describe, expect, it } from 'vitest';
import { PLAIN_KERNEL, PLAIN_SERVICES, rangePlacer } from '../../fixtures/correct/designs';
import { zooMember } from '../../fixtures/correct/members';
import { ZooAllocator } from '../../fixtures/correct/zoo-allocator';
import { ReferenceKernel } from '../../impl/reference';
import { propertySeed } from '../../properties/runner/property-seed';
import { Driver } from '../../properties/harness/driver';
import { Trace } from '../../properties/harness/trace';
import { property, RESERVE_ON_WAKE_PROPERTIES, verdicts } from './verdicts';
import { runProperty } from '../../properties/runner/run-property';
import type { Context } from '../../spec/constants/context';
import type { PhysreqFields } from '../../spec/constraints/types';
import { ContractViolation } from '../../spec/errors';
import type { SetupConfig } from '../../spec/interface/implementation';

/**
 * One case per false alarm correct allocators once met: each runs the
 * property that raised it against an allocator that is correct but behaves
 * the way that tripped the suite, on seeds where it was raised.
 */
const zoo = (file: string) => zooMember(file).create;

/** Random spots at 16-byte granularity with a 16-byte header: page-sized requests land between pages, so how many fit depends on where the others went. */
const byteRandom = () =>
  new ZooAllocator({ name: 'byte-random', kernel: { ...PLAIN_KERNEL, placer: rangePlacer('random', { granule: 16n, header: 16n }) }, services: PLAIN_SERVICES });

describe('false alarms that correct allocators met', () => {
  it('1. sleep does not count pages: a byte-granular allocator serves more small requests than the map has pages', async () => {
    expect(await verdicts('physcontig.sleep', zoo('first-fit-header'), [1, 2, 3])).toEqual([]);
  }, 60_000);

  it('2. capacity does not assume first fit: randomised placement gives the same carves after releasing everything', async () => {
    expect(await verdicts('physcontig.interleaving', byteRandom, [1, 2, 3, 4])).toEqual([]);
    expect(await verdicts('physreq.misuse', byteRandom, [1, 2, 3, 4])).toEqual([]);
    expect(await verdicts('aix.misuse', byteRandom, [1, 2, 3, 4])).toEqual([]);
  }, 60_000);

  it('3. one released block need not serve one sleeper: best fit and buddy placement', async () => {
    expect(await verdicts('physreq.sleep', zoo('buddy'), [1, 2, 3])).toEqual([]);
    expect(await verdicts('phys.sleep', zoo('best-fit-top-down'), [1, 2, 3])).toEqual([]);
  }, 60_000);

  it('4. made-up ids and addresses: ids from 0x7fff0000, addresses at the top of the 64-bit space', async () => {
    expect(await verdicts('physcontig.physreq-misuse', zoo('high-ids'), [1, 2, 3])).toEqual([]);
    expect(await verdicts('aix.invalid-requests', zoo('high-ids'), [1, 2, 3])).toEqual([]);
    expect(await verdicts('physreq.misuse', zoo('top-of-space'), [1, 2, 3])).toEqual([]);
  }, 60_000);

  it('5. a void release may refuse a bad release silently', async () => {
    expect(await verdicts('physcontig.misuse', zoo('quiet-misuse'), [1, 2, 3])).toEqual([]);
    expect(await verdicts('physreq.misuse', zoo('quiet-misuse'), [1, 2, 3])).toEqual([]);
  }, 60_000);

  it('6. physreq_set after prep refused as a violation changed nothing', async () => {
    expect(await verdicts('physcontig.physreq-misuse', () => new RefusesSetAfterPrep(), [1, 2, 3, 4, 5])).toEqual([]);
    expect(await verdicts('physreq.physreq-misuse', () => new RefusesSetAfterPrep(), [1, 2, 3, 4, 5])).toEqual([]);
  }, 60_000);

  it('7. a sleeper woken 250 ms after its memory came back is within the wake-up deadline', async () => {
    expect(await verdicts('physcontig.sleep', zoo('delayed-wake'), [1])).toEqual([]);
    expect(await verdicts('phys.threads', zoo('delayed-wake'), [1])).toEqual([]);
  }, 120_000);

  it('8. an identity-mapped allocator never returns physical page 0', async () => {
    expect(await verdicts('physcontig.physreq-lifecycle', zoo('identity-mapped'), [1, 2, 3, 4, 5])).toEqual([]);
    expect(await verdicts('physcontig.completeness', zoo('identity-mapped'), [1, 2, 3])).toEqual([]);
  }, 60_000);

  it('9. the run seed reaches setup: every run draws its own, and the same seed replays the same ones', async () => {
    const seen = async () => {
      const impl = new SeedRecorder();
      await runProperty(property('physcontig.placement'), impl, { seed: 42, numRuns: 20 });
      return impl.seeds;
    };
    const first = await seen();
    expect(new Set(first).size).toBeGreaterThan(10);
    expect(await seen()).toEqual(first);
  });

  it('10. the trace is the failing execution itself, even when a re-run would pass', async () => {
    const r = await runProperty(property('physcontig.placement'), new FailsOnce(), { seed: 3 });
    expect(r.status).toBe('BROKEN');
    expect(r.failure!.trace.some((l) => l.includes('kmem_alloc_physcontig(') && l.endsWith('-> threw'))).toBe(true);
  });

  it('11. completeness allows headers and rounding', async () => {
    expect(await verdicts('physcontig.completeness', zoo('first-fit-header'), [1, 2, 3, 4, 5])).toEqual([]);
    expect(await verdicts('physreq.completeness', zoo('buddy'), [1, 2, 3, 4, 5])).toEqual([]);
  }, 60_000);

  it('12. a release through another family\'s void service may refuse silently, even for AIX memory', async () => {
    expect(await verdicts('aix.misuse', zoo('quiet-misuse'), [1, 2, 3, 4, 5, 6])).toEqual([]);
  }, 60_000);

  it('13. NULL for an invalid request is a refusal, KM_SLEEP or not', async () => {
    expect(await verdicts('physcontig.sleep', zoo('quiet-misuse'), [1, 3, 5, 6, 8])).toEqual([]);
  }, 120_000);

  it('14. physreq_prep may refuse constraints no RAM of the map can meet: 8 KiB alignment over three separate 4 KiB pages', async () => {
    const page = (base: bigint) => ({ base, length: 0x1000n, type: 'ram' as const });
    const input = { gen: { map: { ranges: [page(0x1000n), page(0x3000n), page(0x5000n)] }, pageSize: 4096 }, alignExp: 13 };
    for (const name of ['physcontig.physreq-lifecycle', 'physreq.physreq-lifecycle']) {
      const trace = new Trace();
      await property(name).run(new Driver(zoo('prep-refuses-unmeetable')(), trace), input);
      expect(trace.toLines().filter((l) => l.includes('physreq_prep('))).toEqual(['[user] physreq_prep(1, KM_SLEEP) -> true', '[user] physreq_prep(1, KM_SLEEP) -> false']);
    }
    // Where some RAM page sits at the alignment, refusing is still a failure of the re-prep.
    const met = { ...input, gen: { ...input.gen, map: { ranges: [page(0x1000n), page(0x4000n)] } } };
    await expect(property('physcontig.physreq-lifecycle').run(new Driver(new RefusesAlignedPrep()), met)).rejects.toThrow(/physreq_prep\.repeatable/);
    expect(await verdicts('physcontig.physreq-lifecycle', zoo('prep-refuses-unmeetable'), [1, 2, 3, 4, 5])).toEqual([]);
  }, 60_000);

  it('15. one translate segment per page: checking costs what the physical runs cost, and a property past its time limit is a TIMEOUT', async () => {
    // The seed of `dmaconform --seed 2` that ran for over twelve minutes: 4 GiB allocations of 16 KiB pages.
    const started = Date.now();
    expect(await verdicts('physcontig.placement', zoo('page-segments'), [propertySeed(2, 'physcontig.placement')])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(120_000);
    const r = await runProperty(property('physcontig.placement'), zoo('page-segments')(), { seed: 1, propertyLimitMs: 1 });
    expect(r.status).toBe('TIMEOUT');
    expect(r.failure!.message).toMatch(/ran past its time limit/);
    expect(r.strength).toBe('MUST');
  }, 180_000);

  it('17. an allocator mapping at the very top of the space may hand out its last byte, 0xffffffffffffffff, which is not (void *)-1', async () => {
    for (const name of ['aix.serves-free-memory', 'physcontig.serves-free-memory', 'phys.serves-free-memory']) {
      expect(await verdicts(name, zoo('top-of-space'), [1])).toEqual([]);
    }
  });

  it('16. a release may hand a woken sleeper its memory at once and complete its call later, within the wake-up deadline', async () => {
    // Seeds 2 and 3 are test:deep's (false-alarms-deep.test.ts).
    for (const name of RESERVE_ON_WAKE_PROPERTIES) {
      expect(await verdicts(name, zoo('reserve-on-wake'), [propertySeed(1, name)])).toEqual([]);
    }
  }, 180_000);
});

/** Wrong: refuses every alignment above a page, whatever RAM the map has. */
class RefusesAlignedPrep extends ReferenceKernel {
  private readonly aligned = new Set<number>();

  override physreq_set(ctx: Context, preq: number, fields: Partial<PhysreqFields>): void {
    if (fields.phys_align !== undefined && fields.phys_align > 0x1000n) this.aligned.add(preq);
    super.physreq_set(ctx, preq, fields);
  }

  override physreq_prep(ctx: Context, preq: number, flag: number): boolean {
    return !this.aligned.has(preq) && super.physreq_prep(ctx, preq, flag);
  }
}

/** Correct by the reading of physreq_prep.no-change-after-prep: the store is refused, the physreq stays as prepped. */
class RefusesSetAfterPrep extends ReferenceKernel {
  private readonly prepped = new Set<number>();

  override setup(config: SetupConfig): void {
    this.prepped.clear();
    super.setup(config);
  }

  override physreq_prep(ctx: Context, preq: number, flag: number): boolean {
    const ok = super.physreq_prep(ctx, preq, flag);
    if (ok) this.prepped.add(preq);
    return ok;
  }

  override physreq_set(ctx: Context, preq: number, fields: Partial<PhysreqFields>): void {
    if (this.prepped.has(preq)) throw new ContractViolation('physreq_set', 'physreq_prep.no-change-after-prep', `physreq ${preq} was prepped: prep it again after changing it`);
    super.physreq_set(ctx, preq, fields);
  }

  override physreq_free(ctx: Context, preq: number): void {
    this.prepped.delete(preq);
    super.physreq_free(ctx, preq);
  }
}

class SeedRecorder extends ReferenceKernel {
  readonly seeds: number[] = [];

  override setup(config: SetupConfig): void {
    this.seeds.push(config.seed ?? -1);
    super.setup(config);
  }
}

/** Wrong exactly once: its first request crashes, so a re-run of the same input passes. */
class FailsOnce extends ReferenceKernel {
  private failed = false;

  override kmem_alloc_physcontig(ctx: Context, size: bigint, preq: number, flag: number): ReturnType<ReferenceKernel['kmem_alloc_physcontig']> {
    if (!this.failed && size > 0n) {
      this.failed = true;
      throw new Error('a crash that happens once');
    }
    return super.kmem_alloc_physcontig(ctx, size, preq, flag);
  }
}

