import { loadFixtureMap } from '../../fixtures/maps';
import type { DdiVersion } from '../../spec/constants/context';
import { KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import type { PhysSegment, PhysreqFields } from '../../spec/constraints/types';
import { isContractViolation } from '../../spec/errors';
import type { DmaImplementation, MaybePromise } from '../../spec/interface/implementation';
import type { MemoryMap } from '../../spec/interface/memory-map';

/** Steps shared by the hand-made mutant scenarios. */
export type Scenario = (impl: DmaImplementation) => Promise<boolean[]>;

export const PAGE = 4096n;
export const GIB_4 = 1n << 32n;
export const MIB_16 = 1n << 24n;

export function ram(base: bigint, length: bigint): MemoryMap {
  return { ranges: [{ base, length, type: 'ram' }] };
}

export async function boot(impl: DmaImplementation, map: MemoryMap | string, ddiVersion: DdiVersion = '5'): Promise<DmaImplementation> {
  await impl.setup({ memoryMap: typeof map === 'string' ? loadFixtureMap(map) : map, pageSize: Number(PAGE), ddiVersion, seed: 7 });
  return impl;
}

export type Outcome<T> = { readonly value: T } | { readonly clause: string };

/** Runs a call that does not wait; a reported violation becomes its clause, any other throw fails the test. */
export async function attempt<T>(call: () => MaybePromise<T>): Promise<Outcome<T>> {
  try {
    return { value: await call() };
  } catch (e) {
    if (isContractViolation(e)) return { clause: e.clause };
    throw e;
  }
}

export async function givesMemory(call: () => MaybePromise<unknown>): Promise<boolean> {
  const o = await attempt(call);
  return 'value' in o && o.value !== null;
}

export async function reports(call: () => MaybePromise<unknown>): Promise<boolean> {
  return 'clause' in (await attempt(call));
}

export async function mapped(impl: DmaImplementation, vaddr: bigint, size: bigint): Promise<PhysSegment[] | null> {
  try {
    return await impl.translate(vaddr, size);
  } catch {
    return null;
  }
}

export async function segments(impl: DmaImplementation, vaddr: bigint | null, size: bigint): Promise<PhysSegment[]> {
  if (vaddr === null) return [];
  const segs = await mapped(impl, vaddr, size);
  if (segs === null) throw new Error('a successful allocation is not mapped');
  return segs;
}

export function lastByte(segs: ReadonlyArray<PhysSegment>): bigint {
  return segs.reduce((m, s) => (s.phys + s.length - 1n > m ? s.phys + s.length - 1n : m), -1n);
}

export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

/** Lets every settled promise run its reactions. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function handle(impl: DmaImplementation, flags = 0): Promise<number> {
  const h = await impl.d_map_init!('process', 0, flags, 0, 0);
  if (h < 0) throw new Error(`d_map_init refused flags 0x${flags.toString(16)}`);
  return h;
}

export async function aixAlloc(impl: DmaImplementation, h: number, size: bigint, align = 12): Promise<bigint | null> {
  return impl.d_alloc_dmamem!('process', h, size, align);
}

export async function physreq(impl: DmaImplementation, fields: Partial<PhysreqFields> = {}): Promise<number> {
  const p = await impl.physreq_alloc!('user', KM_SLEEP);
  if (p === null) throw new Error('physreq_alloc failed');
  await impl.physreq_set!('user', p, fields);
  if (!(await impl.physreq_prep!('user', p, KM_SLEEP))) throw new Error('physreq_prep refused');
  return p;
}

/** A non-waiting kmem_alloc_physcontig through a freshly prepped physreq. */
export async function contig(impl: DmaImplementation, size: bigint, fields: Partial<PhysreqFields> = {}): Promise<bigint | null> {
  const r = await impl.kmem_alloc_physcontig!('user', size, await physreq(impl, fields), KM_NOSLEEP);
  if (isThenable(r)) throw new Error('KM_NOSLEEP call waited');
  return r;
}

export async function filled(impl: DmaImplementation, byte: number, vaddr: bigint, length: number): Promise<boolean> {
  return (await impl.read(vaddr, length)).every((b) => b === byte);
}

/** Two pages of RAM and both taken: the next request has to wait or fail. */
export async function exhausted(impl: DmaImplementation): Promise<bigint> {
  await boot(impl, ram(PAGE, 2n * PAGE));
  const all = await contig(impl, 2n * PAGE);
  if (all === null) throw new Error('could not take all memory');
  return all;
}
