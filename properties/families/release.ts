import type { Outcome } from '../harness/outcome';
import type { ReleaseResult } from './types';

/** Reads a release's outcome: void (or 0 for d_free_dmamem) is done; a violation or -1 is a refusal. */
export function releaseResult(o: Outcome<unknown>, numeric: boolean): ReleaseResult {
  if (o.kind === 'violation') return { kind: 'refused', how: `reported ${o.clause}` };
  if (o.kind === 'pending') return { kind: 'odd', how: 'the release is still waiting' };
  if (numeric) {
    if (o.value === 0) return { kind: 'released' };
    if (o.value === -1) return { kind: 'refused', how: 'returned -1' };
    return { kind: 'odd', how: `returned ${String(o.value)}, neither 0 nor -1` };
  }
  return o.value === undefined || o.value === null ? { kind: 'released' } : { kind: 'odd', how: `returned ${String(o.value)} from a void service` };
}
