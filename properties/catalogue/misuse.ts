import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import type { ServiceName } from '../../spec/interface/implementation';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { smallSizeArb } from '../arbitraries/sizes';
import { checkRestored, measureCapacity } from '../engine/capacity';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import { checkStillOwned } from '../engine/still-owned';
import { madeUpAddress } from '../engine/made-up';
import { fail } from '../harness/failures';
import type { Driver } from '../harness/driver';
import { wrongReleases, type WrongRelease } from '../families/wrong-release';
import type { FamilyAdapter, ReleaseResult } from '../families/types';
import type { ConformanceProperty } from '../types';

export type MisuseKind = 'double-free' | 'wrong-size' | 'unknown-address' | 'interior-address' | 'wrong-handle' | 'wrong-service';

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shape: S;
  readonly sizes: ReadonlyArray<bigint>;
  readonly kind: MisuseKind;
  readonly pick: number;
  readonly delta: bigint;
  readonly via: number;
}

/**
 * A bad release in the manner of DMA-API debugging: twice, with the wrong
 * size, an address never handed out or inside an allocation, on another
 * handle, or through another family's release service. It must be refused,
 * and it must change nothing: every live allocation keeps its data and its
 * memory (none of it is handed out again), and can still be released
 * properly, after which the free memory is what it was at boot.
 *
 * d_free_dmamem answers, so accepting shows (0 instead of -1). The SVR5
 * releases return void: they may refuse silently or report a violation
 * (see the exact-match clauses' readings), so for them acceptance is judged
 * by its effects alone. A round of proper allocations and releases comes
 * first, so capacity lost by proper releases is blamed on
 * dma.release-restores, not on the misuse.
 */
export function misuseProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input<S>> {
  const exact = `${fam.freeService}.exact-match`;
  const kinds: MisuseKind[] = ['double-free', 'wrong-size', 'unknown-address', 'interior-address', 'wrong-service'];
  if (fam.family === 'aix') kinds.push('wrong-handle');
  return {
    name: `${fam.name}.misuse`,
    clauses: [exact, 'dma.misuse-harmless', 'dma.release-restores', ...new Set(wrongReleases(fam).map((r) => r.clause))],
    families: [fam.family],
    strength: 'MUST',
    runs: 60,
    arbitrary: () =>
      memoryMapArb().chain((gen) =>
        fc.record({
          gen: fc.constant(gen),
          shape: fam.shapeArb,
          sizes: fc.array(smallSizeArb(gen.pageSize, 4), { minLength: 1, maxLength: 3 }),
          kind: fc.constantFrom(...kinds),
          pick: fc.nat({ max: 7 }),
          delta: fc.constantFrom(1n, -1n, BigInt(gen.pageSize), -BigInt(gen.pageSize)),
          via: fc.nat({ max: 7 }),
        }),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, [input.shape]);
      await s.boot();
      const boot = await measureCapacity(s);
      for (const size of input.sizes) await s.allocate(0, size);
      await checkRestored(s, boot, 'dma.release-restores');
      for (const size of input.sizes) await s.allocate(0, size);
      const victim = s.live.pick(input.pick);
      if (victim === undefined) return;
      // The proper first release of a double release comes before the fill below, so that an allocator
      // that hands out live memory without any misuse is caught there, under its own clause.
      if (input.kind === 'double-free') await s.release(victim);
      await checkStillOwned(s);
      const attempt = await misuse(d, s, fam, victim, input);
      if (attempt === null) return;
      if (attempt.result.kind === 'odd') fail(attempt.clause, `${attempt.what}: ${attempt.result.how}`);
      // A numeric answer of success is acceptance; a void one may be a silent refusal.
      if (attempt.result.kind === 'released' && attempt.service === 'd_free_dmamem') fail(attempt.clause, `${attempt.what} was accepted`);
      // Only a silent answer can hide an acceptance; damage after an explicit refusal is judged as itself.
      const silent = attempt.result.kind === 'released';
      await s.verifyContents(silent ? attempt.clause : 'dma.misuse-harmless');
      await checkStillOwned(s, silent ? attempt : undefined);
      await checkRestored(s, boot, 'dma.misuse-harmless');
    },
  };
}

async function misuse<S>(
  d: Driver,
  s: Session<S>,
  fam: FamilyAdapter<S>,
  v: Live,
  input: Input<S>,
): Promise<{ result: ReleaseResult; clause: string; what: string; service: ServiceName } | null> {
  const exact = `${fam.freeService}.exact-match`;
  const at = `${hex(v.vaddr)}+${hex(v.size)}`;
  switch (input.kind) {
    case 'double-free': {
      return { result: await fam.release(d, v.token, v.vaddr, v.size), clause: exact, what: `a second release of ${at}`, service: fam.freeService };
    }
    case 'wrong-size': {
      const size = v.size + input.delta;
      if (size <= 0n) return null;
      return { result: await fam.release(d, v.token, v.vaddr, size), clause: exact, what: `releasing ${hex(v.vaddr)} with size ${hex(size)} instead of ${hex(v.size)}`, service: fam.freeService };
    }
    case 'unknown-address': {
      const addr = madeUpAddress(s.live, v.vaddr);
      if (addr === null) return null;
      return { result: await fam.release(d, v.token, addr, v.size), clause: exact, what: `releasing ${hex(addr)}, never allocated`, service: fam.freeService };
    }
    case 'interior-address': {
      if (v.size < 2n) return null;
      const addr = v.vaddr + (input.delta > 0n && input.delta < v.size ? input.delta : 1n);
      return { result: await fam.release(d, v.token, addr, v.size), clause: exact, what: `releasing ${hex(addr)}, inside ${at}`, service: fam.freeService };
    }
    case 'wrong-handle': {
      const other = await s.token(s.probeIndex);
      if (other === null || other === v.token) return null;
      return { result: await fam.release(d, other, v.vaddr, v.size), clause: exact, what: `releasing ${at} on handle ${other}, not ${v.token}`, service: fam.freeService };
    }
    case 'wrong-service': {
      const options = wrongReleases(fam).filter((r: WrongRelease) => d.has(r.service));
      const r = options[input.via % Math.max(1, options.length)];
      if (r === undefined) return null;
      return { result: await r.release(d, v.vaddr, v.size), clause: r.clause, what: `releasing ${at} with ${r.service}`, service: r.service };
    }
  }
}
