import { afterEach, describe, expect, it } from 'vitest';
import { KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import type { SubprocessImplementation } from '../../cli/exec';
import { settleWithin } from '../../properties/harness/settle';
import { config, exists, ram, startC, stateAfter, vanished } from './helpers';

let impl: SubprocessImplementation | undefined;

afterEach(async () => {
  await impl?.dispose();
  impl = undefined;
});

describe('C fixture over the exec protocol: waiting and pipelining', () => {
  it('keeps a KM_SLEEP allocation pending while other calls proceed, and answers it before the release that woke it', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 0x10000n)]));
    const preq = (await impl.physreq_alloc!('user', KM_SLEEP))!;
    expect(await impl.physreq_prep!('user', preq, KM_SLEEP)).toBe(true);
    const everything = (await impl.kmem_alloc_physcontig!('user', 0x10000n, preq, KM_NOSLEEP))!;

    const order: string[] = [];
    const waiter = impl.kmem_alloc_physcontig!('user', 0x8000n, preq, KM_SLEEP);
    void waiter.then(() => order.push('waiter'));
    expect(await stateAfter(waiter, impl.translate(everything, 0x1000n))).toBe('pending');
    expect(await impl.kmem_alloc_physcontig!('interrupt', 0x1000n, preq, KM_NOSLEEP)).toBeNull();
    expect(await stateAfter(waiter, impl.read(everything, 4))).toBe('pending');

    const release = impl.kmem_free_physcontig!('interrupt', everything, 0x10000n).then(() => order.push('release'));
    await release;
    const vaddr = await waiter;
    expect(order).toEqual(['waiter', 'release']);
    expect(vaddr).not.toBeNull();
    expect(await impl.translate(vaddr!, 0x8000n)).toEqual([{ phys: 0n, length: 0x8000n }]);
  });

  it('abandons a request still waiting at dispose, and the process goes', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 0x1000n)]));
    const preq = (await impl.physreq_alloc!('user', KM_SLEEP))!;
    await impl.physreq_prep!('user', preq, KM_SLEEP);
    const forever = impl.kmem_alloc_physcontig!('user', 0x2000n, preq, KM_SLEEP);
    expect(await stateAfter(forever, impl.translate(0xffffc90000000000n, 0n))).toBe('pending');
    const pid = impl.pid!;
    await impl.dispose();
    expect(exists(pid)).toBe(false);
    expect(await vanished(-pid)).toBe(true);
  });

  it('matches many pipelined replies to their requests', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 1n << 24n)]));
    const handle = await impl.d_map_init!('process', 0, 0, 0, 0);
    const sizes = Array.from({ length: 300 }, (_, i) => BigInt((i % 7) + 1) * 0x1000n);
    const addresses = await Promise.all(sizes.map((size) => impl!.d_alloc_dmamem!('process', handle, size, 12)));
    const translations = await Promise.all(addresses.map((vaddr, i) => impl!.translate(vaddr!, sizes[i]!)));
    translations.forEach((segments, i) => expect(segments.reduce((n, s) => n + s.length, 0n)).toBe(sizes[i]));
    expect(new Set(addresses).size).toBe(sizes.length);
    const codes = await Promise.all(addresses.map((vaddr, i) => impl!.d_free_dmamem!('process', handle, vaddr!, sizes[i]!)));
    expect(codes.every((c) => c === 0)).toBe(true);
  });

  it('tells a parked KM_SLEEP call at once by a ping answered before it, and one answered at once as not parked', async () => {
    impl = await startC();
    await impl.setup(config([ram(0n, 0x2000n)]));
    const preq = (await impl.physreq_alloc!('user', KM_SLEEP))!;
    await impl.physreq_prep!('user', preq, KM_SLEEP);
    const met = impl.kmem_alloc_physcontig!('user', 0x1000n, preq, KM_SLEEP) as Promise<bigint | null> & { parked?: Promise<boolean> };
    expect(await met.parked).toBe(false);
    const first = (await met)!;
    const parkedCall = impl.kmem_alloc_physcontig!('user', 0x2000n, preq, KM_SLEEP) as Promise<bigint | null> & { parked?: Promise<boolean> };
    expect(await parkedCall.parked).toBe(true);
    // The harness's wait ends on that news, long before a grace period of a minute would.
    expect(await settleWithin(parkedCall, 60_000)).toEqual({ state: 'pending' });
    await impl.kmem_free_physcontig!('user', first, 0x1000n);
    expect(await parkedCall).not.toBeNull();
  });
});
