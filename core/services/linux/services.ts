import { hex } from '../../../spec/address/u64';
import type { Context } from '../../../spec/constants/context';
import { GFP_VALUES, maskBits } from '../../../spec/constants/linux';
import { constraintsFromCoherent, maskSupportable, poolParamsProblem, type PoolParams } from '../../../spec/constraints/from-linux';
import type { DmaConstraints } from '../../../spec/constraints/types';
import type { DmaPair, ServiceName } from '../../../spec/interface/implementation';
import { checkContext, violation } from '../../../spec/rules/guards';
import type { DmaKernel } from '../kernel/kernel';
import { DeviceTable } from './devices';
import { poolLayout, type PoolLayout } from './pool-layout';
import { PoolTable, type PoolChunk, type PoolRecord } from './pools';

const EIO = -5;

/**
 * The Linux DMA API over the kernel: device masks, coherent memory and
 * dma_pools carved from coherent memory. The DMA address is the physical
 * address (a platform without an IOMMU); GFP_KERNEL never waits for memory
 * to be freed, it fails with NULL like GFP_ATOMIC.
 */
export class LinuxServices {
  readonly devices = new DeviceTable();
  readonly pools = new PoolTable();

  constructor(protected readonly kernel: DmaKernel) {}

  dma_set_mask(ctx: Context, dev: number, mask: bigint): number {
    return this.setMask('dma_set_mask', ctx, dev, mask, true, false);
  }

  dma_set_coherent_mask(ctx: Context, dev: number, mask: bigint): number {
    return this.setMask('dma_set_coherent_mask', ctx, dev, mask, false, true);
  }

  dma_set_mask_and_coherent(ctx: Context, dev: number, mask: bigint): number {
    return this.setMask('dma_set_mask_and_coherent', ctx, dev, mask, true, true);
  }

  /** A mask is taken when it has the DMA_BIT_MASK form and some page of RAM lies below it; otherwise nothing changes. */
  protected setMask(service: ServiceName, ctx: Context, dev: number, mask: bigint, streaming: boolean, coherent: boolean): number {
    checkContext(service, ctx);
    this.checkDevice(service, dev);
    if (maskBits(mask) === null || !maskSupportable(mask, this.kernel.ram, this.kernel.pageBytes)) return EIO;
    const d = this.devices.get(dev);
    if (streaming) d.streaming = mask;
    if (coherent) d.coherent = mask;
    return 0;
  }

  dma_alloc_coherent(ctx: Context, dev: number, size: bigint, gfp: number): DmaPair | null {
    this.checkGfp('dma_alloc_coherent', ctx, gfp);
    this.checkDevice('dma_alloc_coherent', dev);
    if (size <= 0n) return null;
    const c = this.coherentConstraints(size, this.devices.get(dev).coherent);
    const a = this.kernel.tryAllocate({ size, constraints: c, service: 'dma_alloc_coherent', handle: dev });
    return a === null ? null : { cpu: a.vaddr, dma: this.dmaAddress(a.segments[0]!.phys) };
  }

  // Seams a variant (a fixture mutant, a zoo member) may replace.
  protected coherentConstraints(size: bigint, mask: bigint): DmaConstraints {
    return constraintsFromCoherent(size, this.kernel.pageBytes, mask);
  }

  /** The DMA address of physical memory: the same, on a platform without an IOMMU. */
  protected dmaAddress(phys: bigint): bigint {
    return phys;
  }

  protected layoutFor(params: PoolParams): PoolLayout {
    return poolLayout(params, this.kernel.pageBytes);
  }

  /** Marks a block of a chunk free again once dma_pool_free has accepted it. */
  protected markFree(chunk: PoolChunk, slot: number): void {
    chunk.used[slot] = false;
  }

  dma_free_coherent(ctx: Context, dev: number, size: bigint, cpu: bigint, dma: bigint): void {
    checkContext('dma_free_coherent', ctx);
    const clause = 'dma_free_coherent.exact-match';
    const a = this.kernel.table.get(cpu);
    if (a === undefined || a.service !== 'dma_alloc_coherent') violation('dma_free_coherent', clause, `${hex(cpu)} is not live memory from dma_alloc_coherent`);
    if (a.handle !== dev) violation('dma_free_coherent', clause, `${hex(cpu)} was allocated for device ${a.handle}, not ${dev}`);
    if (a.size !== size) violation('dma_free_coherent', clause, `${hex(cpu)} has size ${hex(a.size)}, not ${hex(size)}`);
    const own = this.dmaAddress(a.segments[0]!.phys);
    if (own !== dma) violation('dma_free_coherent', clause, `${hex(cpu)} has DMA address ${hex(own)}, not ${hex(dma)}`);
    this.kernel.release(a);
  }

