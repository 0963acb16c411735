import { createSubprocessImplementation } from '../cli/exec';
import { buildCFixture } from '../fixtures/external/c/build';
import { ZOO } from '../fixtures/correct/members';
import { SUBPROCESS_TIMING, type DriverOptions } from '../properties/harness/driver';
import { describeFailure } from '../properties/runner/describe-result';
import type { PropertyResult } from '../properties/runner/result';
import { runSuite } from '../properties/runner/run-suite';
import { FAMILIES, type DmaImplementation } from '../spec/interface/implementation';

/**
 * The soundness zoo runner: correct allocators unlike the reference must
 * pass every property. test/soundness runs each member on five of seeds
 * 1-20 at the default budget (all twenty across the zoo); run as a script
 * (npm run soak runs it on every member, seeds 1-20, then 1-3 at budget 5):
 *   ts-node bench/soak-zoo.ts [--seeds=1-3] [--budget=5] [--members=buddy,c:split-placement]
 */

export interface ZooEntry {
  /** A file under fixtures/correct/ (for --impl), or c:VARIANT for a C build (for --exec). */
  readonly file: string;
  readonly create: () => DmaImplementation | Promise<DmaImplementation>;
  /** Deadlines for a member answering through a subprocess; in-process ones by default. */
  readonly timing?: DriverOptions;
}

export const C_MEMBER: ZooEntry = {
  file: 'c:split-placement',
  create: () => createSubprocessImplementation(JSON.stringify(buildCFixture('split-placement')), { timeoutMs: 10_000 }),
  timing: SUBPROCESS_TIMING,
};

export const ALL_MEMBERS: ReadonlyArray<ZooEntry> = [...ZOO, C_MEMBER];

/** One member's run at one seed: what did not pass, and why. */
export interface ZooRun {
  readonly member: string;
  readonly seed: number;
  readonly budget: number;
  readonly passed: number;
  readonly unsupported: number;
  /** Properties that failed, timed out or broke, each described on one line. */
  readonly problems: ReadonlyArray<string>;
  readonly ms: number;
}

/**
 * Runs the whole suite on a fresh instance per property. A property is only
 * allowed to be UNSUPPORTED when the member lacks a family it needs.
 */
export async function runZoo(
  member: string,
  create: () => DmaImplementation | Promise<DmaImplementation>,
  seed: number,
  budget = 1,
  timing?: DriverOptions,
): Promise<ZooRun> {
  const started = Date.now();
  const report = await runSuite(create, { seed, budget, timing });
  const probe = await create();
  const families = probe.families;
  await probe.dispose?.();
  const bad = (r: PropertyResult) => r.status === 'FAIL' || r.status === 'TIMEOUT' || r.status === 'BROKEN';
  const wronglyUnsupported = (r: PropertyResult) => r.status === 'UNSUPPORTED' && (r.reason === undefined || families.length === FAMILIES.length);
  const problems = report.results.filter((r) => bad(r) || wronglyUnsupported(r)).map((r) => `${r.property} ${r.status}: ${describeFailure(r).split('\n').slice(0, 2).join(' /').trim()}`);
  return {
    member,
    seed,
    budget,
    passed: report.summary.PASS,
    unsupported: report.summary.UNSUPPORTED,
    problems,
    ms: Date.now() - started,
  };
}

/** member × seed, one cell per run: "ok", or Fn when n properties did not pass. */
export function zooTable(runs: ReadonlyArray<ZooRun>): string {
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const members = [...new Set(runs.map((r) => r.member))];
  const width = Math.max(6, ...members.map((m) => m.length));
  const cell = (r: ZooRun | undefined) => (r === undefined ? '-' : r.problems.length === 0 ? 'ok' : `F${r.problems.length}`).padStart(3);
  const lines = [`${'member'.padEnd(width)} ${seeds.map((s) => String(s).padStart(3)).join(' ')}`];
  for (const m of members) lines.push(`${m.padEnd(width)} ${seeds.map((s) => cell(runs.find((r) => r.member === m && r.seed === s))).join(' ')}`);
  return lines.join('\n');
}

function parseSeeds(text: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (m === null) throw new Error(`--seeds=${text}: expected N or N-M`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  let seeds: number[];
  try {
    seeds = parseSeeds(option('seeds') ?? '1-3');
  } catch (e) {
    process.stderr.write(`dmaconform: soak-zoo: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const budget = Number(option('budget') ?? 5);
  const only = option('members')?.split(',');
  const members = only === undefined ? ALL_MEMBERS : ALL_MEMBERS.filter((m) => only.includes(m.file));
  if (!(budget > 0) || members.length === 0 || (only !== undefined && members.length !== only.length)) {
    process.stderr.write('dmaconform: soak-zoo: --budget must be positive and --members must name zoo members\n');
    process.exit(2);
  }
  const runs: ZooRun[] = [];
  for (const m of members) {
    for (const seed of seeds) {
      const r = await runZoo(m.file, m.create, seed, budget, m.timing);
      runs.push(r);
      const verdict = r.problems.length === 0 ? 'ok' : `${r.problems.length} problem(s)`;
      process.stdout.write(`${m.file} seed ${seed} budget ${budget}: ${verdict} (${r.passed} pass, ${(r.ms / 1000).toFixed(1)} s)\n`);
      for (const p of r.problems) process.stdout.write(`  ${p}\n`);
    }
  }
  process.stdout.write(`\n${zooTable(runs)}\n`);
  const failing = runs.filter((r) => r.problems.length > 0).length;
  process.stdout.write(`${runs.length} member-seed runs at budget ${budget}, ${failing} with problems\n`);
  process.exit(failing === 0 ? 0 : 1);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`dmaconform: soak-zoo: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(3);
  });
}
