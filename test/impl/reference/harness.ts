import { expect } from 'vitest';
import { loadFixtureMap } from '../../../fixtures/maps';
import { AixServices } from '../../../core/services/aix/services';
import type { DmaKernel } from '../../../core/services/kernel/kernel';
import type { ReferenceOptions } from '../../../impl/kernel/options';
import { ReferenceKernel } from '../../../impl/reference';
import { Svr5Services } from '../../../core/services/svr5/services';
import { findClause } from '../../../spec/clauses';
import type { DdiVersion } from '../../../spec/constants/context';
import { KM_SLEEP } from '../../../spec/constants/svr5';
import type { PhysreqFields } from '../../../spec/constraints/types';
import { isContractViolation } from '../../../spec/errors';
import type { SetupConfig } from '../../../spec/interface/implementation';
import type { MemoryMap } from '../../../spec/interface/memory-map';

export const PAGE = 4096n;
export const MIB = 1n << 20n;
export const GIB = 1n << 30n;

/** A reference kernel that keeps hold of its service layers, so tests can look at handles and physreqs. */
export class ProbeKernel extends ReferenceKernel {
  aix!: AixServices;
  svr5!: Svr5Services;

  protected override createAix(kernel: DmaKernel): AixServices {
    this.aix = super.createAix(kernel);
    return this.aix;
  }

  protected override createSvr5(kernel: DmaKernel, config: SetupConfig): Svr5Services {
    this.svr5 = super.createSvr5(kernel, config);
    return this.svr5;
  }
}

export interface BootConfig {
  readonly map?: string | MemoryMap;
  readonly ddi?: DdiVersion;
  readonly seed?: number;
  readonly pageSize?: number;
  readonly options?: ReferenceOptions;
}

/** A map of `pages` pages of RAM at `base`: small enough to exhaust in a test. */
export function ramMap(pages: number, base = 0n): MemoryMap {
  return { name: `ram-${pages}p`, ranges: [{ base, length: BigInt(pages) * PAGE, type: 'ram' }] };
}

/**
 * Every ContractViolation the kernel raises, wherever a test provokes it,
 * must name a clause of the catalogue: an unknown id fails the test at once.
 */
function clauseChecked(ref: ProbeKernel): ProbeKernel {
  return new Proxy(ref, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (e) {
          if (isContractViolation(e) && findClause(e.clause) === undefined) {
            throw new Error(`reference raised a violation naming unknown clause '${e.clause}': ${e.message}`);
          }
          throw e;
        }
      };
    },
  });
}

export function boot(config: BootConfig = {}): ProbeKernel {
  const ref = new ProbeKernel(config.options ?? {});
  const map = config.map ?? 'pc-1g';
  ref.setup({
    memoryMap: typeof map === 'string' ? loadFixtureMap(map) : map,
    pageSize: config.pageSize ?? 4096,
    ddiVersion: config.ddi ?? '5',
    seed: config.seed,
  });
  return clauseChecked(ref);
}

/** Everything a refused call must leave alone: free frames, live allocations and their bytes, handles, physreqs, sleepers. */
export function snapshot(ref: ProbeKernel): unknown {
  const k = ref.kernel;
  const live = [...k.table.values()]
    .map((a) => ({ vaddr: a.vaddr, size: a.size, service: a.service, handle: a.handle, heap: a.heap, segments: a.segments, bytes: sample(ref, a.vaddr, a.size) }))
    .sort((x, y) => (x.vaddr < y.vaddr ? -1 : 1));
  const ids = Array.from({ length: 256 }, (_, i) => i + 1);
  return {
    free: ref.frames.snapshot(),
    freeFrames: ref.frames.freeFrames(),
    live,
    sleepers: k.sleepers.length,
    handles: ids.map((id) => {
      const h = ref.aix.handles.get(id);
      return h === undefined ? null : { ...h };
    }),
    physreqs: ids.map((id) => {
      const r = ref.svr5.physreqs.get(id);
      return r === undefined ? null : { fields: { ...r.fields }, prepped: r.prepped && { ...r.prepped }, refused: r.refused };
    }),
  };
}

/** The whole content of a small allocation; the two end pages of a large one. */
function sample(ref: ProbeKernel, vaddr: bigint, size: bigint): string {
  const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
  if (size <= MIB) return hexOf(ref.read(vaddr, Number(size)));
  return hexOf(ref.read(vaddr, 4096)) + hexOf(ref.read(vaddr + size - 4096n, 4096));
}

/**
 * Runs a call that must be refused with `clause`: a ContractViolation whose
 * clause exists in the catalogue, whose message starts with the service name,
 * and which changed no state at all.
 */
export function expectViolation(ref: ProbeKernel, call: () => unknown, clause: string, service?: string): void {
  expect(findClause(clause), `clause ${clause} is in the catalogue`).toBeDefined();
  const before = snapshot(ref);
  let thrown: unknown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  expect(isContractViolation(thrown), `expected a violation of ${clause}, got ${String(thrown)}`).toBe(true);
  const v = thrown as { clause: string; message: string; service?: string };
  expect(v.clause).toBe(clause);
  if (service !== undefined) {
    expect(v.service).toBe(service);
    expect(v.message.startsWith(`${service}: `)).toBe(true);
  }
  expect(snapshot(ref)).toEqual(before);
}

/** A physreq allocated, set and prepped (prep must accept the fields). */
export function prepped(ref: ProbeKernel, fields: Partial<PhysreqFields> = {}): number {
  const preq = ref.physreq_alloc('user', KM_SLEEP);
  ref.physreq_set('user', preq, fields);
  expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(true);
  return preq;
}

/** Lets every settled promise run its callbacks. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a KM_SLEEP call has settled yet. */
export function track<T>(p: T | null | Promise<T>): { settled: boolean; value: T | undefined } {
  const state: { settled: boolean; value: T | undefined } = { settled: false, value: undefined };
  if (p instanceof Promise) {
    void p.then((v) => {
      state.settled = true;
      state.value = v;
    });
  } else {
    throw new Error(`track: expected a pending KM_SLEEP call, got ${String(p)}`);
  }
  return state;
}

/** A byte pattern that differs per allocation, for data-integrity checks. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 17 + 7) & 0xff;
  return out;
}
