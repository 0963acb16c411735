import { hex } from '../../spec/address/u64';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { Session } from '../engine/session';
import { fail } from '../harness/failures';
import { segmentsOf } from '../families/observe';
import { preparePhysreq } from '../families/physreq-common';

export const KEPT = 'physreq_free.allocations-kept';

/**
 * Allocates through the prepped physreq `id` (shape `shapeIndex` of the
 * session) before it is freed, so that freeing it has memory to leave alone.
 */
export async function allocateBeforeFree(s: Session<PhysreqFields>, id: number, shapeIndex: number, size: bigint): Promise<void> {
  const o = await s.fam.allocate(s.d, id, s.shapes[shapeIndex]!, size, false);
  if (o.kind === 'pending') fail(s.fam.waiting!.nosleep, `a non-blocking ${s.fam.allocService} of ${hex(size)} bytes is still waiting`);
  await s.judge(o, id, shapeIndex, size);
}

/**
 * After physreq_free, what was allocated through the physreq is still the
 * caller's: its bytes are intact, the same request through a fresh physreq
 * gets none of them, and its own release frees it.
 */
export async function checkKeptAfterFree(s: Session<PhysreqFields>, shapeIndex: number, size: bigint): Promise<void> {
  if (s.live.size === 0) return;
  await s.verifyContents(KEPT);
  const fields = s.shapes[shapeIndex]!;
  const again = await preparePhysreq(s.d, fields);
  if (again !== null) {
    const o = await s.fam.allocate(s.d, again, fields, size, false);
    if (o.kind === 'pending') fail(s.fam.waiting!.nosleep, `a non-blocking ${s.fam.allocService} of ${hex(size)} bytes is still waiting`);
    if (o.kind === 'value' && typeof o.value === 'bigint') {
      const segments = await segmentsOf(s.d, o.value, size, s.fam.clauseOf('length'));
      s.live.checkDisjoint(o.value, size, segments, undefined, KEPT);
      await s.fam.release(s.d, again, o.value, size);
    }
    await s.d.call('physreq_free', 'user', [again]);
  }
  await s.releaseAll(KEPT);
}
