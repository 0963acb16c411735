import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameAllocator } from '../../../impl/frames/frame-allocator';
import { createRng } from '../../../impl/frames/rng';
import { extentsFromFlags, FrameOracle, type OracleRequest } from './frame-oracle';

const SPACE = 160;

const pow2 = (maxLog: number) => fc.integer({ min: 0, max: maxLog }).map((k) => 2 ** k);

const request: fc.Arbitrary<OracleRequest> = fc.record({
  frames: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })),
  alignFrames: pow2(6),
  boundaryFrames: fc.oneof(fc.constant(0), pow2(6)),
  minFrame: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: SPACE })),
  maxFrame: fc.oneof(fc.constant(SPACE * 2), fc.integer({ min: 0, max: SPACE })),
});

type Op =
  | { kind: 'alloc'; req: OracleRequest }
  | { kind: 'free'; pick: number }
  | { kind: 'allocAt'; start: number; frames: number }
  | { kind: 'random'; seed: number; lo: number; hi: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: request.map((req): Op => ({ kind: 'alloc', req })) },
  { weight: 4, arbitrary: fc.nat().map((pick): Op => ({ kind: 'free', pick })) },
  {
    weight: 1,
    arbitrary: fc.record({ start: fc.integer({ min: 0, max: SPACE - 1 }), frames: fc.integer({ min: 1, max: 12 }) }).map((r): Op => ({ kind: 'allocAt', ...r })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ seed: fc.nat(), lo: fc.integer({ min: 0, max: SPACE }), hi: fc.integer({ min: 0, max: SPACE }) }).map((r): Op => ({ kind: 'random', ...r })),
  },
);

// Both confetti (many one- or two-frame extents) and long runs with a few holes.
const flagsFromRuns = (runs: ReadonlyArray<{ on: boolean; len: number }>): boolean[] =>
  runs.flatMap(({ on, len }) => new Array<boolean>(len).fill(on)).concat(new Array<boolean>(SPACE).fill(false)).slice(0, SPACE);
const layout = fc
  .oneof(
    fc.array(fc.boolean(), { minLength: SPACE, maxLength: SPACE }),
    fc.array(fc.record({ on: fc.boolean(), len: fc.integer({ min: 1, max: 60 }) }), { maxLength: 12 }).map(flagsFromRuns),
  )
  .map(extentsFromFlags);

describe('FrameAllocator against a brute-force oracle', () => {
  it('gives the lowest fitting run, never overlaps, and conserves frames', () => {
    fc.assert(
      fc.property(layout, fc.array(op, { maxLength: 60 }), (extents, ops) => {
        const alloc = new FrameAllocator(extents);
        const oracle = new FrameOracle(SPACE, extents);
        const total = oracle.freeCount();
        const live: Array<{ start: number; frames: number }> = [];
        for (const o of ops) {
          if (o.kind === 'alloc') {
            const got = alloc.allocRun(o.req);
            expect(got).toBe(oracle.allocRun(o.req));
            if (got !== null) live.push({ start: got, frames: o.req.frames });
          } else if (o.kind === 'free') {
            if (live.length === 0) continue;
            const [run] = live.splice(o.pick % live.length, 1);
            alloc.free(run.start, run.frames);
            oracle.release(run.start, run.frames);
          } else if (o.kind === 'allocAt') {
            const expected = o.start + o.frames <= SPACE && oracle.allFree(o.start, o.frames);
            expect(alloc.allocAt(o.start, o.frames)).toBe(expected);
            if (expected) {
              oracle.take(o.start, o.frames);
              live.push({ start: o.start, frames: o.frames });
            }
          } else {
            const got = alloc.allocRandomFrame(createRng(o.seed), { minFrame: o.lo, maxFrame: o.hi });
            const anyFree = oracle.free.some((f, i) => f && i >= o.lo && i <= o.hi);
            expect(got !== null).toBe(anyFree);
            if (got !== null) {
              expect(got).toBeGreaterThanOrEqual(o.lo);
              expect(got).toBeLessThanOrEqual(o.hi);
              oracle.take(got, 1);
              live.push({ start: got, frames: 1 });
            }
          }
          const expectedExtents = oracle.extents();
          expect(alloc.snapshot()).toEqual(expectedExtents);
          expect(alloc.freeFrames()).toBe(oracle.freeCount());
          expect(alloc.extentCount()).toBe(expectedExtents.length);
          expect(alloc.largestRun()).toBe(Math.max(0, ...expectedExtents.map((e) => e.count)));
          const inUse = live.reduce((sum, r) => sum + r.frames, 0);
          expect(alloc.freeFrames() + inUse).toBe(total);
        }
        for (const run of live) alloc.free(run.start, run.frames);
        expect(alloc.snapshot()).toEqual(extentsFromFlags(oracle.managed));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects freeing any run that overlaps free frames, leaving the state unchanged', () => {
    fc.assert(
      fc.property(layout, fc.array(request, { maxLength: 10 }), fc.integer({ min: 0, max: SPACE - 1 }), fc.integer({ min: 1, max: 16 }), (extents, reqs, start, frames) => {
        const alloc = new FrameAllocator(extents);
        const oracle = new FrameOracle(SPACE, extents);
        for (const r of reqs) expect(alloc.allocRun(r)).toBe(oracle.allocRun(r));
        const end = Math.min(SPACE, start + frames);
        let managed = true;
        let anyFree = false;
        for (let f = start; f < end; f++) {
          managed &&= oracle.managed[f];
          anyFree ||= oracle.free[f];
        }
        if (!managed || !anyFree || end !== start + frames) return;
        const before = alloc.snapshot();
        expect(() => alloc.free(start, frames)).toThrow(/double free/);
        expect(alloc.snapshot()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
