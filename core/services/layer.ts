import type { Context } from '../../spec/constants/context';
import type { PhysSegment, PhysreqFields } from '../../spec/constraints/types';
import { FAMILIES, type DmaImplementation, type DmaPair, type PhysAllocation, type SetupConfig } from '../../spec/interface/implementation';
import type { PlacementCore } from '../contract';
import type { PoolEngine } from '../pool-contract';
import { AixServices } from './aix/services';
import { DmaKernel } from './kernel/kernel';
import type { LayerOptions } from './kernel/options';
import { LinuxServices } from './linux/services';
import { Svr5Services } from './svr5/services';

interface Booted {
  readonly kernel: DmaKernel;
  readonly aix: AixServices;
  readonly svr5: Svr5Services;
  readonly linux: LinuxServices;
}

/**
 * Every service of every family over one placement core: handles,
 * physreqs, contexts, DDI versions, misuse refusal, sleeping and waking,
 * virtual mapping and contents. The reference allocator is this layer over
 * the reference's placement engine, and a user's core runs behind the very
 * same code, so whatever judges one judges the other the same way. Each
 * setup boots a fresh kernel over a core from createEngine.
 */
export abstract class ServiceLayer implements DmaImplementation {
  abstract readonly name: string;
  readonly families = FAMILIES;
  /** Present only when the layer claims which heap backs an area (the heaps option). */
  declare heapOf?: (vaddr: bigint) => 'real_heap' | 'pinned_heap' | null;
  private state: Booted | null = null;
  /** The engine laying dma_pool blocks, when a user brings one; else the layer's own. */
  private poolEngine: PoolEngine | undefined;

  constructor(protected readonly layerOptions: LayerOptions = {}) {
    if (layerOptions.heaps === true) this.heapOf = (vaddr) => this.booted().aix.heapOf(vaddr);
  }

  /** The placement core for one setup: started afresh by the kernel with init. */
  protected abstract createEngine(config: SetupConfig): PlacementCore;

  setup(config: SetupConfig): void {
    const kernel = this.createKernel(config);
    this.state = { kernel, aix: this.createAix(kernel), svr5: this.createSvr5(kernel, config), linux: this.createLinux(kernel) };
  }

  // The parts a variant (a fixture mutant, an experiment) may replace.
  protected createKernel(config: SetupConfig): DmaKernel {
    return new DmaKernel(config, this.createEngine(config), this.layerOptions);
  }

  protected createAix(kernel: DmaKernel): AixServices {
    return new AixServices(kernel);
  }

  protected createSvr5(kernel: DmaKernel, config: SetupConfig): Svr5Services {
    return new Svr5Services(kernel, config.ddiVersion);
  }

  protected createLinux(kernel: DmaKernel): LinuxServices {
    return new LinuxServices(kernel, this.poolEngine);
  }

  /** Lays dma_pool blocks with this engine from the next setup on; the name says so. */
  usePools(engine: PoolEngine): this {
    this.poolEngine = engine;
    (this as { name: string }).name = `${this.name} + pools ${engine.name}`;
    return this;
  }

  dispose(): void {
    this.poolEngine?.dispose?.();
  }

  /** The booted kernel, for tests and benchmarks that look inside. */
  get kernel(): DmaKernel {
    return this.booted().kernel;
  }

  private booted(): Booted {
    if (this.state === null) throw new Error(`${this.name}: setup() has not been called`);
    return this.state;
  }

