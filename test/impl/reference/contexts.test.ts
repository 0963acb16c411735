import { describe, expect, it } from 'vitest';
import { ALL_CONTEXTS, type Context, type DdiVersion } from '../../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../../spec/constants/svr5';
import { FAMILY_SERVICES, type ServiceName } from '../../../spec/interface/implementation';
import { contextVerdict } from '../../../spec/rules/context-rules';
import { boot, expectViolation, PAGE, prepped, type ProbeKernel } from './harness';

interface Case {
  readonly service: ServiceName;
  readonly flag?: number;
  readonly ddi: DdiVersion;
  /** Sets up what the call needs (from contexts that are always allowed) and returns the call itself. */
  readonly arrange: (ref: ProbeKernel) => (ctx: Context) => unknown;
}

const handle = (ref: ProbeKernel) => ref.d_map_init('process', 0, 0, 0, 0);
const allocated = (ref: ProbeKernel) => ref.kmem_alloc_physreq('user', PAGE, prepped(ref), KM_NOSLEEP) as bigint;

const CASES: Case[] = [
  { service: 'd_map_init', ddi: '5', arrange: (ref) => (ctx) => ref.d_map_init(ctx, 0, 0, 0, 0) },
  { service: 'd_map_clear', ddi: '5', arrange: (ref) => { const h = handle(ref); return (ctx) => ref.d_map_clear(ctx, h); } },
  { service: 'd_alloc_dmamem', ddi: '5', arrange: (ref) => { const h = handle(ref); return (ctx) => ref.d_alloc_dmamem(ctx, h, PAGE, 12); } },
  {
    service: 'd_free_dmamem',
    ddi: '5',
    arrange: (ref) => {
      const h = handle(ref);
      const v = ref.d_alloc_dmamem('process', h, PAGE, 12)!;
      return (ctx) => ref.d_free_dmamem(ctx, h, v, PAGE);
    },
  },
  ...[KM_SLEEP, KM_NOSLEEP].flatMap((flag): Case[] => [
    { service: 'physreq_alloc', flag, ddi: '5', arrange: (ref) => (ctx) => ref.physreq_alloc(ctx, flag) },
    { service: 'physreq_prep', flag, ddi: '5', arrange: (ref) => { const p = ref.physreq_alloc('user', KM_SLEEP); return (ctx) => ref.physreq_prep(ctx, p, flag); } },
    { service: 'kmem_alloc_physcontig', flag, ddi: '5', arrange: (ref) => { const p = prepped(ref); return (ctx) => ref.kmem_alloc_physcontig(ctx, PAGE, p, flag); } },
    { service: 'kmem_alloc_physreq', flag, ddi: '7', arrange: (ref) => { const p = prepped(ref); return (ctx) => ref.kmem_alloc_physreq(ctx, PAGE, p, flag); } },
    { service: 'kmem_zalloc_physreq', flag, ddi: '7', arrange: (ref) => { const p = prepped(ref); return (ctx) => ref.kmem_zalloc_physreq(ctx, PAGE, p, flag); } },
  ]),
  ...[0, KM_FAIL_OK].map((flag): Case => ({
    service: 'kmem_alloc_phys',
    flag,
    ddi: '8',
    arrange: (ref) => { const p = prepped(ref, { phys_dmasize: 32 }); return (ctx) => ref.kmem_alloc_phys(ctx, PAGE, p, flag); },
  })),
  { service: 'physreq_set', ddi: '5', arrange: (ref) => { const p = ref.physreq_alloc('user', KM_SLEEP); return (ctx) => ref.physreq_set(ctx, p, { phys_align: 8n }); } },
  { service: 'physreq_free', ddi: '5', arrange: (ref) => { const p = ref.physreq_alloc('user', KM_SLEEP); return (ctx) => ref.physreq_free(ctx, p); } },
  {
    service: 'kmem_free_physcontig',
    ddi: '6',
    arrange: (ref) => {
      const v = ref.kmem_alloc_physcontig('user', PAGE, prepped(ref), KM_NOSLEEP) as bigint;
      return (ctx) => ref.kmem_free_physcontig(ctx, v, PAGE);
    },
  },
  { service: 'kmem_free', ddi: '8', arrange: (ref) => { const v = allocated(ref); return (ctx) => ref.kmem_free(ctx, v, PAGE); } },
];

describe('reference: calling context', () => {
  it('the table covers every service of every family', () => {
    const all = new Set(Object.values(FAMILY_SERVICES).flat());
    expect(new Set(CASES.map((c) => c.service))).toEqual(all);
  });

  const rows = CASES.flatMap((c) => ALL_CONTEXTS.map((ctx) => [`${c.service}${c.flag === undefined ? '' : ` flag ${c.flag}`}`, ctx, c] as const));

  it.each(rows)('%s from %s context', (_name, ctx, c) => {
    const ref = boot({ ddi: c.ddi });
    const call = c.arrange(ref);
    const verdict = contextVerdict(c.service, ctx, c.flag);
    if (verdict.kind === 'allowed') {
      const result = call(ctx);
      // Memory is plentiful, so even a call that may sleep answers at once.
      expect(result).not.toBeInstanceOf(Promise);
      expect(result).not.toBeNull();
      expect(ref.kernel.sleepers.length).toBe(0);
    } else {
      // The reference reports unjudged calls as well as forbidden ones (the strict reading).
      expectViolation(ref, () => call(ctx), verdict.clause, c.service);
    }
  });
});
