import { describe, expect, it } from 'vitest';
import { DoubleFreeError } from '../../../impl/frames/errors';
import { FrameAllocator } from '../../../impl/frames/frame-allocator';
import { createRng } from '../../../impl/frames/rng';

const TIB_FRAMES = 2 ** 28; // 1 TiB of 4 KiB pages

describe('FrameAllocator.allocRun', () => {
  it('takes the lowest run and splits the extent', () => {
    const a = new FrameAllocator([{ start: 10, count: 100 }]);
    expect(a.allocRun({ frames: 3 })).toBe(10);
    expect(a.allocRun({ frames: 3 })).toBe(13);
    expect(a.snapshot()).toEqual([{ start: 16, count: 94 }]);
    expect(a.freeFrames()).toBe(94);
    expect(a.totalFrames()).toBe(100);
  });

  it('honours alignment, including non-power-of-two sizes', () => {
    const a = new FrameAllocator([{ start: 1, count: 100 }]);
    expect(a.allocRun({ frames: 7, alignFrames: 16 })).toBe(16);
    expect(a.allocRun({ frames: 7, alignFrames: 16 })).toBe(32);
    expect(a.allocRun({ frames: 1 })).toBe(1);
  });

  it('moves to the next boundary instead of crossing one', () => {
    const a = new FrameAllocator([{ start: 12, count: 100 }]);
    expect(a.allocRun({ frames: 8, boundaryFrames: 16 })).toBe(16);
    expect(a.allocRun({ frames: 4, boundaryFrames: 16 })).toBe(12);
    // A run as long as the boundary must start on one.
    expect(a.allocRun({ frames: 16, boundaryFrames: 16 })).toBe(32);
  });

  it('returns null when the run is longer than the boundary allows', () => {
    const a = new FrameAllocator([{ start: 0, count: 100 }]);
    expect(a.allocRun({ frames: 17, boundaryFrames: 16 })).toBeNull();
    expect(a.freeFrames()).toBe(100);
  });

  it('keeps inside the inclusive window', () => {
    const a = new FrameAllocator([{ start: 0, count: 100 }]);
    expect(a.allocRun({ frames: 10, minFrame: 5, maxFrame: 14 })).toBe(5);
    expect(a.allocRun({ frames: 10, minFrame: 5, maxFrame: 24 })).toBe(15);
    expect(a.allocRun({ frames: 10, minFrame: 5, maxFrame: 33 })).toBeNull();
    expect(a.allocRun({ frames: 1, minFrame: 9, maxFrame: 3 })).toBeNull();
  });

  it('handles huge alignments and frame numbers above 2^32 exactly', () => {
    const high = 2 ** 40 + 5;
    const a = new FrameAllocator([
      { start: 0, count: 1000 },
      { start: high, count: 2 ** 42 },
    ]);
    expect(a.allocRun({ frames: 1, alignFrames: 2 ** 40 })).toBe(0);
    expect(a.allocRun({ frames: 3, alignFrames: 2 ** 40 })).toBe(2 ** 41);
    expect(a.allocRun({ frames: 3, alignFrames: 2 ** 60 })).toBeNull();
    expect(a.allocRun({ frames: 2 ** 40, alignFrames: 2 ** 40, minFrame: 1 })).toBe(3 * 2 ** 40);
    expect(a.freeFrames()).toBe(1000 + 2 ** 42 - 1 - 3 - 2 ** 40);
  });

  it('skips many small extents under a large alignment and still finds the lowest fit', () => {
    const extents = Array.from({ length: 5000 }, (_, i) => ({ start: i * 4, count: 2 }));
    extents.push({ start: 5000 * 4 + 3, count: 1 << 20 });
    const a = new FrameAllocator(extents);
    expect(a.allocRun({ frames: 2, alignFrames: 4096 })).toBe(0);
    expect(a.allocRun({ frames: 3, alignFrames: 4096 })).toBe(20480);
    expect(a.allocRun({ frames: 2, alignFrames: 2048, minFrame: 1 })).toBe(2048);
  });

  it('handles a TiB of frames without per-frame work', () => {
    const a = new FrameAllocator([{ start: 256, count: TIB_FRAMES }]);
    expect(a.allocRun({ frames: TIB_FRAMES - 512, alignFrames: 512 })).toBe(512);
    expect(a.freeFrames()).toBe(512);
  });

  it('rejects malformed requests with the API name', () => {
    const a = new FrameAllocator([{ start: 0, count: 10 }]);
    expect(() => a.allocRun({ frames: 0 })).toThrow(/^FrameAllocator\.allocRun: frames 0/);
    expect(() => a.allocRun({ frames: 1.5 })).toThrow(RangeError);
    expect(() => a.allocRun({ frames: 1, alignFrames: 3 })).toThrow(/alignFrames 3 is not a power of two/);
    expect(() => a.allocRun({ frames: 1, alignFrames: 0 })).toThrow(/alignFrames/);
    expect(() => a.allocRun({ frames: 1, boundaryFrames: 12 })).toThrow(/boundaryFrames 12/);
    expect(() => a.allocRun({ frames: 1, minFrame: -1 })).toThrow(/minFrame -1/);
    expect(() => a.allocRun({ frames: 1, maxFrame: Number.NaN })).toThrow(/maxFrame NaN/);
  });
});

