import { DMA_ADDRESS_64_BIT, DMA_CONTIGUOUS, DMA_ENABLE_64 } from '../../spec/constants/aix';
import { KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../spec/constants/svr5';
import type { MemoryMap } from '../../spec/interface/memory-map';
import { crossesBoundary } from '../../spec/predicates/placement';
import { aixAlloc, boot, exhausted, GIB_4, givesMemory, handle, isThenable, lastByte, PAGE, physreq, ram, segments, settle, type Scenario } from './scenario-steps';

const MIB = 1n << 20n;

/** Whether a call's answer is still pending once every settled reaction has run. */
async function stillWaiting(answer: unknown): Promise<boolean> {
  if (!isThenable(answer)) return false;
  let done = false;
  void Promise.resolve(answer).then(() => (done = true));
  await settle();
  return !done;
}

/** Scenarios for the mutants that pass by being consistent with themselves: only an absolute promise shows them. */
export const VERDICT_SCENARIOS: Record<string, Scenario> = {
  'never-allocates': async (impl) => {
    await boot(impl, 'small-16m');
    const h = await handle(impl, DMA_CONTIGUOUS);
    const p = await physreq(impl, { phys_flags: PREQ_PHYSCONTIG });
    return [
      !(await givesMemory(() => aixAlloc(impl, h, PAGE))),
      !(await givesMemory(() => impl.kmem_alloc_physcontig!('user', PAGE, p, KM_NOSLEEP))),
      await stillWaiting(impl.kmem_alloc_physcontig!('user', PAGE, p, KM_SLEEP)),
    ];
  },

  'null-beyond-ram-under-km-sleep': async (impl) => {
    await boot(impl, ram(MIB, 2n * PAGE));
    // Not awaited: the reference's answer is a sleeper that never wakes.
    const answer = impl.kmem_alloc_physcontig!('user', 2n * PAGE + 1n, await physreq(impl), KM_SLEEP);
    return [answer === null];
  },

  'freed-size-class-lost': async (impl) => {
    await boot(impl, ram(MIB, 8n * PAGE));
    const p = await physreq(impl);
    const size = PAGE + 1n;
    const blocks: bigint[] = [];
    for (let v; (v = (await impl.kmem_alloc_physcontig!('user', size, p, KM_NOSLEEP)) as bigint | null) !== null; ) blocks.push(v);
    const lost: boolean[] = [];
    for (const [i, b] of blocks.entries()) {
      await impl.kmem_free_physcontig!('user', b, size);
      const again = (await impl.kmem_alloc_physcontig!('user', size, p, KM_NOSLEEP)) as bigint | null;
      lost.push(again === null);
      if (again !== null) blocks[i] = again;
    }
    return [lost.some(Boolean)];
  },

  'wakes-only-from-user': async (impl) => {
    const all = await exhausted(impl);
    const waiting = impl.kmem_alloc_physcontig!('user', PAGE, await physreq(impl), KM_SLEEP);
    if (!isThenable(waiting)) throw new Error('KM_SLEEP did not wait on full memory');
    await impl.kmem_free_physcontig!('interrupt', all, 2n * PAGE);
    return [await stillWaiting(waiting)];
  },

  'handle-inherits-cleared': async (impl) => {
    const map: MemoryMap = { ranges: [{ base: MIB, length: 4n * PAGE, type: 'ram' }, { base: GIB_4, length: 64n * PAGE, type: 'ram' }] };
    await boot(impl, map);
    await impl.d_map_clear!('process', await handle(impl, DMA_ADDRESS_64_BIT | DMA_ENABLE_64));
    const v = await aixAlloc(impl, await handle(impl, DMA_CONTIGUOUS), 8n * PAGE);
    return [v !== null && lastByte(await segments(impl, v, 8n * PAGE)) >= GIB_4];
  },

  'packs-across-sub-page-boundary': async (impl) => {
    await boot(impl, 'small-16m');
    const p = await physreq(impl, { phys_boundary: 16n, phys_flags: PREQ_PHYSCONTIG });
    await impl.kmem_alloc_physcontig!('user', 5n, p, KM_NOSLEEP);
    const v = (await impl.kmem_alloc_physcontig!('user', 12n, p, KM_NOSLEEP)) as bigint;
    return [(await segments(impl, v, 12n)).some((s) => crossesBoundary(s.phys, s.length, 16n))];
  },

  'physreq-free-releases-memory': async (impl) => {
    await boot(impl, ram(MIB, 2n * PAGE));
    const p = await physreq(impl, { phys_flags: PREQ_PHYSCONTIG });
    const kept = (await impl.kmem_alloc_physcontig!('user', PAGE, p, KM_NOSLEEP)) as bigint;
    const [k] = await segments(impl, kept, PAGE);
    await impl.physreq_free!('user', p);
    const again = (await impl.kmem_alloc_physcontig!('user', PAGE, await physreq(impl, { phys_flags: PREQ_PHYSCONTIG }), KM_NOSLEEP)) as bigint | null;
    const handedOut = again !== null && (await segments(impl, again, PAGE)).some((s) => s.phys === k!.phys);
    return [handedOut];
  },
};
