import { hex } from '../../../spec/address/u64';
import { DMA_FAIL, REAL_HEAP_LIMIT } from '../../../spec/constants/aix';
import type { Context } from '../../../spec/constants/context';
import { classifyRequest } from '../../../spec/constraints/classify';
import { aixAlignValid, aixFlagsValid, constraintsFromAix } from '../../../spec/constraints/from-aix';
import type { DmaConstraints } from '../../../spec/constraints/types';
import { checkContext, violation } from '../../../spec/rules/guards';
import type { Allocation } from '../kernel/allocation';
import type { DmaKernel } from '../kernel/kernel';
import { HandleTable } from './handles';

/**
 * d_map_init handles and the AIX allocation services over the kernel. With
 * real_heap on, d_alloc_dmamem serves a handle that needs contiguity from
 * real_heap (below 16 MB) when it can, else from pinned_heap; memory that
 * may be scattered always comes from pinned_heap. With it off there is one
 * heap and no claim about heaps is made.
 */
export class AixServices {
  readonly handles = new HandleTable();

  constructor(protected readonly kernel: DmaKernel) {}

  d_map_init(ctx: Context, bid: number, flags: number, busFlags: number, channel: number): number {
    checkContext('d_map_init', ctx);
    if (!aixFlagsValid(flags) || !Number.isInteger(bid) || bid < 0) return DMA_FAIL;
    if (this.handles.size >= this.kernel.maxHandles) return DMA_FAIL;
    return this.handles.register(bid, flags, busFlags, channel).id;
  }

  d_map_clear(_ctx: Context, handle: number): void {
    const h = this.handles.get(handle);
    if (h === undefined) violation('d_map_clear', 'd_map_clear.releases-handle', `handle ${handle} is not a live d_map_init handle`);
    if (h.live > 0) violation('d_map_clear', 'd_map_clear.live-allocations', `handle ${handle} still has ${h.live} allocation(s)`);
    this.handles.clear(handle);
  }

  d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
    checkContext('d_alloc_dmamem', ctx);
    const h = this.handles.get(handle);
    if (h === undefined) violation('d_alloc_dmamem', 'd_alloc_dmamem.valid-handle', `handle ${handle} is not a live d_map_init handle`);
    if (!aixAlignValid(align)) violation('d_alloc_dmamem', 'd_alloc_dmamem.align-range', `align ${align} is outside 0..63`);
    const c = constraintsFromAix(h.flags, align);
    const verdict = classifyRequest(size, c, 'd_alloc_dmamem.size-zero');
    if (verdict.kind === 'invalid') violation('d_alloc_dmamem', verdict.clause, verdict.reason);
    const a = this.place(size, c, handle);
    if (a === null) return null;
    h.live++;
    return a.vaddr;
  }

  protected place(size: bigint, c: DmaConstraints, handle: number): Allocation | null {
    if (c.contiguous && this.kernel.realHeapEnabled) {
      const low = c.maxAddress < REAL_HEAP_LIMIT - 1n ? c.maxAddress : REAL_HEAP_LIMIT - 1n;
      const real = this.kernel.tryAllocate({ size, constraints: { ...c, maxAddress: low }, service: 'd_alloc_dmamem', handle, heap: 'real_heap' });
      if (real !== null) return real;
    }
    const heap = this.kernel.heapsClaimed ? 'pinned_heap' : undefined;
    return this.kernel.tryAllocate({ size, constraints: c, service: 'd_alloc_dmamem', handle, heap });
  }

  d_free_dmamem(_ctx: Context, handle: number, addr: bigint, size: bigint): number {
    const h = this.handles.get(handle);
    if (h === undefined) violation('d_free_dmamem', 'd_free_dmamem.exact-match', `handle ${handle} is not a live d_map_init handle`);
    const a = this.kernel.table.get(addr);
    if (a === undefined) violation('d_free_dmamem', 'd_free_dmamem.exact-match', `${hex(addr)} is not a live allocation (never allocated, or already freed)`);
    if (a.service !== 'd_alloc_dmamem') violation('d_free_dmamem', 'd_free_dmamem.pairing', `${hex(addr)} was allocated by ${a.service}`);
    if (a.handle !== handle) violation('d_free_dmamem', 'd_free_dmamem.exact-match', `${hex(addr)} was allocated on handle ${a.handle}, not ${handle}`);
    if (a.size !== size) violation('d_free_dmamem', 'd_free_dmamem.exact-match', `${hex(addr)} has size ${hex(a.size)}, not ${hex(size)}`);
    this.kernel.release(a);
    h.live--;
    return 0;
  }

  heapOf(vaddr: bigint): 'real_heap' | 'pinned_heap' | null {
    const a = this.kernel.table.get(vaddr);
    return a === undefined ? null : (a.heap ?? 'pinned_heap');
  }
}