  /** Creation arguments the documents rule out make no pool: NULL, as a failed creation is. */
  dma_pool_create(ctx: Context, _name: string, dev: number, size: bigint, align: bigint, boundary: bigint): number | null {
    checkContext('dma_pool_create', ctx);
    this.checkDevice('dma_pool_create', dev);
    const params = { size, align, boundary };
    if (poolParamsProblem(params) !== null) return null;
    return this.pools.create(dev, params, this.devices.get(dev).coherent, this.layoutFor(params)).id;
  }

  dma_pool_alloc(ctx: Context, pool: number, gfp: number): DmaPair | null {
    return this.poolAlloc('dma_pool_alloc', ctx, pool, gfp, false);
  }

  dma_pool_zalloc(ctx: Context, pool: number, gfp: number): DmaPair | null {
    return this.poolAlloc('dma_pool_zalloc', ctx, pool, gfp, true);
  }

  protected poolAlloc(service: ServiceName, ctx: Context, id: number, gfp: number, zero: boolean): DmaPair | null {
    this.checkGfp(service, ctx, gfp);
    const p = this.pool(service, id);
    const spot = this.freeSlot(p) ?? this.grow(p);
    if (spot === null) return null;
    const { chunk, slot } = spot;
    const offset = p.layout.offsets[slot]!;
    const cpu = chunk.memory.vaddr + offset;
    const dma = this.dmaAddress(chunk.memory.segments[0]!.phys) + offset;
    chunk.used[slot] = true;
    p.live.set(cpu, { dma, chunk, slot });
    if (zero) this.kernel.zero(chunk.memory.segments[0]!.phys + offset, p.params.size);
    return { cpu, dma };
  }

  private freeSlot(p: PoolRecord): { chunk: PoolChunk; slot: number } | null {
    for (const chunk of p.chunks) {
      const slot = chunk.used.indexOf(false);
      if (slot >= 0) return { chunk, slot };
    }
    return null;
  }

  /** Obtains one more chunk of coherent memory for the pool, below the mask it was made under. */
  private grow(p: PoolRecord): { chunk: PoolChunk; slot: number } | null {
    const bytes = p.layout.chunkBytes;
    // A chunk is coherent memory of a power-of-two number of pages, so it is aligned to its own size.
    const c = this.coherentConstraints(bytes, p.mask);
    const memory = this.kernel.tryAllocate({ size: bytes, constraints: c, service: 'dma_pool_create', handle: p.dev });
    if (memory === null) return null;
    const chunk: PoolChunk = { memory, used: p.layout.offsets.map(() => false) };
    p.chunks.push(chunk);
    return { chunk, slot: 0 };
  }

  dma_pool_free(ctx: Context, id: number, cpu: bigint, dma: bigint): void {
    checkContext('dma_pool_free', ctx);
    const p = this.pool('dma_pool_free', id);
    const block = p.live.get(cpu);
    if (block === undefined) violation('dma_pool_free', 'dma_pool_free.from-this-pool', `${hex(cpu)} is not a live block of pool ${id}`);
    if (block.dma !== dma) violation('dma_pool_free', 'dma_pool_free.from-this-pool', `${hex(cpu)} was given with DMA address ${hex(block.dma)}, not ${hex(dma)}`);
    p.live.delete(cpu);
    this.markFree(block.chunk, block.slot);
  }

  /** Gives every chunk back; a pool with blocks still out is refused and kept, so no block's memory goes to anyone else. */
  dma_pool_destroy(ctx: Context, id: number): void {
    checkContext('dma_pool_destroy', ctx);
    const p = this.pool('dma_pool_destroy', id);
    if (p.live.size > 0) violation('dma_pool_destroy', 'dma_pool_destroy.all-freed', `pool ${id} still has ${p.live.size} block(s) out`);
    this.pools.delete(id);
    for (const chunk of p.chunks) this.kernel.release(chunk.memory);
  }

  private pool(service: ServiceName, id: number): PoolRecord {
    const p = this.pools.get(id);
    if (p === undefined) violation(service, 'dma_pool.from-dma_pool_create', `pool ${id} did not come from dma_pool_create or was destroyed`);
    return p;
  }

  private checkGfp(service: ServiceName, ctx: Context, gfp: number): void {
    if (!GFP_VALUES.includes(gfp)) violation(service, 'linux.gfp-values', `gfp ${gfp} is neither GFP_KERNEL nor GFP_ATOMIC`);
    checkContext(service, ctx, gfp);
  }

  private checkDevice(service: ServiceName, dev: number): void {
    if (!Number.isSafeInteger(dev) || dev <= 0) violation(service, 'linux.device', `device ${dev} is not a positive integer`);
  }
}
