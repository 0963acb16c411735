import { hex } from '../../spec/address/u64';
import { DMA_FAIL } from '../../spec/constants/aix';
import type { Context } from '../../spec/constants/context';
import { classifyRequest } from '../../spec/constraints/classify';
import { aixAlignValid, aixFlagsValid, constraintsFromAix } from '../../spec/constraints/from-aix';
import { checkContext, violation } from '../../spec/rules/guards';
import type { Placer } from './placer';

/** How many d_map_init handles may be live before it answers DMA_FAIL. */
const MAX_HANDLES = 1024;

/**
 * d_map_init handles and the AIX allocation services around the core. The
 * shell has one heap, so it makes no real_heap claim (heapOf is absent and
 * that rule is not judged).
 */
export class AixShell {
  private readonly handles = new Map<number, { readonly flags: number }>();
  private next = 1;

  constructor(private readonly placer: Placer) {}

  d_map_init(ctx: Context, bid: number, flags: number, _busFlags: number, _channel: number): number {
    checkContext('d_map_init', ctx);
    if (!aixFlagsValid(flags) || !Number.isInteger(bid) || bid < 0 || this.handles.size >= MAX_HANDLES) return DMA_FAIL;
    const id = this.next++;
    this.handles.set(id, { flags });
    return id;
  }

  d_map_clear(_ctx: Context, handle: number): void {
    if (!this.handles.has(handle)) violation('d_map_clear', 'd_map_clear.releases-handle', `handle ${handle} is not a live d_map_init handle`);
    const live = this.placer.mappings.countOfHandle(handle);
    if (live > 0) violation('d_map_clear', 'd_map_clear.live-allocations', `handle ${handle} still has ${live} allocation(s)`);
    this.handles.delete(handle);
  }

  d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
    checkContext('d_alloc_dmamem', ctx);
    const h = this.handles.get(handle);
    if (h === undefined) violation('d_alloc_dmamem', 'd_alloc_dmamem.valid-handle', `handle ${handle} is not a live d_map_init handle`);
    if (!aixAlignValid(align)) violation('d_alloc_dmamem', 'd_alloc_dmamem.align-range', `align ${align} is outside 0..63`);
    const c = constraintsFromAix(h.flags, align);
    const verdict = classifyRequest(size, c, 'd_alloc_dmamem.size-zero');
    if (verdict.kind === 'invalid') violation('d_alloc_dmamem', verdict.clause, verdict.reason);
    return this.placer.tryPlace(size, c, 'd_alloc_dmamem', handle)?.vaddr ?? null;
  }

  d_free_dmamem(_ctx: Context, handle: number, addr: bigint, size: bigint): number {
    const clause = 'd_free_dmamem.exact-match';
    if (!this.handles.has(handle)) violation('d_free_dmamem', clause, `handle ${handle} is not a live d_map_init handle`);
    const m = this.placer.mappings.at(addr);
    if (m === undefined) violation('d_free_dmamem', clause, `${hex(addr)} is not a live allocation (never allocated, or already freed)`);
    if (m.owner !== 'd_alloc_dmamem') violation('d_free_dmamem', 'd_free_dmamem.pairing', `${hex(addr)} was allocated by ${m.owner}`);
    if (m.handle !== handle) violation('d_free_dmamem', clause, `${hex(addr)} was allocated on handle ${m.handle}, not ${handle}`);
    if (m.size !== size) violation('d_free_dmamem', clause, `${hex(addr)} has size ${hex(m.size)}, not ${hex(size)}`);
    this.placer.release(m);
    return 0;
  }
}
