import { ClauseFailure, fail } from '../harness/failures';
import type { Live } from './live-set';
import type { Session } from './session';

/**
 * After a release the allocator may have refused silently (a void service
 * need not report anything), the only sign of acceptance is that memory
 * still live gets handed out again. So take all free memory now, holding
 * it all at once: none of it may share a byte with a live allocation, nor
 * with itself. With `blame`, an overlap found here is blamed on the bad
 * release; without, it is an overlap like any other (the same fill made
 * before the misuse tells an allocator that overlaps on its own).
 *
 * The fill ends, as a page-by-page one would, when a request of one page
 * fails; on the way it asks for runs of pages, doubling while they are met
 * and halving once one is not, so a map of n free pages costs about 2 log n
 * requests rather than n. Single pages are asked for first and last, so an
 * allocator that keeps freed pages apart (a per-size list) hands them out.
 */
export async function checkStillOwned<S>(s: Session<S>, blame?: { readonly clause: string; readonly what: string }): Promise<void> {
  const held: Live[] = [];
  const ram = s.gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);
  // More than all RAM held means memory handed out twice; the overlap check says so long before.
  const limit = ram + s.pageBytes;
  let heldBytes = 0n;
  try {
    // Unfilled: the memory is released before anything reads it, and whether it shares a byte with live memory is told by translation.
    await s.d.trace.quietly(
      () =>
        s.unfilled(async () => {
          let pages = 1n;
          let growing = true;
          while (heldBytes < limit) {
            const size = pages * s.pageBytes;
            const got = await s.allocate(s.probeIndex, size);
            if (got.kind === 'memory') {
              held.push(got.live);
              heldBytes += size;
              if (growing) pages *= 2n;
            } else if (pages === 1n) break;
            else {
              growing = false;
              pages /= 2n;
            }
          }
        }),
      () => `  (took all free memory: ${held.length} request(s) met, ${heldBytes / s.pageBytes} page(s), none overlapping live memory)`,
    );
  } catch (e) {
    if (blame !== undefined && e instanceof ClauseFailure && e.clause === 'dma.no-overlap') {
      fail(blame.clause, `after ${blame.what}, memory still in use was handed out again: ${e.message.replace(/ \[[^\]]*\]$/, '')}`);
    }
    throw e;
  }
  for (const l of held) await s.release(l);
}
