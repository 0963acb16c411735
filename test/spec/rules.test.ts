import { describe, expect, it } from 'vitest';
import { findClause } from '../../spec/clauses';
import { ALL_CONTEXTS, DDI_VERSIONS, type Context, type DdiVersion } from '../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import type { ServiceName } from '../../spec/interface/implementation';
import { contextVerdict, isNoSleepFlag, mayBlock, type ContextVerdict } from '../../spec/rules/context-rules';
import { versionProblem, versionsOf } from '../../spec/rules/version-rules';

const ALL_SERVICES: ServiceName[] = [
  'd_map_init', 'd_map_clear', 'd_alloc_dmamem', 'd_free_dmamem',
  'physreq_alloc', 'physreq_set', 'physreq_prep', 'physreq_free',
  'kmem_alloc_physcontig', 'kmem_free_physcontig', 'kmem_alloc_physreq', 'kmem_zalloc_physreq', 'kmem_alloc_phys', 'kmem_free',
];
const ALLOWED: ContextVerdict = { kind: 'allowed' };
const verdicts = (service: ServiceName, flag?: number): Record<string, string> =>
  Object.fromEntries(ALL_CONTEXTS.map((ctx) => {
    const v = contextVerdict(service, ctx, flag);
    return [ctx, v.kind === 'allowed' ? 'allowed' : `${v.kind} ${v.clause}`];
  }));

describe('contextVerdict: AIX', () => {
  it.each<ServiceName>(['d_alloc_dmamem', 'd_map_init'])('%s: process only; interrupt is forbidden', (s) => {
    const clause = `${s}.process-environment`;
    expect(findClause(clause)).toBeDefined();
    expect(contextVerdict(s, 'process')).toEqual(ALLOWED);
    expect(contextVerdict(s, 'interrupt')).toEqual({ kind: 'forbidden', clause });
    for (const ctx of ['user', 'blockable', 'non-blockable', 'initialization'] as Context[]) {
      expect(contextVerdict(s, ctx), ctx).toEqual({ kind: 'unjudged', clause });
    }
  });

  it.each<ServiceName>(['d_free_dmamem', 'd_map_clear'])('%s is allowed everywhere', (s) => {
    for (const ctx of ALL_CONTEXTS) expect(contextVerdict(s, ctx), ctx).toEqual(ALLOWED);
  });
});

