import { describe, expect, it } from 'vitest';
import { KM_NOSLEEP, KM_SLEEP, PREQ_PHYSCONTIG } from '../../../spec/constants/svr5';
import { defaultPhysreq } from '../../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../../spec/constraints/types';
import { boot, expectViolation, GIB, MIB, PAGE, prepped, snapshot } from './harness';

const alloc = (ref: ReturnType<typeof boot>, preq: number, size = PAGE) => ref.kmem_alloc_physcontig('user', size, preq, KM_NOSLEEP) as bigint | null;

describe('reference physreq_alloc', () => {
  it.each([KM_SLEEP, KM_NOSLEEP])('hands out distinct physreqs with the default fields (flag %i)', (flag) => {
    const ref = boot();
    const a = ref.physreq_alloc('user', flag);
    const b = ref.physreq_alloc('user', flag);
    expect(a).toBeGreaterThan(0);
    expect(b).not.toBe(a);
    expect(ref.svr5.physreqs.get(a)?.fields).toEqual(defaultPhysreq());
    expect(ref.svr5.physreqs.get(a)?.prepped).toBeNull();
  });

  it('defaults ask for nothing: a prepped default physreq gets memory anywhere, even above 4 GiB', () => {
    const ref = boot({ map: 'high-only' });
    const preq = prepped(ref);
    const v = alloc(ref, preq, PAGE + 1n)!;
    expect(ref.translate(v, PAGE + 1n)[0]!.phys).toBe(4n * GIB);
  });

  it.each([2, -1, 0.5, 256])('refuses flag %s', (flag) => {
    const ref = boot();
    expectViolation(ref, () => ref.physreq_alloc('user', flag), 'svr5.km-flag-values', 'physreq_alloc');
  });
});

describe('reference physreq_set', () => {
  it('updates only the fields given', () => {
    const ref = boot();
    const preq = ref.physreq_alloc('user', KM_SLEEP);
    ref.physreq_set('user', preq, { phys_align: 64n });
    ref.physreq_set('user', preq, { phys_dmasize: 32 });
    expect(ref.svr5.physreqs.get(preq)?.fields).toEqual({ ...defaultPhysreq(), phys_align: 64n, phys_dmasize: 32 });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a number align', { phys_align: 4096 }],
    ['a bigint dmasize', { phys_dmasize: 32n }],
    ['a fractional scgth', { phys_max_scgth: 1.5 }],
    ['an unknown field', { phys_color: 1 }],
  ])('rejects %s with a TypeError and changes nothing', (_what, fields) => {
    const ref = boot();
    const preq = ref.physreq_alloc('user', KM_SLEEP);
    const before = snapshot(ref);
    expect(() => ref.physreq_set('user', preq, fields as Partial<PhysreqFields>)).toThrow(/^physreq_set: /);
    expect(() => ref.physreq_set('user', preq, fields as Partial<PhysreqFields>)).toThrow(TypeError);
    expect(snapshot(ref)).toEqual(before);
  });
});

