import { createRng } from '../impl/frames/rng';
import type { ReferenceKernel } from '../impl/reference';
import { KM_NOSLEEP, KM_SLEEP } from '../spec/constants/svr5';
import type { PhysreqFields } from '../spec/constraints/types';

/* The workloads of bench/kernel.ts, each driving a booted kernel through its public services only. */

const PAGE = 4096;
const PAGE_BIG = BigInt(PAGE);
const LIVE = 1000;
const CONSTRAINED_OPS = 100_000;

export interface Request {
  readonly size: bigint;
  readonly preq: number;
}

/**
 * Physreqs of every alignment from 4 KiB to 2 MiB, with and without a
 * 64 KiB boundary, all limited to 32-bit DMA; and a request mix over them
 * that is the same for every map, so rows compare like with like.
 */
export function makeRequests(ref: ReferenceKernel, count: number): Request[] {
  const preqs = new Map<string, number>();
  const physreq = (fields: Partial<PhysreqFields>): number => {
    const key = `${fields.phys_align}/${fields.phys_boundary}`;
    let p = preqs.get(key);
    if (p === undefined) {
      p = ref.physreq_alloc('user', KM_SLEEP);
      ref.physreq_set('user', p, fields);
      if (!ref.physreq_prep('user', p, KM_SLEEP)) throw new Error(`benchKernel: physreq_prep refused ${key}`);
      preqs.set(key, p);
    }
    return p;
  };
  const rng = createRng(0x5eed);
  return Array.from({ length: count }, () => {
    const pages = 1 + Math.floor(rng() * 64);
    const align = BigInt(PAGE * 2 ** Math.floor(rng() * 10));
    const boundary = pages <= 16 && rng() < 0.5 ? 16n * PAGE_BIG : 0n;
    return { size: BigInt(pages) * PAGE_BIG - BigInt(Math.floor(rng() * 100)), preq: physreq({ phys_align: align, phys_boundary: boundary, phys_dmasize: 32 }) };
  });
}

/** Holds about LIVE allocations, allocating or freeing at random; returns ns per service call. */
export function constrainedWorkload(ref: ReferenceKernel, requests: ReadonlyArray<Request>): number {
  const rng = createRng(7);
  const addrs: bigint[] = [];
  const sizes: bigint[] = [];
  let next = 0;
  const step = (): void => {
    const live = addrs.length;
    const wantAlloc = live < LIVE ? rng() < 0.6 : rng() < 0.4;
    if (wantAlloc || live === 0) {
      const req = requests[next++ % requests.length]!;
      const v = ref.kmem_alloc_physcontig('user', req.size, req.preq, KM_NOSLEEP) as bigint | null;
      if (v !== null) {
        addrs.push(v);
        sizes.push(req.size);
      }
    } else {
      const i = Math.floor(rng() * live);
      ref.kmem_free_physcontig('user', addrs[i]!, sizes[i]!);
      addrs[i] = addrs[live - 1]!;
      sizes[i] = sizes[live - 1]!;
      addrs.pop();
      sizes.pop();
    }
  };
  while (addrs.length < LIVE) step();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < CONSTRAINED_OPS; k++) step();
  return Number(process.hrtime.bigint() - t0) / CONSTRAINED_OPS;
}

export function svr5Pairs(ref: ReferenceKernel, pairs: number): number {
  const preq = ref.physreq_alloc('user', KM_SLEEP);
  ref.physreq_prep('user', preq, KM_SLEEP);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < pairs; k++) {
    const v = ref.kmem_alloc_physcontig('user', PAGE_BIG, preq, KM_NOSLEEP) as bigint | null;
    if (v === null) throw new Error('benchKernel: single-page kmem_alloc_physcontig failed');
    ref.kmem_free_physcontig('user', v, PAGE_BIG);
  }
  return Number(process.hrtime.bigint() - t0) / pairs;
}

export function aixPairs(ref: ReferenceKernel, pairs: number): number {
  const h = ref.d_map_init('process', 0, 0, 0, 0);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < pairs; k++) {
    const v = ref.d_alloc_dmamem('process', h, PAGE_BIG, 12);
    if (v === null) throw new Error('benchKernel: single-page d_alloc_dmamem failed');
    ref.d_free_dmamem('process', h, v, PAGE_BIG);
  }
  return Number(process.hrtime.bigint() - t0) / pairs;
}
