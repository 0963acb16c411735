import { ClauseFailure, fail } from '../harness/failures';
import type { Live } from './live-set';
import type { Session } from './session';

/**
 * After a release the allocator may have refused silently (a void service
 * need not report anything), the only sign of acceptance is that memory
 * still live gets handed out again. So take every free page now, holding
 * them all at once: none may share a byte with a live allocation, nor with
 * each other. With `blame`, an overlap found here is blamed on the bad
 * release; without, it is an overlap like any other (the same fill made
 * before the misuse tells an allocator that overlaps on its own).
 */
export async function checkStillOwned<S>(s: Session<S>, blame?: { readonly clause: string; readonly what: string }): Promise<void> {
  const held: Live[] = [];
  const ram = s.gen.map.ranges.filter((r) => r.type === 'ram').reduce((n, r) => n + r.length, 0n);
  const limit = Number(ram / s.pageBytes) + 1;
  try {
    await s.d.trace.quietly(
      async () => {
        while (held.length < limit) {
          const got = await s.allocate(s.probeIndex, s.pageBytes);
          if (got.kind !== 'memory') break;
          held.push(got.live);
        }
      },
      () => `  (took every free page: ${held.length} page request(s) met, none overlapping live memory)`,
    );
  } catch (e) {
    if (blame !== undefined && e instanceof ClauseFailure && e.clause === 'dma.no-overlap') {
      fail(blame.clause, `after ${blame.what}, memory still in use was handed out again: ${e.message.replace(/ \[[^\]]*\]$/, '')}`);
    }
    throw e;
  }
  for (const l of held) await s.release(l);
}
