import { ZOO } from '../fixtures/correct/members';
import { runZoo, type ZooRun } from '../test/soundness/zoo-run';

/**
 * Runs the soundness zoo longer than CI does: every member over a range of
 * seeds at a larger budget. Every property must pass for every member.
 *   npm run soak-zoo -- --seeds=1-3 --budget=5 [--members=buddy,scattered]
 */
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
  const seeds = parseSeeds(option('seeds') ?? '1-3');
  const budget = Number(option('budget') ?? 5);
  const only = option('members')?.split(',');
  const members = only === undefined ? ZOO : ZOO.filter((m) => only.includes(m.file));
  if (!(budget > 0) || members.length === 0) {
    process.stderr.write('dmaconform: soak-zoo: --budget must be positive and --members must name zoo members\n');
    process.exit(2);
  }
  const runs: ZooRun[] = [];
  for (const m of members) {
    for (const seed of seeds) {
      const r = await runZoo(m.file, m.create, seed, budget);
      runs.push(r);
      const verdict = r.problems.length === 0 ? 'ok' : `${r.problems.length} problem(s)`;
      process.stdout.write(`${m.file} seed ${seed} budget ${budget}: ${verdict} (${r.passed} pass, ${(r.ms / 1000).toFixed(1)} s)\n`);
      for (const p of r.problems) process.stdout.write(`  ${p}\n`);
    }
  }
  const failing = runs.filter((r) => r.problems.length > 0).length;
  process.stdout.write(`${runs.length} member-seed runs, ${failing} with problems\n`);
  process.exit(failing === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  process.stderr.write(`dmaconform: soak-zoo: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(3);
});
