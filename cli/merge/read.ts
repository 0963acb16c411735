import type { PropertyResult, Status } from '../../properties/runner/result';
import type { Shard } from '../../properties/runner/select';
import { UsageError } from '../errors';
import { readText, type Io } from '../io';

/** One JSON report as `merge` needs it. */
export interface ShardReport {
  readonly file: string;
  readonly implementation: string;
  readonly seed: number;
  readonly shard: Shard | null;
  readonly interrupted: boolean;
  readonly results: ReadonlyArray<PropertyResult>;
  /** The replay command printed for each failing property. */
  readonly replayCommands: ReadonlyMap<string, string>;
}

const STATUSES: ReadonlyArray<Status> = ['PASS', 'FAIL', 'UNSUPPORTED', 'TIMEOUT', 'BROKEN'];
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function result(r: unknown, where: string, replays: Map<string, string>): PropertyResult {
  const bad = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!isObject(r)) return bad('is not an object');
  const { property, clauses, strength, status, runs, durationMs, seed, reason, failure } = r;
  if (typeof property !== 'string') bad('property is not a string');
  if (!isStrings(clauses)) bad('clauses is not a list of strings');
  if (strength !== 'MUST' && strength !== 'SHOULD') bad('strength is not MUST or SHOULD');
  if (!STATUSES.includes(status as Status)) bad(`status ${JSON.stringify(status)} is not one of ${STATUSES.join(', ')}`);
  if (!isInt(runs) || !isInt(durationMs) || !isInt(seed)) bad('runs, durationMs and seed must be integers');
  const base = { property: property as string, clauses: clauses as string[], strength: strength as 'MUST' | 'SHOULD', status: status as Status, runs: runs as number, durationMs: durationMs as number, seed: seed as number };
  const withReason = typeof reason === 'string' ? { ...base, reason } : base;
  if (failure === undefined) return withReason;
  if (!isObject(failure)) return bad('failure is not an object');
  const f = failure;
  if (typeof f.message !== 'string' || !isStrings(f.trace) || typeof f.counterexample !== 'string' || typeof f.replay !== 'string') bad('failure lacks message, trace, counterexample or replay');
  if (f.clause !== null && typeof f.clause !== 'string') bad('failure.clause is neither a string nor null');
  if (typeof f.replayCommand === 'string') replays.set(base.property, f.replayCommand);
  return {
    ...withReason,
    failure: {
      ...(typeof f.clause === 'string' ? { clause: f.clause } : {}),
      message: f.message as string,
      trace: f.trace as string[],
      counterexample: f.counterexample as string,
      replay: f.replay as string,
      runsToFailure: isInt(f.runsToFailure) ? f.runsToFailure : 0,
      shrinks: isInt(f.shrinks) ? f.shrinks : 0,
    },
  };
}

function shardOf(v: unknown): Shard | null {
  if (!isObject(v)) return null;
  return isInt(v.index) && isInt(v.count) ? { index: v.index, count: v.count } : null;
}

/** Reads one report written by `dmaconform --reporter json`; anything else is bad input. */
export function readShardReport(io: Io, file: string): ShardReport {
  const text = readText(io, 'merge', file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes a cut fragment of the text; what matters is which file and that it is not JSON.
    const html = /^\s*</.test(text) ? ' (an HTML or XML report? merge takes the reports written with --reporter json)' : ' (merge takes the reports written with --reporter json)';
    throw new UsageError(`merge: ${file}: not JSON${html}`);
  }
  try {
    if (!isObject(doc) || typeof doc.implementation !== 'string' || !isInt(doc.seed) || !Array.isArray(doc.results)) {
      throw new Error('not a dmaconform JSON report (written with --reporter json)');
    }
    const replayCommands = new Map<string, string>();
    const results = doc.results.map((r, i) => result(r, `results[${i}]`, replayCommands));
    return { file, implementation: doc.implementation, seed: doc.seed, shard: shardOf(doc.shard), interrupted: isObject(doc.interrupted), results, replayCommands };
  } catch (e) {
    throw new UsageError(`merge: ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