  d_map_init(ctx: Context, bid: number, flags: number, busFlags: number, channel: number): number {
    return this.booted().aix.d_map_init(ctx, bid, flags, busFlags, channel);
  }
  d_map_clear(ctx: Context, handle: number): void {
    this.booted().aix.d_map_clear(ctx, handle);
  }
  d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
    return this.booted().aix.d_alloc_dmamem(ctx, handle, size, align);
  }
  d_free_dmamem(ctx: Context, handle: number, addr: bigint, size: bigint): number {
    return this.booted().aix.d_free_dmamem(ctx, handle, addr, size);
  }

  physreq_alloc(ctx: Context, flag: number): number {
    return this.booted().svr5.physreq_alloc(ctx, flag);
  }
  physreq_set(ctx: Context, preq: number, fields: Partial<PhysreqFields>): void {
    this.booted().svr5.physreq_set(ctx, preq, fields);
  }
  physreq_prep(ctx: Context, preq: number, flag: number): boolean {
    return this.booted().svr5.physreq_prep(ctx, preq, flag);
  }
  physreq_free(ctx: Context, preq: number): void {
    this.booted().svr5.physreq_free(ctx, preq);
  }
  kmem_alloc_physcontig(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.booted().svr5.kmem_alloc_physcontig(ctx, size, preq, flag);
  }
  kmem_free_physcontig(ctx: Context, addr: bigint, size: bigint): void {
    this.booted().svr5.kmem_free_physcontig(ctx, addr, size);
  }
  kmem_alloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.booted().svr5.kmem_alloc_physreq(ctx, size, preq, flag);
  }
  kmem_zalloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.booted().svr5.kmem_zalloc_physreq(ctx, size, preq, flag);
  }
  kmem_alloc_phys(ctx: Context, size: bigint, preq: number, flags: number): PhysAllocation | null | Promise<PhysAllocation> {
    return this.booted().svr5.kmem_alloc_phys(ctx, size, preq, flags);
  }
  kmem_free(ctx: Context, addr: bigint, size: bigint): void {
    this.booted().svr5.kmem_free(ctx, addr, size);
  }

  dma_set_mask(ctx: Context, dev: number, mask: bigint): number {
    return this.booted().linux.dma_set_mask(ctx, dev, mask);
  }
  dma_set_coherent_mask(ctx: Context, dev: number, mask: bigint): number {
    return this.booted().linux.dma_set_coherent_mask(ctx, dev, mask);
  }
  dma_set_mask_and_coherent(ctx: Context, dev: number, mask: bigint): number {
    return this.booted().linux.dma_set_mask_and_coherent(ctx, dev, mask);
  }
  dma_alloc_coherent(ctx: Context, dev: number, size: bigint, gfp: number): DmaPair | null {
    return this.booted().linux.dma_alloc_coherent(ctx, dev, size, gfp);
  }
  dma_free_coherent(ctx: Context, dev: number, size: bigint, cpu: bigint, dma: bigint): void {
    this.booted().linux.dma_free_coherent(ctx, dev, size, cpu, dma);
  }
  dma_pool_create(ctx: Context, name: string, dev: number, size: bigint, align: bigint, boundary: bigint): number | null {
    return this.booted().linux.dma_pool_create(ctx, name, dev, size, align, boundary);
  }
  dma_pool_alloc(ctx: Context, pool: number, gfp: number): DmaPair | null {
    return this.booted().linux.dma_pool_alloc(ctx, pool, gfp);
  }
  dma_pool_zalloc(ctx: Context, pool: number, gfp: number): DmaPair | null {
    return this.booted().linux.dma_pool_zalloc(ctx, pool, gfp);
  }
  dma_pool_free(ctx: Context, pool: number, cpu: bigint, dma: bigint): void {
    this.booted().linux.dma_pool_free(ctx, pool, cpu, dma);
  }
  dma_pool_destroy(ctx: Context, pool: number): void {
    this.booted().linux.dma_pool_destroy(ctx, pool);
  }

  translate(vaddr: bigint, length: bigint): PhysSegment[] {
    return this.booted().kernel.translate(vaddr, length);
  }
  read(vaddr: bigint, length: number): Uint8Array {
    return this.booted().kernel.read(vaddr, length);
  }
  write(vaddr: bigint, data: Uint8Array): void {
    this.booted().kernel.write(vaddr, data);
  }
}
