import { hex } from '../../spec/address/u64';
import { fail } from '../harness/failures';
import type { Live } from './live-set';
import type { Session } from './session';

/** How much an allocator can hand out: the largest single request and the number of single pages. */
export interface Capacity {
  readonly largest: bigint;
  readonly pages: number;
}

function ramPages<S>(s: Session<S>): number {
  const bytes = s.gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);
  return Number(bytes / s.pageBytes);
}

/** The largest contiguous probe-shape request that succeeds, by bisection (first fit makes success monotonic). */
async function largest<S>(s: Session<S>): Promise<bigint> {
  let lo = 0;
  let hi = ramPages(s);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const got = await s.allocate(s.probeIndex, BigInt(mid) * s.pageBytes);
    if (got.kind === 'memory') {
      await s.release(got.live);
      lo = mid;
    } else hi = mid - 1;
  }
  return BigInt(lo) * s.pageBytes;
}

async function pageCount<S>(s: Session<S>): Promise<number> {
  const held: Live[] = [];
  const limit = ramPages(s) + 1;
  while (held.length < limit) {
    const got = await s.allocate(s.probeIndex, s.pageBytes);
    if (got.kind !== 'memory') break;
    held.push(got.live);
  }
  for (const l of held) await s.release(l);
  return held.length;
}

export async function measureCapacity<S>(s: Session<S>): Promise<Capacity> {
  return s.d.trace.quietly(
    async () => ({ largest: await largest(s), pages: await pageCount(s) }),
    (c) => `  (capacity: largest request ${hex(c.largest)} bytes, ${c.pages} single pages)`,
  );
}

/** Once everything is released, what the allocator could hand out at boot it can hand out again. */
export async function checkRestored<S>(s: Session<S>, boot: Capacity, clause = 'dma.release-restores'): Promise<void> {
  await s.releaseAll(clause);
  if (boot.largest > 0n) {
    const got = await s.allocate(s.probeIndex, boot.largest);
    if (got.kind !== 'memory') fail(clause, `after releasing everything, a request of ${hex(boot.largest)} bytes that succeeded at boot now fails`);
    await s.release(got.live, clause);
  }
  const pages = await s.d.trace.quietly(() => pageCount(s), (n) => `  (after releasing everything: ${n} single pages)`);
  if (pages !== boot.pages) fail(clause, `after releasing everything, ${pages} single pages can be allocated; at boot ${boot.pages} could`);
}
