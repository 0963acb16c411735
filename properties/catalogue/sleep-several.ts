import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import type { Context } from '../../spec/constants/context';
import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import { Sleepers, type SleepClauses } from '../engine/sleepers';
import type { Driver } from '../harness/driver';
import { fail } from '../harness/failures';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';

/** Pages in each block that fills memory; one of them holds two one-page sleepers whatever the placement. */
const BLOCK_PAGES = 6n;
const SLEEPERS = 2;
/** Releases are allowed in every context; an interrupt handler's release must wake sleepers as a caller's does. */
const RELEASED_FROM: ReadonlyArray<Context> = ['user', 'interrupt'];

/**
 * One release that makes room for several sleepers at once must wake them
 * all. Memory is filled with six-page blocks, then with single pages, so
 * no page is left; two callers ask for one page each and sleep; one block
 * is released. Six pages hold two one-page requests wherever the first
 * lands and whatever header each keeps, so both must be running again
 * within the wake-up deadline. Nothing else is released meanwhile: a
 * release would give a lazy allocator a second chance to wake the one it
 * left asleep. Only then, if a sleeper still sleeps, does the suite ask
 * for its page without waiting: met means it slept through its memory.
 * Done twice: with the release made by a user-context caller, then by an
 * interrupt handler. Deterministic, so it runs whole on every seed; a
 * correct allocator pays no waiting at all, a late one only its own delay.
 */
export function sleepSeveralProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<GeneratedMap> {
  const w = fam.waiting;
  if (w === undefined) throw new Error(`sleepSeveralProperty: family ${fam.name} has no waiting mode`);
  return {
    name: `${fam.name}.sleep-several`,
    clauses: [...new Set([w.sleep, w.wakeup])],
    families: [fam.family],
    strength: 'MUST',
    runs: 1,
    arbitrary: () => fc.constant(PLAIN_MAP),
    async run(d, gen) {
      for (const ctx of RELEASED_FROM) await oneRelease(d, fam, w, gen, ctx);
    },
  };
}

async function oneRelease<S>(d: Driver, fam: FamilyAdapter<S>, w: SleepClauses, gen: GeneratedMap, ctx: Context): Promise<void> {
  d.trace.add(`the release is made from ${ctx} context:`);
  const s = new Session(d, fam, gen);
  await s.boot();
  const page = s.pageBytes;
  const blocks: Live[] = [];
  await d.trace.quietly(
    async () => {
      for (const size of [BLOCK_PAGES * page, page]) {
        for (;;) {
          const got = await s.allocate(s.probeIndex, size);
          if (got.kind !== 'memory') break;
          if (size !== page) blocks.push(got.live);
        }
      }
    },
    () => `  (filled memory: ${blocks.length} blocks of ${BLOCK_PAGES} pages, then single pages until none was left)`,
  );
  const block = blocks[0];
  if (block === undefined) return;
  const sleepers = new Sleepers(s, w);
  // Asked in one turn: the driver's wait to see that a call blocks is paid once, not per sleeper.
  const asked = await Promise.all(Array.from({ length: SLEEPERS }, () => s.allocate(s.probeIndex, page, true)));
  for (const got of asked) {
    if (got.kind === 'null') fail(w.sleep, `a blocking ${fam.allocService} of ${hex(page)} bytes returned NULL`);
    if (got.kind === 'waiting') sleepers.add(s.probeIndex, page, got.later.later);
    else if (got.kind === 'memory') sleepers.served.push(got.live);
  }
  if (sleepers.waiting === 0) return;
  await s.release(block, undefined, ctx);
  const until = Date.now() + d.options.wakeMs;
  while (sleepers.waiting > 0 && Date.now() < until) await sleepers.settle(until - Date.now());
  if (sleepers.waiting > 0) {
    const again = await s.allocate(s.probeIndex, page);
    if (again.kind === 'memory') {
      fail(w.wakeup, `one release of ${hex(BLOCK_PAGES * page)} bytes from ${ctx} context made room for ${SLEEPERS} sleepers of ${hex(page)} bytes, yet ${sleepers.waiting} still sleep${sleepers.waiting === 1 ? 's' : ''} ${d.options.wakeMs} ms later while a page is met without waiting`);
    }
  }
  await s.verifyContents();
  await sleepers.giveBack();
  await s.releaseAll();
}
