import { describe, expect, it } from 'vitest';
import { ALL_CONTEXTS, type Context, type DdiVersion } from '../../../spec/constants/context';
import { GFP_ATOMIC, GFP_KERNEL } from '../../../spec/constants/linux';
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
const pool = (ref: ProbeKernel) => ref.dma_pool_create('process', 'ctx', 1, 64n, 8n, 0n)!;
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
  ...(['dma_set_mask', 'dma_set_coherent_mask', 'dma_set_mask_and_coherent'] as const).map((service): Case => ({
    service,
    ddi: '6',
    arrange: (ref) => (ctx) => ref[service](ctx, 1, (1n << 64n) - 1n),
  })),
  ...[GFP_KERNEL, GFP_ATOMIC].flatMap((flag): Case[] => [
    { service: 'dma_alloc_coherent', flag, ddi: '6', arrange: (ref) => (ctx) => ref.dma_alloc_coherent(ctx, 1, PAGE, flag) },
    { service: 'dma_pool_alloc', flag, ddi: '6', arrange: (ref) => { const p = pool(ref); return (ctx) => ref.dma_pool_alloc(ctx, p, flag); } },
    { service: 'dma_pool_zalloc', flag, ddi: '6', arrange: (ref) => { const p = pool(ref); return (ctx) => ref.dma_pool_zalloc(ctx, p, flag); } },
  ]),
  {
    service: 'dma_free_coherent',
    ddi: '6',
    arrange: (ref) => {
      const a = ref.dma_alloc_coherent('process', 1, PAGE, GFP_KERNEL)!;
      return (ctx) => ref.dma_free_coherent(ctx, 1, PAGE, a.cpu, a.dma);
    },
  },
  { service: 'dma_pool_create', ddi: '6', arrange: (ref) => (ctx) => ref.dma_pool_create(ctx, 'ctx', 1, 64n, 8n, 0n) },
  {
    service: 'dma_pool_free',
    ddi: '6',
    arrange: (ref) => {
      const p = pool(ref);
      const b = ref.dma_pool_alloc('process', p, GFP_KERNEL)!;
      return (ctx) => ref.dma_pool_free(ctx, p, b.cpu, b.dma);
    },
  },
  { service: 'dma_pool_destroy', ddi: '6', arrange: (ref) => { const p = pool(ref); return (ctx) => ref.dma_pool_destroy(ctx, p); } },
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
