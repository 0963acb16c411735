import type { PropertyResult } from '../../properties/runner/result';
import type { Family } from '../../spec/interface/implementation';
import { familiesOf, unjudgedFamilies } from './families';
import { FAILING, type Expectations, type FailingStatus } from './file';

export function isFailing(r: PropertyResult): r is PropertyResult & { status: FailingStatus } {
  return (FAILING as ReadonlyArray<string>).includes(r.status);
}

/** The key an expectation must have to cover this failure. */
export function expectationKey(r: PropertyResult): string {
  return r.failure?.clause ?? r.property;
}

export type Disposition = 'ok' | 'expected' | 'warning' | 'regression';

export interface Judgement {
  /** Per result, in the same order: how it counts towards the exit status. */
  readonly dispositions: ReadonlyArray<Disposition>;
  /** Expectation keys that matched a failure of this run. */
  readonly expected: ReadonlyArray<string>;
  /** Expectation keys whose clause (or property) was checked and did not fail: stale entries. */
  readonly nowPasses: ReadonlyArray<string>;
  /** Properties whose failure counts against the allocator (MUST, not expected). */
  readonly regressions: ReadonlyArray<string>;
  /** Families the run touched but could not judge (every property needing them UNSUPPORTED): the implementation does not serve them. */
  readonly unjudged: ReadonlyArray<Family>;
  /** Required families (--require-family) among those: each fails the gate. */
  readonly missingRequired: ReadonlyArray<Family>;
  readonly passed: boolean;
}

/** Whether a result exercised the expectation's key (a clause it checks, or the property itself). */
function exercises(r: PropertyResult, key: string): boolean {
  return r.status !== 'UNSUPPORTED' && (r.property === key || r.clauses.includes(key));
}

/**
 * Applies the known failures to a run. A MUST failure fails the gate unless
 * an expectation names its clause with the same status; a SHOULD failure is
 * only a warning either way, unless `strict` (--strict) makes it count too. An expectation whose clause was checked this run
 * without failing is stale: reported, not fatal, so fixing a bug never breaks CI.
 */
export function judge(results: ReadonlyArray<PropertyResult>, expectations: Expectations, strict = false, requireFamilies: ReadonlyArray<Family> = []): Judgement {
  const matched = new Set<string>();
  const dispositions = results.map((r): Disposition => {
    if (!isFailing(r)) return 'ok';
    const key = expectationKey(r);
    if (expectations[key]?.status === r.status) {
      matched.add(key);
      return 'expected';
    }
    return r.strength === 'SHOULD' && !strict ? 'warning' : 'regression';
  });
  const failedKeys = new Set(results.filter(isFailing).map(expectationKey));
  const nowPasses = Object.keys(expectations).filter((key) => !failedKeys.has(key) && results.some((r) => exercises(r, key)));
  const regressions = results.filter((_, i) => dispositions[i] === 'regression').map((r) => r.property);
  const unjudged = unjudgedFamilies(results);
  // A required family no result even needed (a narrowed or sharded selection) was not judged either.
  const missingRequired = requireFamilies.filter((f) => unjudged.includes(f) || !results.some((r) => familiesOf(r.property).includes(f)));
  const passed = regressions.length === 0 && missingRequired.length === 0;
  return { dispositions, expected: [...matched].sort(), nowPasses: nowPasses.sort(), regressions, unjudged, missingRequired, passed };
}

/**
 * The expectations after --update-expectations: this run's failures (with any
 * reason already written down), plus entries about clauses this run did not
 * check at all (a run narrowed by --only must not forget the others).
 */
export function updatedExpectations(results: ReadonlyArray<PropertyResult>, old: Expectations): Expectations {
  const next: Record<string, { status: FailingStatus; reason?: string }> = {};
  for (const [key, value] of Object.entries(old)) {
    if (!results.some((r) => exercises(r, key))) next[key] = value;
  }
  const written = new Set<string>();
  for (const r of results) {
    if (!isFailing(r)) continue;
    const key = expectationKey(r);
    // Two properties may break the same clause differently; the first one's status is kept.
    if (written.has(key)) continue;
    written.add(key);
    const reason = old[key]?.reason ?? `${r.property}: ${(r.failure?.message ?? r.status).split('\n')[0]}`;
    next[key] = { status: r.status, reason };
  }
  return next;
}
