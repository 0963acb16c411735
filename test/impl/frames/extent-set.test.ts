import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DoubleFreeError } from '../../../impl/frames/errors';
import { ExtentSet } from '../../../impl/frames/extent-set';
import { extentsFromFlags } from './frame-oracle';

describe('ExtentSet', () => {
  it('coalesces with both neighbours', () => {
    const s = new ExtentSet([
      { start: 0, count: 4 },
      { start: 8, count: 4 },
    ]);
    expect(s.size).toBe(2);
    s.insert(4, 4);
    expect(s.toArray()).toEqual([{ start: 0, count: 12 }]);
    expect(s.freeFrames).toBe(12);
    expect(s.largest()).toBe(12);
  });

  it('accepts extents in any order and merges touching ones', () => {
    const s = new ExtentSet([
      { start: 20, count: 5 },
      { start: 0, count: 5 },
      { start: 5, count: 5 },
    ]);
    expect(s.toArray()).toEqual([
      { start: 0, count: 10 },
      { start: 20, count: 5 },
    ]);
  });

  it('removes sub-runs from the front, middle, back and whole', () => {
    const s = new ExtentSet([{ start: 0, count: 10 }]);
    s.remove(4, 2);
    expect(s.toArray()).toEqual([
      { start: 0, count: 4 },
      { start: 6, count: 4 },
    ]);
    s.remove(0, 1);
    s.remove(9, 1);
    s.remove(6, 3);
    expect(s.toArray()).toEqual([{ start: 1, count: 3 }]);
    expect(s.largest()).toBe(3);
    expect(s.freeFrames).toBe(3);
  });

  it('throws on a double free and on removing frames that are not free', () => {
    const s = new ExtentSet([{ start: 10, count: 10 }]);
    expect(() => s.insert(19, 2)).toThrow(DoubleFreeError);
    expect(() => s.insert(5, 6)).toThrow(/^ExtentSet\.insert: frames 5\.\.10: overlaps free frames 10\.\.19 \(double free\)$/);
    expect(() => s.remove(15, 6)).toThrow(/^ExtentSet\.remove: frames 15\.\.20 are not all free$/);
    expect(() => s.remove(0, 1)).toThrow(RangeError);
    expect(() => s.insert(1.5, 1)).toThrow(/start frame 1\.5/);
    expect(s.toArray()).toEqual([{ start: 10, count: 10 }]);
  });

  it('lists extents overlapping an inclusive window', () => {
    const s = new ExtentSet([
      { start: 0, count: 3 },
      { start: 5, count: 3 },
      { start: 10, count: 3 },
    ]);
    expect([...s.overlapping(2, 10)].map((e) => e.start)).toEqual([0, 5, 10]);
    expect([...s.overlapping(3, 4)]).toEqual([]);
    expect([...s.overlapping(7, 7)]).toEqual([{ start: 5, count: 3 }]);
    expect(s.firstEndingAtOrAfter(3)).toBe(1);
    expect(s.indexOf(3)).toBe(-1);
    expect(s.indexOf(12)).toBe(2);
    expect(s.covers(5, 3)).toBe(true);
    expect(s.covers(5, 4)).toBe(false);
    expect(s.overlaps(3, 2)).toBe(false);
    expect(s.overlaps(3, 3)).toBe(true);
  });

  it('matches a flag-per-frame model under random inserts and removals', () => {
    const SPACE = 96;
    const step = fc.record({ insert: fc.boolean(), start: fc.integer({ min: 0, max: SPACE - 1 }), count: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const set = new ExtentSet();
        const flags = new Array<boolean>(SPACE + 12).fill(false);
        for (const { insert, start, count } of steps) {
          const range = flags.slice(start, start + count);
          if (insert) {
            if (range.some(Boolean)) expect(() => set.insert(start, count)).toThrow(DoubleFreeError);
            else {
              set.insert(start, count);
              flags.fill(true, start, start + count);
            }
          } else if (range.every(Boolean)) {
            set.remove(start, count);
            flags.fill(false, start, start + count);
          } else {
            expect(() => set.remove(start, count)).toThrow(RangeError);
          }
          const expected = extentsFromFlags(flags);
          expect(set.toArray()).toEqual(expected);
          expect(set.freeFrames).toBe(flags.filter(Boolean).length);
          expect(set.largest()).toBe(Math.max(0, ...expected.map((e) => e.count)));
          expect(set.covers(start, count)).toBe(flags.slice(start, start + count).every(Boolean));
          expect(set.overlaps(start, count)).toBe(flags.slice(start, start + count).some(Boolean));
        }
      }),
      { numRuns: 200 },
    );
  });
});
