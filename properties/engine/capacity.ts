import { hex } from '../../spec/address/u64';
import { fail } from '../harness/failures';
import type { Live } from './live-set';
import type { Session } from './session';

/**
 * What an allocator can hand out, seen only from outside: the largest
 * request it meets, then, holding that, the largest next one, and so on.
 * Each carve takes a largest free stretch whole (bar less than a page), so
 * the list depends on the free memory alone, not on where the allocator
 * places things, how it rounds or what headers it keeps: an allocator with
 * randomised or top-down placement gives the same list for the same free
 * memory. Counting single pages would not: their number depends on
 * placement and overhead.
 */
export interface Capacity {
  readonly carves: ReadonlyArray<bigint>;
}

/** Enough carves to see every range of the small maps the properties use. */
const MAX_CARVES = 8;

function ramPages<S>(s: Session<S>): number {
  const bytes = s.gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);
  return Number(bytes / s.pageBytes);
}

/** The largest whole-page probe request that succeeds now, by bisection (success is monotonic in size). */
async function largest<S>(s: Session<S>, below: number): Promise<number> {
  let lo = 0;
  let hi = below;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const got = await s.allocate(s.probeIndex, BigInt(mid) * s.pageBytes);
    if (got.kind === 'memory') {
      await s.release(got.live);
      lo = mid;
    } else hi = mid - 1;
  }
  return lo;
}

/** Taken only with nothing live (at boot, or once everything is released): see Session.unfilled. */
async function carve<S>(s: Session<S>): Promise<Capacity> {
  // A slip of the suite's, never a verdict: run-property reports any plain Error as an internal error (exit 3).
  if (s.live.size > 0) throw new Error('carve: capacity is measured with nothing live');
  return s.unfilled(() => carveUnfilled(s));
}

async function carveUnfilled<S>(s: Session<S>): Promise<Capacity> {
  const held: Live[] = [];
  const carves: bigint[] = [];
  let below = ramPages(s);
  try {
    while (carves.length < MAX_CARVES && below > 0) {
      const pages = await largest(s, below);
      if (pages === 0) break;
      const got = await s.allocate(s.probeIndex, BigInt(pages) * s.pageBytes);
      // Met a moment ago on the same free memory; a refusal now says the answer depends on something else.
      if (got.kind !== 'memory') fail('dma.release-restores', `a request of ${hex(BigInt(pages) * s.pageBytes)} bytes succeeded and, once released, failed at once`);
      held.push(got.live);
      carves.push(BigInt(pages) * s.pageBytes);
      below = pages;
    }
  } finally {
    for (const l of held.reverse()) if (s.live.items.includes(l)) await s.release(l);
  }
  return { carves };
}

const show = (c: Capacity) => (c.carves.length === 0 ? 'none at all' : `${c.carves.map(hex).join(', ')} bytes`);

export async function measureCapacity<S>(s: Session<S>): Promise<Capacity> {
  return s.d.trace.quietly(
    () => carve(s),
    (c) => `  (capacity: largest requests met one after another: ${show(c)})`,
  );
}

/**
 * Whether every carve of `before` fits, whole, into the carves of `now`
 * (largest first, each into the first with room left). Equal lists fit;
 * so do fewer, larger carves: an allocator may join adjacent ranges once
 * their memory comes back, leaving more than it had at boot.
 */
function fitsInto(before: Capacity, now: Capacity): boolean {
  const room = now.carves.slice();
  for (const need of before.carves) {
    const i = room.findIndex((r) => r >= need);
    if (i < 0) return false;
    room[i] = room[i]! - need;
  }
  return true;
}

/** Once everything is released, what could be had at boot can be had again: the boot carves fit into today's. */
export async function checkRestored<S>(s: Session<S>, before: Capacity, clause = 'dma.release-restores'): Promise<void> {
  await s.releaseAll(clause);
  const now = await s.d.trace.quietly(
    () => carve(s),
    (c) => `  (after releasing everything: ${show(c)})`,
  );
  if (!fitsInto(before, now)) {
    fail(clause, `after releasing everything, the largest requests met one after another are ${show(now)}; before they were ${show(before)}`);
  }
}
