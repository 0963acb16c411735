import { afterEach, describe, expect, it } from 'vitest';
import { KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import { crossesBoundary } from '../../spec/predicates/placement';
import type { SubprocessImplementation } from '../../cli/exec';
import { clauseOf, config, ram, startC } from './helpers';

const MiB = 1n << 20n;

let impl: SubprocessImplementation | undefined;

afterEach(async () => {
  await impl?.dispose();
  impl = undefined;
});

async function preppedPhysreq(i: SubprocessImplementation, fields: Parameters<NonNullable<SubprocessImplementation['physreq_set']>>[2] = {}): Promise<number> {
  const preq = (await i.physreq_alloc!('user', KM_SLEEP))!;
  await i.physreq_set!('user', preq, fields);
  expect(await i.physreq_prep!('user', preq, KM_SLEEP)).toBe(true);
  return preq;
}

describe('C fixture over the exec protocol: SVR5 DDI 5/6 family', () => {
  it('honours phys_align, phys_boundary and phys_dmasize in one contiguous run', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 4n * MiB), ram(1n << 40n, 4n * MiB)]));
    const preq = await preppedPhysreq(impl, { phys_align: 0x10000n, phys_boundary: 0x20000n, phys_dmasize: 24 });
    await impl.kmem_alloc_physcontig!('user', 0x1000n, preq, KM_NOSLEEP);
    const vaddr = (await impl.kmem_alloc_physcontig!('interrupt', 0x18000n, preq, KM_NOSLEEP))!;
    const segments = await impl.translate(vaddr, 0x18000n);
    expect(segments).toHaveLength(1);
    const { phys, length } = segments[0]!;
    expect(length).toBe(0x18000n);
    expect(phys % 0x10000n).toBe(0n);
    expect(crossesBoundary(phys, length, 0x20000n)).toBe(false);
    expect(phys + length <= 1n << 24n).toBe(true);
    expect(await impl.heapOf!(vaddr)).toBeNull();
    await impl.kmem_free_physcontig!('interrupt', vaddr, 0x18000n);
    await expect(impl.translate(vaddr, 1n)).rejects.toThrow(/not mapped/);
  });

  it('returns null under KM_NOSLEEP when no run fits', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 0x10000n)]));
    const preq = await preppedPhysreq(impl);
    expect(await impl.kmem_alloc_physcontig!('interrupt', 0x11000n, preq, KM_NOSLEEP)).toBeNull();
    const all = await impl.kmem_alloc_physcontig!('non-blockable', 0x10000n, preq, KM_NOSLEEP);
    expect(all).not.toBeNull();
    expect(await impl.kmem_alloc_physcontig!('initialization', 1n, preq, KM_NOSLEEP)).toBeNull();
  });

  it('names the clause of each misused physreq', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, MiB)]));
    const fresh = (await impl.physreq_alloc!('interrupt', KM_NOSLEEP))!;
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x1000n, fresh, KM_SLEEP))).toBe('kmem_alloc_physcontig.physreq-prepped');
    await impl.physreq_set!('user', fresh, { phys_align: 3n });
    expect(await impl.physreq_prep!('user', fresh, KM_NOSLEEP)).toBe(false);
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x1000n, fresh, KM_SLEEP))).toBe('kmem_alloc_physcontig.physreq-prepped');

    const changed = await preppedPhysreq(impl);
    await impl.physreq_set!('user', changed, { phys_boundary: 0x1000n });
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x1000n, changed, KM_SLEEP))).toBe('physreq_prep.no-change-after-prep');

    const freed = await preppedPhysreq(impl);
    await impl.physreq_free!('user', freed);
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x1000n, freed, KM_SLEEP))).toBe('physreq.from-physreq_alloc');
    expect(await clauseOf(impl.physreq_free!('user', freed))).toBe('physreq.from-physreq_alloc');
    expect(await clauseOf(impl.physreq_set!('user', 77, { phys_dmasize: 32 }))).toBe('physreq.from-physreq_alloc');

    const bounded = await preppedPhysreq(impl, { phys_boundary: 0x2000n });
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x3000n, bounded, KM_SLEEP))).toBe('physreq.boundary-below-size');
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0n, bounded, KM_NOSLEEP))).toBe('kmem_alloc_physcontig.size-nonzero');
  });

  it('reports KM_SLEEP from a context that cannot block, forbidden or unjudged', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, MiB)]));
    const preq = await preppedPhysreq(impl);
    expect(await clauseOf(impl.kmem_alloc_physcontig!('interrupt', 0x1000n, preq, KM_SLEEP))).toBe('kmem_alloc_physcontig.context-sleep');
    expect(await clauseOf(impl.kmem_alloc_physcontig!('initialization', 0x1000n, preq, KM_SLEEP))).toBe('kmem_alloc_physcontig.context-sleep');
    expect(await clauseOf(impl.physreq_alloc!('non-blockable', KM_SLEEP))).toBe('svr5.km-sleep-context');
    expect(await clauseOf(impl.physreq_prep!('interrupt', preq, KM_SLEEP))).toBe('svr5.km-sleep-context');
    expect(await impl.kmem_alloc_physcontig!('blockable', 0x1000n, preq, KM_SLEEP)).not.toBeNull();
  });

  it('refuses the service to a DDI 7 driver', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, MiB)], '7mp'));
    const preq = await preppedPhysreq(impl);
    expect(await clauseOf(impl.kmem_alloc_physcontig!('user', 0x1000n, preq, KM_SLEEP))).toBe('kmem_alloc_physcontig.ddi-version');
    expect(await clauseOf(impl.kmem_free_physcontig!('user', 0xffffc90000000000n, 0x1000n))).toBe('kmem_alloc_physcontig.ddi-version');
  });

  it('reports bad and mismatched frees, and they change nothing', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, MiB)]));
    const preq = await preppedPhysreq(impl);
    const svr5 = (await impl.kmem_alloc_physcontig!('user', 0x2000n, preq, KM_SLEEP))!;
    const handle = await impl.d_map_init!('process', 0, 0, 0, 0);
    const aix = (await impl.d_alloc_dmamem!('process', handle, 0x1000n, 12))!;
    await impl.write(svr5, Uint8Array.of(1, 2, 3));
    const before = await impl.translate(svr5, 0x2000n);

    expect(await clauseOf(impl.kmem_free_physcontig!('user', svr5, 0x1000n))).toBe('kmem_free_physcontig.exact-match');
    expect(await clauseOf(impl.kmem_free_physcontig!('user', svr5 + 0x1000n, 0x1000n))).toBe('kmem_free_physcontig.exact-match');
    expect(await clauseOf(impl.kmem_free_physcontig!('user', aix, 0x1000n))).toBe('kmem_free_physcontig.pairing');
    expect(await clauseOf(impl.d_free_dmamem!('process', handle, svr5, 0x2000n))).toBe('d_free_dmamem.pairing');

    expect(await impl.translate(svr5, 0x2000n)).toEqual(before);
    expect(Array.from(await impl.read(svr5, 3))).toEqual([1, 2, 3]);
    await impl.kmem_free_physcontig!('user', svr5, 0x2000n);
    expect(await clauseOf(impl.kmem_free_physcontig!('user', svr5, 0x2000n))).toBe('kmem_free_physcontig.exact-match');
    expect(await impl.d_free_dmamem!('process', handle, aix, 0x1000n)).toBe(0);
  });
});
