import { describe, it } from 'vitest';
import { allProperties } from '../index';
import { describeFailure } from '../runner/describe-result';
import { runProperty, type RunOptions } from '../runner/run-property';
import type { ImplementationSource } from '../runner/run-suite';
import { selectByClauses } from '../runner/select';

export interface ConformanceTestOptions extends RunOptions {
  /** Clause ids or globs: only properties checking a matching clause get a test. */
  readonly only?: ReadonlyArray<string>;
  /** Fail the test of a SHOULD property too (by default a SHOULD breach only warns). */
  readonly strictShould?: boolean;
  /** Per-test time limit for vitest, in ms. */
  readonly testTimeoutMs?: number;
}

/**
 * Declares one vitest test per property for the given implementation, with
 * the same clause ids, traces and replay lines as the command line. A
 * family the implementation lacks gives a skipped test.
 */
export function describeConformance(title: string, source: ImplementationSource, opts: ConformanceTestOptions = {}): void {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  describe(`${title} (seed ${seed})`, () => {
    for (const p of selectByClauses(allProperties(), opts.only ?? [])) {
      it(`${p.name} [${p.clauses.join(', ')}]`, { timeout: opts.testTimeoutMs ?? 120_000 }, async (ctx) => {
        const impl = typeof source === 'function' ? await source() : source;
        try {
          const r = await runProperty(p, impl, { ...opts, seed });
          if (r.status === 'UNSUPPORTED') return ctx.skip(r.reason);
          if (r.status === 'PASS') return;
          if (r.strength === 'SHOULD' && !opts.strictShould) {
            console.warn(describeFailure(r));
            return;
          }
          throw new Error(describeFailure(r));
        } finally {
          if (typeof source === 'function') await impl.dispose?.();
        }
      });
    }
  });
}
