import { createReference } from '../impl/reference';
import { createRng } from '../impl/frames/rng';
import { loadFixtureMap } from '../fixtures/maps';
import { ClauseFailure } from '../properties/harness/failures';
import { Driver } from '../properties/harness/driver';
import { Trace } from '../properties/harness/trace';
import { checkRestored, measureCapacity } from '../properties/engine/capacity';
import { Session } from '../properties/engine/session';
import { aixFamily } from '../properties/families/aix';
import { physcontigFamily, physFamily, physreqAllocFamily } from '../properties/families/svr5';
import type { FamilyAdapter } from '../properties/families/types';
import fc from 'fast-check';

/**
 * Millions of random operations against the reference with every check on:
 * placement, RAM, overlap on every allocation, contents of every live
 * allocation every few thousand steps, and at the end the boot capacity and
 * the kernel's own free-frame count. Prints leaked pages and invariant
 * breaks; both must be zero.
 */
async function soakFamily<S>(fam: FamilyAdapter<S>, ops: number, seed: number): Promise<{ breaks: string[]; leaked: number; allocations: number }> {
  const rng = createRng(seed);
  const shapes = fc.sample(fam.shapeArb, { numRuns: 6, seed });
  const impl = createReference();
  const s = new Session(new Driver(impl, new Trace(0)), fam, { map: loadFixtureMap('tiny-holes'), pageSize: 4096 }, shapes);
  const breaks: string[] = [];
  let allocations = 0;
  try {
    await s.boot(fam.ddiVersion, seed);
    const freeAtBoot = impl.frames.freeFrames();
    const boot = await measureCapacity(s);
    for (let i = 0; i < ops; i++) {
      if (rng() < 0.55) {
        const size = BigInt(1 + Math.floor(rng() * 6 * 4096));
        const got = await s.allocate(Math.floor(rng() * shapes.length), size);
        if (got.kind === 'memory') allocations++;
      } else if (s.live.size > 0) {
        await s.release(s.live.items[Math.floor(rng() * s.live.size)]!);
      }
      if (i % 5000 === 4999) await s.verifyContents();
    }
    await s.verifyContents();
    await checkRestored(s, boot);
    return { breaks, leaked: freeAtBoot - impl.frames.freeFrames(), allocations };
  } catch (e) {
    breaks.push(e instanceof ClauseFailure ? e.message : String(e));
    return { breaks, leaked: -1, allocations };
  }
}

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith('--ops='));
  const total = arg ? Number(arg.slice(6)) : 1_000_000;
  const seed = Number(process.argv.find((a) => a.startsWith('--seed='))?.slice(7) ?? 1);
  const families: FamilyAdapter<any>[] = [aixFamily, physcontigFamily, physreqAllocFamily, physFamily]; // eslint-disable-line @typescript-eslint/no-explicit-any
  let leaked = 0;
  let breaks = 0;
  const started = Date.now();
  for (const fam of families) {
    const r = await soakFamily(fam, Math.ceil(total / families.length), seed);
    console.log(`${fam.name.padEnd(12)} ${Math.ceil(total / families.length)} ops, ${r.allocations} allocations, leaked pages ${r.leaked}, invariant breaks ${r.breaks.length}${r.breaks.length ? `: ${r.breaks[0]}` : ''}`);
    leaked += Math.max(0, r.leaked) + (r.leaked < 0 ? 1 : 0);
    breaks += r.breaks.length;
  }
  console.log(`soak: ${total} operations (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s; leaked pages ${leaked}; invariant breaks ${breaks}`);
  process.exitCode = leaked === 0 && breaks === 0 ? 0 : 1;
}

if (require.main === module) void main();