describe('FrameAllocator.allocAt and free', () => {
  it('takes a specific run only when wholly free', () => {
    const a = new FrameAllocator([{ start: 0, count: 10 }]);
    expect(a.allocAt(2, 3)).toBe(true);
    expect(a.allocAt(4, 2)).toBe(false);
    expect(a.allocAt(8, 3)).toBe(false);
    expect(a.snapshot()).toEqual([
      { start: 0, count: 2 },
      { start: 5, count: 5 },
    ]);
    a.free(2, 3);
    expect(a.snapshot()).toEqual([{ start: 0, count: 10 }]);
    expect(a.largestRun()).toBe(10);
  });

  it('throws DoubleFreeError on a double free and leaves the state alone', () => {
    const a = new FrameAllocator([{ start: 0, count: 10 }]);
    const run = a.allocRun({ frames: 4 })!;
    a.free(run, 4);
    expect(() => a.free(run, 4)).toThrow(DoubleFreeError);
    expect(() => a.free(run + 2, 1)).toThrow(/^FrameAllocator\.free: frame 2: overlaps free frames 0\.\.9 \(double free\)$/);
    expect(a.snapshot()).toEqual([{ start: 0, count: 10 }]);
  });

  it('rejects freeing frames it never managed', () => {
    const a = new FrameAllocator([
      { start: 0, count: 10 },
      { start: 20, count: 10 },
    ]);
    expect(a.allocAt(5, 5)).toBe(true);
    expect(() => a.free(5, 10)).toThrow(/^FrameAllocator\.free: frames 5\.\.14 are not all usable RAM$/);
    expect(() => a.free(-1, 1)).toThrow(/start frame -1/);
    expect(() => a.free(0, 0)).toThrow(/frame count 0/);
  });

  it('rejects overlapping starting extents', () => {
    expect(() => new FrameAllocator([{ start: 0, count: 10 }, { start: 9, count: 2 }])).toThrow(/double free/);
  });

  it('reports managed and free frames', () => {
    const a = new FrameAllocator([{ start: 4, count: 4 }]);
    expect(a.isManaged(4, 4)).toBe(true);
    expect(a.isManaged(3, 2)).toBe(false);
    a.allocAt(5, 1);
    expect(a.isFree(4)).toBe(true);
    expect(a.isFree(4, 2)).toBe(false);
    expect(a.managedExtents()).toEqual([{ start: 4, count: 4 }]);
  });
});

describe('FrameAllocator.allocRandomFrame', () => {
  it('stays in the window and fragments memory', () => {
    const a = new FrameAllocator([{ start: 0, count: 1 << 16 }]);
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const f = a.allocRandomFrame(rng, { minFrame: 1000, maxFrame: 1999 })!;
      expect(f).toBeGreaterThanOrEqual(1000);
      expect(f).toBeLessThanOrEqual(1999);
    }
    expect(a.freeFrames()).toBe((1 << 16) - 200);
    expect(a.extentCount()).toBeGreaterThan(50);
  });

  it('is deterministic for a seed and returns null when the window is empty', () => {
    const run = (seed: number) => {
      const a = new FrameAllocator([{ start: 0, count: 1000 }]);
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => a.allocRandomFrame(rng));
    };
    expect(run(3)).toEqual(run(3));
    const a = new FrameAllocator([{ start: 10, count: 2 }]);
    expect(a.allocRandomFrame(createRng(1), { minFrame: 12 })).toBeNull();
    expect(a.allocRandomFrame(createRng(1), { minFrame: 11, maxFrame: 10 })).toBeNull();
    expect(a.allocRandomFrame(() => 0, { maxFrame: 11 })).toBe(10);
    expect(a.allocRandomFrame(() => 0.999999)).toBe(11);
    expect(a.allocRandomFrame(() => 0)).toBeNull();
  });

  it('rejects a generator outside [0, 1)', () => {
    const a = new FrameAllocator([{ start: 0, count: 4 }]);
    expect(() => a.allocRandomFrame(() => 1)).toThrow(/rng returned 1/);
    expect(a.freeFrames()).toBe(4);
  });
});
