import { matchClauses } from '../../spec/clauses';
import type { AnyProperty } from '../types';

/** Properties that check at least one clause matching any of the patterns (ids or globs). */
export function selectByClauses(props: ReadonlyArray<AnyProperty>, patterns: ReadonlyArray<string>): AnyProperty[] {
  if (patterns.length === 0) return props.slice();
  const wanted = new Set(patterns.flatMap((p) => matchClauses(p).map((c) => c.id)));
  return props.filter((p) => p.clauses.some((c) => wanted.has(c)));
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/**
 * Shard K of N gets the K-th of N near-equal slices of every property's runs,
 * with its own seed offset; over all shards the runs add up to the whole.
 */
export function shardRuns(runs: number, shard: Shard): number {
  const base = Math.floor(runs / shard.count);
  return base + (shard.index - 1 < runs % shard.count ? 1 : 0);
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) throw new RangeError(`--shard: '${text}' is not K/N with 1 <= K <= N`);
  return { index, count };
}
