import type { PropertyResult, Status } from '../../properties/runner/result';
import { UsageError } from '../errors';
import type { ShardReport } from './read';

/** Which status a merged property takes: any failure outranks a pass, and a pass outranks "not supported". */
const RANK: Readonly<Record<Status, number>> = { UNSUPPORTED: 0, PASS: 1, FAIL: 2, TIMEOUT: 2, BROKEN: 2 };

export interface Merged {
  readonly implementation: string;
  readonly seed: number;
  readonly results: ReadonlyArray<PropertyResult>;
  readonly replayCommands: ReadonlyMap<string, string>;
}

/**
 * Checks that the reports are the shards of one run: the same allocator,
 * the same seed, each of the N shards once, none cut short. A verdict
 * merged from an incomplete set would pass what was never run.
 */
function checkSet(reports: ReadonlyArray<ShardReport>): void {
  const [first] = reports;
  for (const r of reports) {
    if (r.interrupted) throw new UsageError(`merge: ${r.file}: that run was interrupted; its results are incomplete`);
    if (r.implementation !== first!.implementation) throw new UsageError(`merge: ${r.file} tested '${r.implementation}', ${first!.file} '${first!.implementation}'`);
    if (r.seed !== first!.seed) throw new UsageError(`merge: ${r.file} ran with seed ${r.seed}, ${first!.file} with ${first!.seed}: give every shard the same --seed`);
  }
  const sharded = reports.filter((r) => r.shard !== null);
  if (sharded.length === 0) return;
  if (sharded.length !== reports.length) throw new UsageError(`merge: ${reports.find((r) => r.shard === null)!.file} is not a shard (no --shard), unlike ${sharded[0]!.file}`);
  const count = sharded[0]!.shard!.count;
  const seen = new Map<number, string>();
  for (const r of sharded) {
    if (r.shard!.count !== count) throw new UsageError(`merge: ${r.file} is shard ${r.shard!.index}/${r.shard!.count}, ${sharded[0]!.file} one of ${count}`);
    const twice = seen.get(r.shard!.index);
    if (twice !== undefined) throw new UsageError(`merge: ${twice} and ${r.file} are both shard ${r.shard!.index}/${count}`);
    seen.set(r.shard!.index, r.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new UsageError(`merge: shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`);
}

function combine(a: PropertyResult, b: PropertyResult): PropertyResult {
  const runs = a.runs + b.runs;
  const durationMs = a.durationMs + b.durationMs;
  // The first failure found (in the order the files were given) is the one reported, with its own seed and replay.
  const worse = RANK[b.status] > RANK[a.status] ? b : a;
  return { ...worse, runs, durationMs };
}

/** One result per property, in the order properties first appear: runs and time add up, the worst status wins. */
export function mergeReports(reports: ReadonlyArray<ShardReport>): Merged {
  checkSet(reports);
  const byProperty = new Map<string, PropertyResult>();
  for (const report of reports) {
    for (const r of report.results) {
      const before = byProperty.get(r.property);
      byProperty.set(r.property, before === undefined ? r : combine(before, r));
    }
  }
  // The replay command printed by the shard whose failure is the one kept.
  const replayCommands = new Map<string, string>();
  for (const report of reports) {
    for (const r of report.results) {
      const command = report.replayCommands.get(r.property);
      if (command !== undefined && r.failure !== undefined && byProperty.get(r.property)!.failure === r.failure) replayCommands.set(r.property, command);
    }
  }
  return { implementation: reports[0]!.implementation, seed: reports[0]!.seed, results: [...byProperty.values()], replayCommands };
}
