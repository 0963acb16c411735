import { KM_SLEEP } from '../../spec/constants/svr5';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { Context } from '../../spec/constants/context';
import { formatValue } from '../harness/format';
import { fail } from '../harness/failures';
import type { Driver } from '../harness/driver';

/** physreq_alloc, set the fields, physreq_prep: the physreq's id, or null when prep refuses. */
export async function preparePhysreq(d: Driver, fields: PhysreqFields, ctx: Context = 'user'): Promise<number | null> {
  const a = await d.call<number | null>('physreq_alloc', ctx, [KM_SLEEP]);
  if (a.kind !== 'value') fail('svr5.km-sleep-context', `physreq_alloc(KM_SLEEP) from ${ctx} context did not return (${a.kind})`);
  if (a.value === null) return null;
  const set = await d.call('physreq_set', ctx, [a.value, fields]);
  if (set.kind !== 'value') fail('physreq.from-physreq_alloc', `storing fields into physreq ${a.value} was refused`);
  const p = await d.call<boolean>('physreq_prep', ctx, [a.value, KM_SLEEP]);
  if (p.kind !== 'value') fail('physreq_prep.before-use', `physreq_prep(KM_SLEEP) from ${ctx} context did not return (${p.kind})`);
  if (p.value !== true && p.value !== false) fail('physreq_prep.rejects-unsupportable', `physreq_prep returned ${formatValue(p.value)}, not a boolean`);
  return p.value ? a.value : null;
}

export function describePhysreq(f: PhysreqFields): string {
  const parts = [`align ${formatValue(f.phys_align)}`];
  if (f.phys_boundary !== 0n) parts.push(`boundary ${formatValue(f.phys_boundary)}`);
  if (f.phys_dmasize !== 0) parts.push(`dmasize ${f.phys_dmasize}`);
  if (f.phys_max_scgth !== 0) parts.push(`max_scgth ${f.phys_max_scgth}`);
  if (f.phys_flags !== 0) parts.push('PREQ_PHYSCONTIG');
  return parts.join(', ');
}
