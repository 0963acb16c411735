import type { Context } from '../../spec/constants/context';
import type { PhysSegment, PhysreqFields } from '../../spec/constraints/types';
import { FAMILIES, type DmaImplementation, type PhysAllocation, type SetupConfig } from '../../spec/interface/implementation';
import type { PlacementCore } from '../contract';
import { AixShell } from './aix';
import { Placer } from './placer';
import { Svr5Shell } from './svr5';

/**
 * Every service of both families around a user's placement core. The shell
 * supplies what is not placement (handles, physreqs, contexts, DDI
 * versions, misuse refusal, sleeping, virtual mapping); where memory goes is
 * the core's answer, passed on unchanged for the properties to judge.
 */
export class CoreShell implements DmaImplementation {
  readonly name: string;
  readonly families = FAMILIES;
  private state: { placer: Placer; aix: AixShell; svr5: Svr5Shell } | null = null;

  constructor(readonly core: PlacementCore) {
    this.name = `core ${core.name}`;
  }

  setup(config: SetupConfig): void {
    const placer = new Placer(this.core, config);
    this.state = { placer, aix: new AixShell(placer), svr5: new Svr5Shell(placer, config.ddiVersion, this.core.supports ?? {}) };
  }

  private booted(): { placer: Placer; aix: AixShell; svr5: Svr5Shell } {
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

  translate(vaddr: bigint, length: bigint): PhysSegment[] {
    return this.booted().placer.mappings.translate(vaddr, length);
  }
  read(vaddr: bigint, length: number): Uint8Array {
    return this.booted().placer.mappings.read(vaddr, length);
  }
  write(vaddr: bigint, data: Uint8Array): void {
    this.booted().placer.mappings.write(vaddr, data);
  }
  dispose(): void {
    this.core.dispose?.();
  }
}

export function createCoreShell(core: PlacementCore): CoreShell {
  return new CoreShell(core);
}
