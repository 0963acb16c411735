import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRunIn, resolveRunRequest } from '../../../impl/frames/find-run';
import { FrameOracle } from './frame-oracle';

describe('findRunIn', () => {
  it('finds the first aligned start in an extent', () => {
    expect(findRunIn({ start: 3, count: 20 }, { frames: 4, alignFrames: 8 })).toBe(8);
    expect(findRunIn({ start: 3, count: 8 }, { frames: 4, alignFrames: 8 })).toBeNull();
    expect(findRunIn({ start: 0, count: 1 }, { frames: 1 })).toBe(0);
  });

  it('steps over a boundary the run would span', () => {
    expect(findRunIn({ start: 14, count: 20 }, { frames: 3, boundaryFrames: 16 })).toBe(16);
    expect(findRunIn({ start: 14, count: 20 }, { frames: 2, boundaryFrames: 16 })).toBe(14);
    expect(findRunIn({ start: 14, count: 4 }, { frames: 3, boundaryFrames: 16 })).toBeNull();
    expect(findRunIn({ start: 0, count: 64 }, { frames: 5, alignFrames: 32, boundaryFrames: 4 })).toBeNull();
  });

  it('stays inside the window', () => {
    expect(findRunIn({ start: 0, count: 100 }, { frames: 4, minFrame: 50, alignFrames: 16 })).toBe(64);
    expect(findRunIn({ start: 0, count: 100 }, { frames: 4, maxFrame: 66, minFrame: 50, alignFrames: 16 })).toBeNull();
    expect(findRunIn({ start: 0, count: 100 }, { frames: 4, maxFrame: 67, minFrame: 50, alignFrames: 16 })).toBe(64);
  });

  it('works with alignments far beyond 2^53', () => {
    expect(findRunIn({ start: 1, count: 2 ** 52 }, { frames: 1, alignFrames: 2 ** 51 })).toBe(2 ** 51);
    expect(findRunIn({ start: 1, count: 2 ** 52 }, { frames: 1, alignFrames: 2 ** 70 })).toBeNull();
    expect(findRunIn({ start: 0, count: 2 ** 52 }, { frames: 1, alignFrames: 2 ** 70, boundaryFrames: 2 ** 80 })).toBe(0);
  });

  it('rejects malformed requests', () => {
    expect(() => resolveRunRequest({ frames: 1, alignFrames: 2 ** 53 + 2 })).toThrow(/alignFrames/);
    expect(() => findRunIn({ start: 0, count: 1 }, { frames: -1 })).toThrow(/^findRunIn: frames -1/);
  });

  it('agrees with a scan of every frame', () => {
    const req = fc.record({
      frames: fc.integer({ min: 1, max: 20 }),
      alignFrames: fc.integer({ min: 0, max: 5 }).map((k) => 2 ** k),
      boundaryFrames: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }).map((k) => 2 ** k)),
      minFrame: fc.integer({ min: 0, max: 80 }),
      maxFrame: fc.integer({ min: 0, max: 80 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 40 }), req, (start, count, r) => {
        const oracle = new FrameOracle(128, [{ start, count }]);
        expect(findRunIn({ start, count }, r)).toBe(oracle.allocRun(r));
      }),
      { numRuns: 200 },
    );
  });
});
