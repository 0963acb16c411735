import { DMA_ADDRESS_64_BIT, DMA_ENABLE_64 } from '../../spec/constants/aix';
import type { ServiceName } from '../../spec/interface/implementation';
import type { Driver } from '../harness/driver';
import { releaseResult } from './release';
import type { FamilyAdapter, ReleaseResult } from './types';

/** A release service other than the family's own, and the pairing clause using it breaks. */
export interface WrongRelease {
  readonly service: ServiceName;
  readonly clause: string;
  release(d: Driver, vaddr: bigint, size: bigint): Promise<ReleaseResult>;
}

const viaKmemFreePhyscontig = (clause: string): WrongRelease => ({
  service: 'kmem_free_physcontig',
  clause,
  release: async (d, vaddr, size) => releaseResult(await d.call('kmem_free_physcontig', 'user', [vaddr, size]), false),
});

const viaKmemFree = (clause: string): WrongRelease => ({
  service: 'kmem_free',
  clause,
  release: async (d, vaddr, size) => releaseResult(await d.call('kmem_free', 'user', [vaddr, size]), false),
});

/** d_free_dmamem needs a handle: a fresh one, so only the pairing is wrong. */
const viaDFreeDmamem = (clause: string): WrongRelease => ({
  service: 'd_free_dmamem',
  clause,
  async release(d, vaddr, size) {
    const h = await d.call<number>('d_map_init', 'process', [0, DMA_ADDRESS_64_BIT | DMA_ENABLE_64, 0, 0]);
    if (h.kind !== 'value' || h.value < 0) return { kind: 'refused', how: 'no handle to try with' };
    return releaseResult(await d.call('d_free_dmamem', 'process', [h.value, vaddr, size]), true);
  },
});

/**
 * The wrong ways to release a family's memory. The clause blamed is the
 * pairing rule of the family whose memory or service is misused.
 */
export function wrongReleases<S>(fam: FamilyAdapter<S>): WrongRelease[] {
  switch (fam.family) {
    case 'aix':
      return [viaKmemFreePhyscontig('d_free_dmamem.pairing'), viaKmemFree('d_free_dmamem.pairing')];
    case 'svr5-physcontig':
      return [viaKmemFree('kmem_free_physcontig.pairing'), viaDFreeDmamem('kmem_free_physcontig.pairing')];
    default:
      return [viaKmemFreePhyscontig('kmem_free_physcontig.pairing'), viaDFreeDmamem('d_free_dmamem.pairing')];
  }
}
