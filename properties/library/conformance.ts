import { allProperties } from '../index';
import { describeFailure } from '../runner/describe-result';
import { runProperty, type RunOptions } from '../runner/run-property';
import type { ImplementationSource } from '../runner/run-suite';
import { selectByClauses } from '../runner/select';
import { isUnreplayablePath, noSuchCounterexample, replayedNothing } from '../runner/replay-path';
import type { PropertyResult } from '../runner/result';
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
  const properties = selectByClauses(allProperties(), opts.only ?? []);
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
          if (r.status === 'UNSUPPORTED') return ctx.skip(r.reason);
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
