import { allProperties } from '../index';
import { describeFailure } from '../runner/describe-result';
import { runProperty, type RunOptions } from '../runner/run-property';
import type { ImplementationSource } from '../runner/run-suite';
import { selectByClauses } from '../runner/select';
import { isUnreplayablePath, noSuchCounterexample, replayedNothing } from '../runner/replay-path';
import type { PropertyResult } from '../runner/result';
import { FAMILIES, type DmaImplementation, type Family } from '../../spec/interface/implementation';
import { replayRequest, vitestReplayLine, type ReplayRequest } from './replay';

export interface ConformanceTestOptions extends RunOptions {
  /** Clause ids or globs: only properties checking a matching clause get a test. */
  readonly only?: ReadonlyArray<string>;
  /** Fail the test of a SHOULD property too (by default a SHOULD breach only warns). */
  readonly strictShould?: boolean;
  /** Per-test time limit for vitest, in ms. */
  readonly testTimeoutMs?: number;
  /**
   * `PROPERTY:SEED:PATH`, as a failure prints it: replays that one
   * counterexample and skips every other property. The environment
   * variable DMACONFORM_REPLAY does the same without editing the file.
   */
  readonly replay?: string;
  /**
   * Families the implementation must serve (the command line's
   * --require-family): a property of a required family that the
   * implementation does not declare fails instead of being skipped.
   */
  readonly requireFamilies?: ReadonlyArray<Family>;
}

/** Required families the implementation does not declare, for a property needing them. */
function unservedRequired(required: ReadonlyArray<Family>, needs: ReadonlyArray<Family>, impl: DmaImplementation): Family[] {
  return required.filter((f) => needs.includes(f) && !impl.families.includes(f));
}

/**
 * The parts of a test framework declaring tests needs, passed in rather
 * than imported, so that this file loads with or without vitest (the
 * package's ES-module vitest entry hands over vitest's own).
 */
export interface TestApi {
  readonly describe: (name: string, body: () => void) => unknown;
  readonly it: (name: string, options: { timeout: number }, body: (ctx: { skip: (note?: string) => void }) => Promise<void>) => unknown;
}

/**
 * Declares one test per property for the given implementation, with the
 * same clause ids, traces and replay lines as the command line. A family
 * the implementation lacks gives a skipped test.
 */
export function declareConformance(api: TestApi, title: string, source: ImplementationSource, opts: ConformanceTestOptions = {}): void {
  const replay: ReplayRequest | undefined = replayRequest(opts.replay ?? process.env.DMACONFORM_REPLAY);
  const seed = replay?.seed ?? opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const required = opts.requireFamilies ?? [];
  const unknown = required.find((f) => !FAMILIES.includes(f));
  if (unknown !== undefined) throw new Error(`dmaconform requireFamilies: '${unknown}' is not a family (one of ${FAMILIES.join(', ')})`);
  const properties = selectByClauses(allProperties(), opts.only ?? []);
  const unchecked = required.find((f) => !properties.some((p) => p.families.includes(f)));
  if (unchecked !== undefined) throw new Error(`dmaconform requireFamilies: no selected property checks the ${unchecked} family`);
  if (replay !== undefined && !properties.some((p) => p.name === replay.property)) {
    throw new Error(`dmaconform replay: no property named '${replay.property}' among this file's tests`);
  }
  api.describe(`${title} (seed ${seed})`, () => {
    for (const p of properties) {
      api.it(`${p.name} [${p.clauses.join(', ')}]`, { timeout: opts.testTimeoutMs ?? 120_000 }, async (ctx) => {
        if (replay !== undefined && replay.property !== p.name) return ctx.skip(`replaying ${replay.property} only`);
        const impl = typeof source === 'function' ? await source() : source;
        try {
          const r = await replayedRun(replay, () => runProperty(p, impl, { ...opts, seed, path: replay?.path ?? opts.path }));
          if (r.status === 'UNSUPPORTED') {
            const missing = unservedRequired(required, p.families, impl);
            if (missing.length > 0) throw new Error(`${p.name}: the required ${missing.join(', ')} famil${missing.length === 1 ? 'y is' : 'ies are'} not served by ${impl.name} (its families: ${impl.families.join(', ') || 'none'})`);
            return ctx.skip(r.reason);
          }
          if (r.status === 'PASS') return;
          const text = `${describeFailure(r)}\n  ${vitestReplayLine(r)}`;
          if (r.strength === 'SHOULD' && !opts.strictShould) {
            console.warn(text);
            return;
          }
          throw new Error(text);
        } finally {
          if (typeof source === 'function') await impl.dispose?.();
        }
      });
    }
  });
}

/** A replay whose path names no counterexample fails the test instead of passing it. */
async function replayedRun(replay: ReplayRequest | undefined, run: () => Promise<PropertyResult>): Promise<PropertyResult> {
  if (replay === undefined) return run();
  const problem = () => new Error(`dmaconform replay: ${noSuchCounterexample(replay.property, `${replay.seed}:${replay.path}`)}`);
  let r: PropertyResult;
  try {
    r = await run();
  } catch (e) {
    throw isUnreplayablePath(e) ? problem() : e;
  }
  if (replayedNothing(r)) throw problem();
  return r;
}