describe('contextVerdict: SVR5', () => {
  it('kmem_alloc_physcontig KM_SLEEP: user/blockable yes, interrupt/non-blockable no, initialization unjudged', () => {
    const c = 'kmem_alloc_physcontig.context-sleep';
    expect(verdicts('kmem_alloc_physcontig', KM_SLEEP)).toEqual({
      process: `unjudged ${c}`, user: 'allowed', blockable: 'allowed',
      'non-blockable': `forbidden ${c}`, initialization: `unjudged ${c}`, atomic: `unjudged ${c}`, interrupt: `forbidden ${c}`,
    });
  });

  it.each<ServiceName>(['kmem_alloc_physreq', 'kmem_zalloc_physreq', 'physreq_alloc', 'physreq_prep'])(
    '%s with KM_SLEEP follows the general SVR5 sleep rule',
    (s) => {
      const c = 'svr5.km-sleep-context';
      expect(verdicts(s, KM_SLEEP)).toEqual({
        process: `unjudged ${c}`, user: 'allowed', blockable: 'allowed',
        'non-blockable': `forbidden ${c}`, initialization: `unjudged ${c}`, atomic: `unjudged ${c}`, interrupt: `forbidden ${c}`,
      });
    },
  );

  it.each<ServiceName>(['kmem_alloc_physcontig', 'kmem_alloc_physreq', 'kmem_zalloc_physreq', 'physreq_alloc', 'physreq_prep'])(
    '%s with KM_NOSLEEP is allowed everywhere',
    (s) => {
      for (const ctx of ALL_CONTEXTS) expect(contextVerdict(s, ctx, KM_NOSLEEP), ctx).toEqual(ALLOWED);
    },
  );

  it('kmem_alloc_phys: flags 0 may block (forbidden at interrupt), KM_FAIL_OK does not', () => {
    expect(contextVerdict('kmem_alloc_phys', 'interrupt', 0)).toEqual({ kind: 'forbidden', clause: 'svr5.km-sleep-context' });
    expect(contextVerdict('kmem_alloc_phys', 'non-blockable', 0)).toEqual({ kind: 'forbidden', clause: 'svr5.km-sleep-context' });
    expect(contextVerdict('kmem_alloc_phys', 'user', 0)).toEqual(ALLOWED);
    for (const ctx of ALL_CONTEXTS) expect(contextVerdict('kmem_alloc_phys', ctx, KM_FAIL_OK), ctx).toEqual(ALLOWED);
  });

  it.each<ServiceName>(['kmem_free_physcontig', 'kmem_free', 'physreq_free', 'physreq_set'])('%s is allowed everywhere', (s) => {
    for (const ctx of ALL_CONTEXTS) expect(contextVerdict(s, ctx), ctx).toEqual(ALLOWED);
  });

  it('mayBlock and isNoSleepFlag read the flag per service', () => {
    expect(mayBlock('kmem_alloc_physcontig', KM_SLEEP)).toBe(true);
    expect(mayBlock('kmem_alloc_physcontig', KM_NOSLEEP)).toBe(false);
    expect(mayBlock('kmem_alloc_phys', 0)).toBe(true);
    expect(mayBlock('kmem_alloc_phys', KM_FAIL_OK)).toBe(false);
    expect(isNoSleepFlag('kmem_alloc_physreq', KM_NOSLEEP)).toBe(true);
    expect(isNoSleepFlag('kmem_alloc_physreq', KM_SLEEP)).toBe(false);
    expect(isNoSleepFlag('kmem_alloc_phys', KM_FAIL_OK)).toBe(true);
    expect(isNoSleepFlag('kmem_alloc_phys', KM_SLEEP)).toBe(false);
  });

  it('names only clauses that exist, for every service, context and flag', () => {
    for (const s of ALL_SERVICES) {
      for (const ctx of ALL_CONTEXTS) {
        for (const flag of [undefined, KM_SLEEP, KM_NOSLEEP, KM_FAIL_OK]) {
          const v = contextVerdict(s, ctx, flag);
          if (v.kind !== 'allowed') expect(findClause(v.clause), `${s} ${ctx} ${flag}: ${v.clause}`).toBeDefined();
        }
      }
    }
  });
});

describe('versionProblem', () => {
  const table: Array<[ServiceName, DdiVersion[], string | null]> = [
    ['kmem_alloc_physcontig', ['5', '5mp', '6', '6mp'], 'kmem_alloc_physcontig.ddi-version'],
    ['kmem_free_physcontig', ['5', '5mp', '6', '6mp'], 'kmem_alloc_physcontig.ddi-version'],
    ['kmem_alloc_physreq', ['7', '7mp', '8', '8mp'], 'kmem_alloc_physreq.ddi-version'],
    ['kmem_zalloc_physreq', ['7', '7mp', '8', '8mp'], 'kmem_alloc_physreq.ddi-version'],
    ['kmem_alloc_phys', ['8', '8mp'], 'kmem_alloc_phys.ddi-version'],
  ];

  it.each(table)('%s exists in %j only', (service, versions, clause) => {
    expect(findClause(clause!)).toBeDefined();
    for (const v of DDI_VERSIONS) expect(versionProblem(service, v), v).toBe(versions.includes(v) ? null : clause);
    expect(versionsOf(service, DDI_VERSIONS)).toEqual(versions);
  });

  it('leaves every other service available in every version', () => {
    const limited = new Set(table.map(([s]) => s));
    for (const s of ALL_SERVICES.filter((x) => !limited.has(x))) {
      expect(versionsOf(s, DDI_VERSIONS), s).toEqual([...DDI_VERSIONS]);
    }
  });
});
