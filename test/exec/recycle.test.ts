import { describe, expect, it } from 'vitest';
import { SubprocessRecycler, type SubprocessImplementation } from '../../cli/exec';
import { KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import { brokenCommand, cFixtureCommand, config, ram } from './helpers';

const MiB = 0x100000n;

async function physreq(impl: SubprocessImplementation): Promise<number> {
  const preq = (await impl.physreq_alloc!('user', KM_NOSLEEP))!;
  expect(await impl.physreq_prep!('user', preq, KM_NOSLEEP)).toBe(true);
  return preq;
}

describe('one process for many properties (reset in hello)', () => {
  it('the C fixture serves the next property after reset, as good as new; the old lease can no longer call', async () => {
    const recycler = new SubprocessRecycler(cFixtureCommand(), { timeoutMs: 5000 });
    try {
      const first = await recycler.take();
      await first.setup(config([ram(0n, MiB)]));
      const addr = (await first.kmem_alloc_physcontig!('user', 0x2000n, await physreq(first), KM_NOSLEEP))!;
      expect(addr).not.toBeNull();
      const pid = first.pid;
      await first.dispose();

      const second = await recycler.take();
      expect(second.pid).toBe(pid);
      await expect(first.translate(addr, 0x1000n)).rejects.toThrow(/translate after dispose\(\)/);
      // Nothing of the last property survives: its allocation is unmapped, and all memory is free again.
      await expect(second.translate(addr, 0x1000n)).rejects.toThrow();
      await second.setup(config([ram(0n, MiB)]));
      expect(await second.kmem_alloc_physcontig!('user', MiB, await physreq(second), KM_NOSLEEP)).not.toBeNull();
      await second.dispose();
      expect(recycler.startCost.processes).toBe(1);
    } finally {
      await recycler.close();
    }
  });

  it('a KM_SLEEP call left parked by one property does not hold up the next', async () => {
    const recycler = new SubprocessRecycler(cFixtureCommand(), { timeoutMs: 5000 });
    try {
      const first = await recycler.take();
      await first.setup(config([ram(0n, 0x1000n)]));
      const preq = await physreq(first);
      expect(await first.kmem_alloc_physcontig!('user', 0x1000n, preq, KM_NOSLEEP)).not.toBeNull();
      void first.kmem_alloc_physcontig!('user', 0x1000n, preq, KM_SLEEP);
      await first.dispose();

      const second = await recycler.take();
      await second.setup(config([ram(0n, 0x1000n)]));
      expect(await second.kmem_alloc_physcontig!('user', 0x1000n, await physreq(second), KM_NOSLEEP)).not.toBeNull();
      await second.dispose();
      expect(recycler.startCost.processes).toBe(1);
    } finally {
      await recycler.close();
    }
  });

  it('an implementation without reset in its hello gets a fresh process per property, the old one ended', async () => {
    const recycler = new SubprocessRecycler(brokenCommand('error-reply.js'), { timeoutMs: 5000 });
    try {
      const first = await recycler.take();
      const pid = first.pid;
      await first.dispose();
      const second = await recycler.take();
      expect(second.pid).not.toBe(pid);
      expect(() => process.kill(pid!, 0)).toThrow();
      await second.dispose();
      expect(recycler.startCost.processes).toBe(2);
    } finally {
      await recycler.close();
    }
  });
});
