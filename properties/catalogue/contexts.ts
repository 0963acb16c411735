import fc from 'fast-check';
import { AIX_ENVIRONMENTS, SVR5_CONTEXTS, type Context } from '../../spec/constants/context';
import { KM_SLEEP } from '../../spec/constants/svr5';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { ServiceName } from '../../spec/interface/implementation';
import { contextVerdict } from '../../spec/rules/context-rules';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import type { Outcome } from '../harness/outcome';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { KEPT, checkKeptAfterFree } from './physreq-free-keeps';

export type Call = 'allocate-nowait' | 'allocate-wait' | 'release' | 'physreq_alloc' | 'physreq_prep' | 'physreq_free' | 'd_map_init';

export interface ContextInput {
  readonly gen: GeneratedMap;
  readonly ctx: Context;
  readonly call: Call;
}

/** The calls a family's context rules are judged on. */
export function contextCalls<S>(fam: FamilyAdapter<S>): Call[] {
  const calls: Call[] = fam.family === 'aix' ? ['allocate-nowait', 'd_map_init'] : ['allocate-nowait', 'release', 'physreq_alloc', 'physreq_prep', 'physreq_free'];
  if (fam.waiting) calls.push('allocate-wait');
  return calls;
}

/** The clause that makes an allowed call legitimate, for calls the documents explicitly allow. */
function allowedClause(service: ServiceName, call: Call): string | null {
  if (service === 'kmem_alloc_physcontig' && call === 'allocate-nowait') return 'kmem_alloc_physcontig.context-nosleep';
  if (service === 'kmem_free_physcontig') return 'kmem_free_physcontig.any-context';
  if (service === 'physreq_free') return 'physreq_free.no-sleep';
  if (service === 'd_alloc_dmamem' || service === 'd_map_init') return `${service}.process-environment`;
  return null;
}

/**
 * Each service called from each context. Where the documents forbid the
 * context the call is reported and changes nothing; where they explicitly
 * allow it, it is not refused. Calls the documents leave open are not judged.
 * A physreq_free that went through is judged by physreq_free's own rule:
 * the memory allocated through the physreq stays the caller's.
 */
export function contextProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<ContextInput> {
  const aix = fam.family === 'aix';
  const calls = contextCalls(fam);
  const serviceOf = (c: Call): ServiceName => (c.startsWith('allocate') ? fam.allocService : c === 'release' ? fam.freeService : (c as ServiceName));
  const flagOf = (c: Call): number | undefined => {
    if (c === 'allocate-nowait') return fam.allocService === 'kmem_alloc_phys' ? 2 : 1;
    if (c === 'allocate-wait' || c === 'physreq_alloc' || c === 'physreq_prep') return fam.allocService === 'kmem_alloc_phys' && c === 'allocate-wait' ? 0 : KM_SLEEP;
    return undefined;
  };
  const clauses = new Set<string>();
  for (const c of calls) {
    for (const ctx of aix ? AIX_ENVIRONMENTS : SVR5_CONTEXTS) {
      const v = contextVerdict(serviceOf(c), ctx, flagOf(c));
      if (v.kind === 'forbidden') clauses.add(v.clause);
      const a = allowedClause(serviceOf(c), c);
      if (v.kind === 'allowed' && a !== null) clauses.add(a);
    }
  }
  // physreq_free is called with memory allocated through the physreq still live: what becomes of it is physreq_free's clause.
  if (calls.includes('physreq_free')) clauses.add(KEPT);
  return {
    name: `${fam.name}.contexts`,
    clauses: [...clauses, 'dma.misuse-harmless'],
    families: [fam.family],
    strength: 'MUST',
    runs: 40,
    arbitrary: () => fc.record({ gen: memoryMapArb(), ctx: fc.constantFrom(...(aix ? AIX_ENVIRONMENTS : SVR5_CONTEXTS)), call: fc.constantFrom(...calls) }),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, []);
      await s.boot();
      const first = await s.allocate(s.probeIndex, s.pageBytes);
      const token = (await s.token(s.probeIndex))!;
      if (token === null) return;
      const service = serviceOf(input.call);
      const verdict = contextVerdict(service, input.ctx, flagOf(input.call));
      let outcome: Outcome<unknown> | { kind: 'released' | 'refused' | 'odd'; how?: string };
      switch (input.call) {
        case 'allocate-nowait':
        case 'allocate-wait': {
          const o = await fam.allocate(d, token, fam.probeShape, s.pageBytes, input.call === 'allocate-wait', input.ctx);
          if (o.kind === 'value' && o.value !== null) await s.judge(o, token, s.probeIndex, s.pageBytes);
          outcome = o;
          break;
        }
        case 'release': {
          if (first.kind !== 'memory') return;
          outcome = await fam.release(d, token, first.live.vaddr, first.live.size, input.ctx);
          if (outcome.kind === 'released') s.live.remove(first.live);
          break;
        }
        case 'd_map_init':
          outcome = await d.call('d_map_init', input.ctx, [0, 0, 0, 0]);
          break;
        case 'physreq_free':
          outcome = await d.call('physreq_free', input.ctx, [token]);
          break;
        default:
          outcome = await d.call(input.call, input.ctx, input.call === 'physreq_alloc' ? [KM_SLEEP] : [token, KM_SLEEP]);
      }
      const refused = outcome.kind === 'violation' || outcome.kind === 'refused';
      if (verdict.kind === 'forbidden' && !refused) fail(verdict.clause, `${service} from ${input.ctx} context was not reported`);
      const allowed = allowedClause(service, input.call);
      if (verdict.kind === 'allowed' && allowed !== null && refused) fail(allowed, `${service} from ${input.ctx} context was refused`);
      if (input.call === 'physreq_free') {
        if (outcome.kind === 'pending') fail('physreq_free.no-sleep', `physreq_free from ${input.ctx} context is waiting`);
        // Freed with the probe allocation still live: it must be intact, no one else's, and still releasable.
        if (outcome.kind === 'value') await checkKeptAfterFree(s as unknown as Session<PhysreqFields>, s.probeIndex, s.pageBytes);
      }
      await s.verifyContents('dma.misuse-harmless');
      await s.releaseAll('dma.misuse-harmless');
    },
  };
}
