import { hex } from '../../spec/address/u64';
import type { DmaConstraints } from '../../spec/constraints/types';
import type { SetupConfig } from '../../spec/interface/implementation';
import type { CoreRange, PlacementCore } from '../contract';
import { bytesFor } from './contents';
import { Mappings, type Mapping, type MappingOwner } from './mappings';
import { coreRequest } from './request';
import { Sleepers } from './sleepers';
import { VirtualSpace } from './virtual-space';

/** The RAM of a memory map, in address order: what the core places in. */
export function ramRanges(config: SetupConfig): CoreRange[] {
  return config.memoryMap.ranges
    .filter((r) => r.type === 'ram' && r.length > 0n)
    .map((r) => ({ base: r.base, length: r.length }))
    .sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
}

/**
 * Between the services and the core: asks the core for physical memory,
 * maps it, and gives it back. The core's answer is passed on as it came;
 * judging it is the properties' work, so a wrong answer is never corrected.
 */
export class Placer {
  readonly mappings: Mappings;
  readonly sleepers = new Sleepers<Mapping>();
  private readonly vspace: VirtualSpace;

  constructor(
    private readonly core: PlacementCore,
    config: SetupConfig,
  ) {
    core.init(ramRanges(config), config.pageSize);
    this.mappings = new Mappings(bytesFor(core));
    this.vspace = new VirtualSpace(BigInt(config.pageSize));
  }

  /** Maps what the core places for the request, or returns null having changed nothing. */
  tryPlace(size: bigint, c: DmaConstraints, owner: MappingOwner, handle?: number): Mapping | null {
    const phys: unknown = this.core.alloc(coreRequest(size, c));
    if (phys === null) return null;
    if (typeof phys !== 'bigint') throw new TypeError(`core ${this.core.name}: alloc returned ${String(phys)}, neither a bigint address nor null`);
    const vaddr = this.vspace.reserve(size, c.virtualAlignment);
    if (vaddr === null) {
      // The shell, not the core, has no room left: give the memory back and answer NULL.
      this.core.free(phys, size);
      return null;
    }
    const m: Mapping = { vaddr, phys, size, owner, handle };
    this.mappings.add(m);
    return m;
  }

  /** A request the core cannot meet now, retried after every release until it can. */
  placeLater(size: bigint, c: DmaConstraints, owner: MappingOwner): Promise<Mapping> {
    return this.sleepers.wait(() => this.tryPlace(size, c, owner));
  }

  release(m: Mapping): void {
    this.mappings.remove(m);
    this.core.free(m.phys, m.size);
    this.sleepers.wake();
  }

  /** kmem_zalloc_physreq's zeroing, done by the shell through the same view the suite reads. */
  zero(m: Mapping): void {
    const chunk = 1 << 16;
    for (let at = 0n; at < m.size; at += BigInt(chunk)) {
      const n = m.size - at < BigInt(chunk) ? Number(m.size - at) : chunk;
      this.mappings.write(m.vaddr + at, new Uint8Array(n));
    }
  }

  describe(m: Mapping): string {
    return `${hex(m.vaddr)} (physical ${hex(m.phys)}, ${hex(m.size)} bytes)`;
  }
}
