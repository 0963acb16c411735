import { hex } from '../../../spec/address/u64';
import type { Context } from '../../../spec/constants/context';
import { GFP_VALUES, maskBits } from '../../../spec/constants/linux';
import { constraintsFromCoherent, maskSupportable, poolParamsProblem } from '../../../spec/constraints/from-linux';
import type { DmaConstraints } from '../../../spec/constraints/types';
import type { DmaPair, ServiceName } from '../../../spec/interface/implementation';
import { checkContext, violation } from '../../../spec/rules/guards';
import type { PoolEngine } from '../../pool-contract';
import { KeptBytes, type PhysicalBytes } from '../kernel/contents';
import type { DmaKernel } from '../kernel/kernel';
import { DeviceTable } from './devices';
import { LayoutPools } from './layout-pools';
import { PoolTable, type PoolRecord } from './pools';

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

  /** The engine was started afresh for this setup: done at the first dma_pool_create, so a setup that makes no pool costs an engine process no round trip. */
  private engineReset = false;

  constructor(
    protected readonly kernel: DmaKernel,
    /** Lays pools' blocks into the coherent memory it obtains here: the layer's own, unless a user brings one. */
    protected readonly engine: PoolEngine = new LayoutPools(),
  ) {}

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
    if (!this.engineReset) {
      this.engineReset = true;
      this.engine.reset({
        pageSize: Number(this.kernel.pageBytes),
        obtain: (pool, bytes) => this.obtain(pool, bytes),
        giveBack: (pool, bytes, chunk) => this.giveBack(pool, bytes, chunk),
      });
    }
    const p = this.pools.create(dev, params, this.devices.get(dev).coherent);
    const made: unknown = this.engine.create(p.id, params);
    if (typeof made !== 'boolean') throw new TypeError(`pool engine ${this.engine.name}: create answered ${String(made)}, not true or false`);
    if (!made) this.pools.delete(p.id);
    return made ? p.id : null;
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
    const got: unknown = this.engine.alloc(id, zero);
    if (got === null) return null;
    const block = got as Partial<DmaPair> | undefined;
    if (typeof block?.cpu !== 'bigint' || typeof block.dma !== 'bigint') {
      throw new TypeError(`pool engine ${this.engine.name}: alloc answered ${String(got)}, neither { cpu, dma } bigints nor null`);
    }
    PoolTable.take(p, block.cpu, block.dma);
    if (zero && !this.engineKeepsBytes) this.zeroBlock(p, block.cpu);
    return { cpu: block.cpu, dma: block.dma };
  }

  /** Zeroes a block for an engine that keeps no bytes, where it lies in one of the pool's chunks (elsewhere the properties judge it). */
  private zeroBlock(p: PoolRecord, cpu: bigint): void {
    for (const a of p.chunks.values()) {
      const offset = cpu - a.vaddr;
      if (offset >= 0n && offset + p.params.size <= a.size) this.kernel.zero(a.segments[0]!.phys + offset, p.params.size);
    }
  }

  dma_pool_free(ctx: Context, id: number, cpu: bigint, dma: bigint): void {
    checkContext('dma_pool_free', ctx);
    const p = this.pool('dma_pool_free', id);
    if (!PoolTable.give(p, cpu, dma)) {
      const own = p.live.get(cpu);
      const why = own === undefined ? `${hex(cpu)} is not a live block of pool ${id}` : `${hex(cpu)} was given with DMA address ${hex(own[0]!)}, not ${hex(dma)}`;
      violation('dma_pool_free', 'dma_pool_free.from-this-pool', why);
    }
    this.engine.free(id, { cpu, dma });
  }

  /** A pool with blocks still out is refused and kept, so no block's memory goes to anyone else. */
  dma_pool_destroy(ctx: Context, id: number): void {
    checkContext('dma_pool_destroy', ctx);
    const p = this.pool('dma_pool_destroy', id);
    const out = PoolTable.blocksOut(p);
    if (out > 0) violation('dma_pool_destroy', 'dma_pool_destroy.all-freed', `pool ${id} still has ${out} block(s) out`);
    this.engine.destroy(id);
    this.pools.delete(id);
  }

  /** The host side of the engine: coherent memory for a pool, below the mask it was made under. */
  private obtain(id: number, size: bigint): DmaPair | null {
    const p = this.pools.get(id);
    if (p === undefined) throw new TypeError(`pool engine ${this.engine.name}: asked for memory for pool ${id}, which does not exist`);
    if (typeof size !== 'bigint' || size <= 0n) throw new TypeError(`pool engine ${this.engine.name}: asked for ${String(size)} bytes of coherent memory`);
    const a = this.kernel.tryAllocate({ size, constraints: this.coherentConstraints(size, p.mask), service: 'dma_pool_create', handle: p.dev });
    if (a === null) return null;
    p.chunks.set(a.vaddr, a);
    const phys = a.segments[0]!.phys;
    if (this.engineKeepsBytes) this.kernel.lend(phys, size, this.engineBytes(phys));
    return { cpu: a.vaddr, dma: this.dmaAddress(phys) };
  }

  private giveBack(id: number, size: bigint, chunk: DmaPair): void {
    const a = this.pools.get(id)?.chunks.get(chunk?.cpu);
    if (a === undefined || a.size !== size || this.dmaAddress(a.segments[0]!.phys) !== chunk.dma) {
      throw new TypeError(`pool engine ${this.engine.name}: gave back ${hex(chunk?.cpu ?? 0n)}+${hex(size)}, which is not a chunk pool ${id} holds`);
    }
    this.pools.get(id)!.chunks.delete(a.vaddr);
    if (this.engineKeepsBytes) this.kernel.takeBack(a.segments[0]!.phys);
    this.kernel.release(a);
  }

  private get engineKeepsBytes(): boolean {
    return typeof this.engine.read === 'function' && typeof this.engine.write === 'function';
  }

  /** The engine's bytes of one chunk, addressed by the DMA address it was given. */
  private engineBytes(phys: bigint): PhysicalBytes {
    const engine = this.engine;
    const dma = this.dmaAddress(phys);
    const keeper = { who: `pool engine ${engine.name}`, read: (a: bigint, n: number) => engine.read!(a, n), write: (a: bigint, d: Uint8Array) => engine.write!(a, d) };
    return new KeptBytes(keeper, (p) => dma + (p - phys));
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