describe('reference physreq_prep', () => {
  const cases: Array<[keyof PhysreqFields, ReadonlyArray<bigint | number>, ReadonlyArray<bigint | number>]> = [
    ['phys_align', [1n, 2n, 4096n, 1n << 21n, 1n << 63n], [0n, 3n, 6n, 4097n, -4096n]],
    ['phys_boundary', [0n, 1n, 4096n, 1n << 16n, 1n << 32n], [3n, 4095n, 6000n, -1n]],
    ['phys_dmasize', [0, 24, 32, 64], [1, 16, 31, 48, 65, -1]],
    ['phys_max_scgth', [0, 1, 17, 1 << 20], [-1, -100]],
    ['phys_flags', [0, PREQ_PHYSCONTIG], [2, 0x100, 0x8000_0000, 2 ** 32, -1]],
  ];

  describe.each(cases)('%s', (field, good, bad) => {
    it.each(good.map((v) => [String(v), v] as const))('accepts %s', (_s, value) => {
      const ref = boot();
      const preq = ref.physreq_alloc('user', KM_SLEEP);
      ref.physreq_set('user', preq, { [field]: value });
      expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(true);
      expect(ref.physreq_prep('user', preq, KM_NOSLEEP)).toBe(true);
    });

    it.each(bad.map((v) => [String(v), v] as const))('refuses %s, and no memory comes through the physreq', (_s, value) => {
      const ref = boot();
      const preq = ref.physreq_alloc('user', KM_SLEEP);
      ref.physreq_set('user', preq, { [field]: value });
      expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(false);
      expectViolation(ref, () => alloc(ref, preq), 'physreq_prep.rejects-unsupportable', 'kmem_alloc_physcontig');
    });
  });

  it('may be repeated, and a new prep makes changed fields take effect', () => {
    const ref = boot();
    const preq = prepped(ref);
    expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(true);
    expect(alloc(ref, preq)).not.toBeNull();
    ref.physreq_set('user', preq, { phys_align: 2n * MIB });
    expect(ref.physreq_prep('user', preq, KM_NOSLEEP)).toBe(true);
    const v = alloc(ref, preq)!;
    expect(ref.translate(v, PAGE)[0]!.phys % (2n * MIB)).toBe(0n);
  });

  it('a refused re-prep withdraws an earlier acceptance until the fields are fixed and prepped again', () => {
    const ref = boot();
    const preq = prepped(ref);
    ref.physreq_set('user', preq, { phys_align: 3n });
    expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(false);
    expectViolation(ref, () => alloc(ref, preq), 'physreq_prep.rejects-unsupportable', 'kmem_alloc_physcontig');
    ref.physreq_set('user', preq, { phys_align: 8n });
    expect(ref.physreq_prep('user', preq, KM_SLEEP)).toBe(true);
    expect(alloc(ref, preq)).not.toBeNull();
  });

  it('an unprepped physreq yields no memory', () => {
    const ref = boot();
    const preq = ref.physreq_alloc('user', KM_SLEEP);
    expectViolation(ref, () => alloc(ref, preq), 'kmem_alloc_physcontig.physreq-prepped', 'kmem_alloc_physcontig');
    const ref7 = boot({ ddi: '7' });
    const p7 = ref7.physreq_alloc('user', KM_SLEEP);
    expectViolation(ref7, () => ref7.kmem_alloc_physreq('user', PAGE, p7, KM_NOSLEEP), 'physreq_prep.before-use', 'kmem_alloc_physreq');
  });

  it('a field changed after prep is refused until prepped again; storing the same value is no change', () => {
    const ref = boot();
    const preq = prepped(ref, { phys_align: 64n });
    ref.physreq_set('user', preq, { phys_align: 64n });
    expect(alloc(ref, preq)).not.toBeNull();
    for (const change of [{ phys_align: 128n }, { phys_boundary: 1n << 16n }, { phys_dmasize: 32 }, { phys_max_scgth: 4 }, { phys_flags: PREQ_PHYSCONTIG }]) {
      const p = prepped(ref);
      ref.physreq_set('user', p, change);
      expectViolation(ref, () => alloc(ref, p), 'physreq_prep.no-change-after-prep', 'kmem_alloc_physcontig');
      expect(ref.physreq_prep('user', p, KM_SLEEP)).toBe(true);
      expect(alloc(ref, p)).not.toBeNull();
    }
  });

  it.each([2, -1])('refuses flag %s', (flag) => {
    const ref = boot();
    const preq = ref.physreq_alloc('user', KM_SLEEP);
    expectViolation(ref, () => ref.physreq_prep('user', preq, flag), 'svr5.km-flag-values', 'physreq_prep');
  });
});

describe('reference physreq_free', () => {
  it('makes the physreq unusable by every service', () => {
    const ref = boot();
    const preq = prepped(ref);
    ref.physreq_free('user', preq);
    const c = 'physreq.from-physreq_alloc';
    expectViolation(ref, () => alloc(ref, preq), c, 'kmem_alloc_physcontig');
    expectViolation(ref, () => ref.physreq_prep('user', preq, KM_SLEEP), c, 'physreq_prep');
    expectViolation(ref, () => ref.physreq_set('user', preq, { phys_align: 2n }), c, 'physreq_set');
    expectViolation(ref, () => ref.physreq_free('user', preq), c, 'physreq_free');
  });

  it.each([0, -1, 1234])('refuses physreq %s that physreq_alloc never returned', (preq) => {
    const ref = boot();
    expectViolation(ref, () => ref.physreq_free('user', preq), 'physreq.from-physreq_alloc', 'physreq_free');
    expectViolation(ref, () => alloc(ref, preq), 'physreq.from-physreq_alloc', 'kmem_alloc_physcontig');
  });

  it('leaves memory allocated through the physreq live and releasable', () => {
    const ref = boot();
    const preq = prepped(ref);
    const v = alloc(ref, preq)!;
    ref.physreq_free('interrupt', preq);
    expect(ref.translate(v, PAGE)).toHaveLength(1);
    ref.kmem_free_physcontig('interrupt', v, PAGE);
  });
});
