import { createReference } from '../impl/reference';
import { loadFixtureMap } from '../fixtures/maps';
import type { DmaImplementation } from '../spec/interface/implementation';
import { Driver } from '../properties/harness/driver';
import { Trace } from '../properties/harness/trace';
import { Session } from '../properties/engine/session';
import { physcontigFamily } from '../properties/families/svr5';

export interface CheckingRow {
  readonly live: number;
  /** Time inside the allocator's own calls (allocation, translation, writes), per allocation. */
  readonly allocatorNs: number;
  /** Time the suite spends judging each new allocation (placement, RAM, overlap, bookkeeping). */
  readonly checkingNs: number;
}

/** Wraps every method so the time spent inside the implementation can be told from the suite's own. */
function timed(impl: DmaImplementation, clock: { ns: bigint }): DmaImplementation {
  return new Proxy(impl, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const t = process.hrtime.bigint();
        try {
          return v.apply(target, args);
        } finally {
          clock.ns += process.hrtime.bigint() - t;
        }
      };
    },
  });
}

/**
 * Grows the live set to each size and measures the next batch of one-page
 * allocations: the suite's judging cost per allocation against the
 * allocator's own. Overlap checks are logarithmic in the live count, so the
 * checking cost should stay flat.
 */
export async function benchChecking(sizes: ReadonlyArray<number> = [10, 100, 1_000, 10_000, 100_000], batch = 2_000): Promise<CheckingRow[]> {
  const rows: CheckingRow[] = [];
  for (const live of sizes) {
    const clock = { ns: 0n };
    const impl = timed(createReference(), clock);
    const gen = { map: loadFixtureMap('pc-4g-hole'), pageSize: 4096 };
    const s = new Session(new Driver(impl, new Trace(0)), physcontigFamily, gen, [physcontigFamily.probeShape]);
    await s.boot();
    for (let i = 0; i < live; i++) await s.allocate(0, 4096n);
    clock.ns = 0n;
    const t = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await s.allocate(0, 4096n);
    const total = process.hrtime.bigint() - t;
    rows.push({ live, allocatorNs: Number(clock.ns) / batch, checkingNs: Number(total - clock.ns) / batch });
  }
  return rows;
}

export function printChecking(rows: ReadonlyArray<CheckingRow>): { flat: number; ratio: number } {
  console.log('live allocations   allocator ns/op   checking ns/op   checking/allocator');
  for (const r of rows) {
    console.log(`${String(r.live).padStart(16)}${r.allocatorNs.toFixed(0).padStart(18)}${r.checkingNs.toFixed(0).padStart(17)}${(r.checkingNs / r.allocatorNs).toFixed(2).padStart(21)}`);
  }
  const flat = rows[rows.length - 1]!.checkingNs / rows[0]!.checkingNs;
  const ratio = Math.max(...rows.map((r) => r.checkingNs / r.allocatorNs));
  console.log(`checking cost at ${rows[rows.length - 1]!.live} live / at ${rows[0]!.live} live: ${flat.toFixed(2)}; worst checking/allocator ratio ${ratio.toFixed(2)}`);
  return { flat, ratio };
}

if (require.main === module) {
  void benchChecking().then(printChecking);
}
