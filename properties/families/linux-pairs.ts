import { hex } from '../../spec/address/u64';
import type { Context } from '../../spec/constants/context';
import type { DmaPair, ServiceName } from '../../spec/interface/implementation';
import type { Driver } from '../harness/driver';
import { fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import type { Outcome } from '../harness/outcome';
import { segmentsOf } from './observe';
import { releaseResult } from './release';
import type { ReleaseResult } from './types';

interface RunState {
  nextDevice: number;
  /** The DMA address each live CPU address came with. */
  readonly dma: Map<bigint, bigint>;
}

// One state per run (a driver is made per run), so a device number or a pair never leaks into another run.
const states = new WeakMap<Driver, RunState>();

function state(d: Driver): RunState {
  let s = states.get(d);
  if (s === undefined) {
    s = { nextDevice: 1, dma: new Map() };
    states.set(d, s);
  }
  return s;
}

/** A device number not used before in this run: each starts with the default masks. */
export function freshDevice(d: Driver): number {
  return state(d).nextDevice++;
}

/** The DMA address a live CPU address came with; for an address never handed out, the CPU address itself. */
export function dmaOf(d: Driver, cpu: bigint): bigint {
  return state(d).dma.get(cpu) ?? cpu;
}

/** Releases a pair through `service` (its arguments end with the CPU and DMA address); once released, the pair is forgotten. */
export async function releasePair(d: Driver, service: ServiceName, ctx: Context, before: ReadonlyArray<unknown>, cpu: bigint): Promise<ReleaseResult> {
  const r = releaseResult(await d.call(service, ctx, [...before, cpu, dmaOf(d, cpu)]), false);
  if (r.kind === 'released') state(d).dma.delete(cpu);
  return r;
}

/**
 * Reads an answer of dma_alloc_coherent or dma_pool_alloc as the CPU address
 * the sessions work with, remembering the DMA address for the release.
 * Anything but NULL or a pair of 64-bit addresses breaks `failureClause`.
 */
export function cpuOf(d: Driver, o: Outcome<unknown>, service: string, failureClause: string): Outcome<bigint | null> {
  if (o.kind !== 'value' || o.value === null) return o as Outcome<bigint | null>;
  const v = o.value as Partial<DmaPair>;
  if (typeof v !== 'object' || typeof v.cpu !== 'bigint' || typeof v.dma !== 'bigint') {
    fail(failureClause, `${service} returned ${formatValue(o.value)}: neither NULL nor a CPU and a DMA address`);
  }
  state(d).dma.set(v.cpu, v.dma);
  return { kind: 'value', value: v.cpu };
}

/**
 * The DMA address is where the device finds the first byte, and the whole
 * region is one run from there (the suite models a platform without an
 * IOMMU: the DMA address is the physical address behind the CPU address).
 */
export async function checkDmaAddress(d: Driver, cpu: bigint, size: bigint, clause: string, sizeClause: string): Promise<void> {
  const dma = dmaOf(d, cpu);
  const segments = await segmentsOf(d, cpu, size, sizeClause);
  const first = segments[0];
  if (first === undefined || first.phys !== dma) {
    fail(clause, `the DMA address ${hex(dma)} given with ${hex(cpu)} is not where its first byte lies (${first === undefined ? 'nothing' : hex(first.phys)})`);
  }
  if (segments.length !== 1) fail(clause, `${hex(cpu)}+${hex(size)} is ${segments.length} physical runs, not one run from its DMA address ${hex(dma)}`);
}
