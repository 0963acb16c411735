import { MUTANTS } from '../fixtures/mutants';
import { allProperties } from '../properties';
import { propertySeed } from '../properties/runner/property-seed';
import { runProperty } from '../properties/runner/run-property';
import { median } from './measure';

export interface KillRow {
  readonly mutant: string;
  readonly seed: number;
  readonly killedBy: string | null;
  readonly clause: string | null;
  /** Runs of the killing property until the first failure. */
  readonly runsToDetection: number;
  /** Wall time from the first property tried to the kill, shrinking included. */
  readonly msToKill: number;
  readonly traceLines: number;
  readonly shrinks: number;
}

/** For each mutant: which property kills it, after how many runs, how fast, and how short the shrunk trace is. */
export async function benchKills(seed = 1): Promise<KillRow[]> {
  const rows: KillRow[] = [];
  for (const { info, create } of MUTANTS) {
    const impl = create();
    const started = process.hrtime.bigint();
    let row: KillRow = { mutant: info.name, seed, killedBy: null, clause: null, runsToDetection: 0, msToKill: 0, traceLines: 0, shrinks: 0 };
    for (const p of allProperties().filter((q) => q.clauses.some((c) => info.breaks.includes(c)))) {
      const r = await runProperty(p, impl, { seed: propertySeed(seed, p.name) });
      const clause = r.failure?.clause;
      if (clause !== undefined && info.breaks.includes(clause)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        row = { mutant: info.name, seed, killedBy: p.name, clause, runsToDetection: r.failure!.runsToFailure, msToKill: ms, traceLines: r.failure!.trace.length, shrinks: r.failure!.shrinks };
        break;
      }
    }
    rows.push(row);
  }
  return rows;
}

export function printKills(rows: ReadonlyArray<KillRow>): { killed: number; medianMs: number } {
  console.log('mutant                        killed by                        runs  ms to kill  trace  shrinks');
  for (const r of rows) {
    console.log(
      `${r.mutant.padEnd(30)}${(r.killedBy ?? 'SURVIVED').padEnd(33)}${String(r.runsToDetection).padStart(4)}${r.msToKill.toFixed(0).padStart(12)}${String(r.traceLines).padStart(7)}${String(r.shrinks).padStart(9)}`,
    );
  }
  const killed = rows.filter((r) => r.killedBy !== null).length;
  const times = rows.filter((r) => r.killedBy !== null).map((r) => r.msToKill);
  const medianMs = times.length === 0 ? NaN : median(times);
  console.log(`killed ${killed}/${rows.length}; median time to kill ${medianMs.toFixed(0)} ms; median trace ${median(rows.map((r) => r.traceLines))} lines`);
  return { killed, medianMs };
}

/** Seeds the kill section runs: each mutant must die on every one. */
export const KILL_SEEDS: ReadonlyArray<number> = [1, 2, 3, 4, 5];

/** Kills per seed, and the mutants that survived which seeds. */
export function printKillsPerSeed(bySeed: ReadonlyArray<ReadonlyArray<KillRow>>): { killedEverywhere: number; total: number } {
  const total = bySeed[0]?.length ?? 0;
  for (const rows of bySeed) console.log(`seed ${rows[0]?.seed}: killed ${rows.filter((r) => r.killedBy !== null).length}/${rows.length}`);
  const survivors = new Map<string, number[]>();
  for (const rows of bySeed) for (const r of rows) if (r.killedBy === null) survivors.set(r.mutant, [...(survivors.get(r.mutant) ?? []), r.seed]);
  for (const [m, seeds] of survivors) console.log(`  ${m} survives seed(s) ${seeds.join(', ')}`);
  return { killedEverywhere: total - survivors.size, total };
}

if (require.main === module) {
  void benchKills().then(printKills);
}
