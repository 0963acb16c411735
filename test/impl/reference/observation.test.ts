import { describe, expect, it } from 'vitest';
import { KM_NOSLEEP } from '../../../spec/constants/svr5';
import type { MemoryMap } from '../../../spec/interface/memory-map';
import { boot, PAGE, pattern, prepped, snapshot, type ProbeKernel } from './harness';

/** Two 2-page RAM islands: a 4-page scattered allocation jumps physically after its second page. */
const ISLANDS: MemoryMap = {
  ranges: [
    { base: 0n, length: 2n * PAGE, type: 'ram' },
    { base: 0x10000n, length: 2n * PAGE, type: 'ram' },
  ],
};

function physreqKernel(map: MemoryMap | string = 'pc-1g'): { ref: ProbeKernel; alloc: (size: bigint) => bigint } {
  const ref = boot({ ddi: '7', map });
  const preq = prepped(ref);
  return { ref, alloc: (size) => ref.kmem_alloc_physreq('user', size, preq, KM_NOSLEEP) as bigint };
}

describe('reference translate', () => {
  it('gives the segments of a sub-range with the right offsets, across a physical jump', () => {
    const { ref, alloc } = physreqKernel(ISLANDS);
    const v = alloc(4n * PAGE);
    expect(ref.translate(v, 4n * PAGE)).toEqual([
      { phys: 0n, length: 2n * PAGE },
      { phys: 0x10000n, length: 2n * PAGE },
    ]);
    expect(ref.translate(v + PAGE + 100n, 2n * PAGE)).toEqual([
      { phys: PAGE + 100n, length: PAGE - 100n },
      { phys: 0x10000n, length: PAGE + 100n },
    ]);
    expect(ref.translate(v + 3n * PAGE + 4095n, 1n)).toEqual([{ phys: 0x10000n + 2n * PAGE - 1n, length: 1n }]);
  });

  it('spans neighbouring mappings, merging what is physically adjacent', () => {
    const { ref, alloc } = physreqKernel();
    const a = alloc(2n * PAGE);
    const b = alloc(PAGE);
    expect(b).toBe(a + 2n * PAGE);
    expect(ref.translate(a + PAGE, 2n * PAGE)).toEqual([{ phys: PAGE, length: 2n * PAGE }]);
  });

  it('throws RangeError for any unmapped byte, and for memory already freed', () => {
    const { ref, alloc } = physreqKernel();
    const a = alloc(2n * PAGE);
    expect(() => ref.translate(a - 1n, 2n)).toThrow(/^translate: .*not mapped/);
    expect(() => ref.translate(a + PAGE, 2n * PAGE)).toThrow(RangeError);
    expect(() => ref.translate(0x1000n, 1n)).toThrow(RangeError);
    ref.kmem_free('user', a, 2n * PAGE);
    expect(() => ref.translate(a, 1n)).toThrow(RangeError);
  });

  it('finds the right mapping one byte either side of an edge, above 2^63 where doubles are 2048 apart', () => {
    const { ref, alloc } = physreqKernel();
    const a = alloc(PAGE);
    const b = alloc(PAGE);
    const c = alloc(PAGE);
    expect(Number(b - 1n)).toBe(Number(b));
    expect(ref.translate(b - 1n, 1n)).toEqual([{ phys: PAGE - 1n, length: 1n }]);
    expect(ref.translate(b + PAGE - 1n, 2n)).toEqual([{ phys: 2n * PAGE - 1n, length: 2n }]);
    ref.kmem_free('user', b, PAGE);
    expect(() => ref.translate(b - 1n, 2n)).toThrow(/not mapped/);
    expect(() => ref.translate(c - 1n, 1n)).toThrow(/not mapped/);
    expect(ref.translate(c, 1n)).toEqual([{ phys: 2n * PAGE, length: 1n }]);
    expect(ref.translate(a + PAGE - 1n, 1n)).toEqual([{ phys: PAGE - 1n, length: 1n }]);
  });

  it('a zero-length range covers no byte, so nothing can be unmapped', () => {
    const { ref } = physreqKernel();
    expect(ref.translate(0x1000n, 0n)).toEqual([]);
    expect(ref.read(0x1000n, 0)).toEqual(new Uint8Array(0));
  });
});

describe('reference read and write', () => {
  it('round-trip bytes across page, physical and mapping boundaries', () => {
    const { ref, alloc } = physreqKernel(ISLANDS);
    const a = alloc(3n * PAGE);
    const b = alloc(PAGE);
    expect(b).toBe(a + 3n * PAGE);
    const data = pattern(3 * 4096, 9);
    ref.write(a + 2000n, data);
    expect(ref.read(a + 2000n, data.length)).toEqual(data);
    // The last 2000 bytes landed in b, and read through b's own address.
    expect(ref.read(b, 2000)).toEqual(data.subarray(3 * 4096 - 2000));
    expect(ref.translate(a + 2n * PAGE - 1n, 2n)).toEqual([
      { phys: PAGE + 4095n, length: 1n },
      { phys: 0x10000n, length: 1n },
    ]);
  });

  it('never-written memory reads as zeros', () => {
    const { ref, alloc } = physreqKernel();
    const v = alloc(3n * PAGE);
    expect(ref.read(v + 10n, 3 * 4096 - 10).every((x) => x === 0)).toBe(true);
  });

  it('throws RangeError for unmapped bytes, naming the operation', () => {
    const { ref, alloc } = physreqKernel();
    const v = alloc(PAGE);
    expect(() => ref.read(v + PAGE, 1)).toThrow(/^read: /);
    expect(() => ref.write(v - 1n, new Uint8Array(1))).toThrow(/^write: /);
  });

  it('a write that runs into unmapped memory changes nothing', () => {
    const { ref, alloc } = physreqKernel();
    const v = alloc(PAGE);
    ref.write(v, pattern(4096, 1));
    const before = snapshot(ref);
    expect(() => ref.write(v + 100n, pattern(2 * 4096, 2))).toThrow(RangeError);
    expect(snapshot(ref)).toEqual(before);
    expect(ref.read(v, 4096)).toEqual(pattern(4096, 1));
  });

  it('contents follow the physical frame, not the virtual address', () => {
    const { ref, alloc } = physreqKernel();
    const v = alloc(PAGE);
    ref.write(v, pattern(64, 3));
    ref.kmem_free('user', v, PAGE);
    const w = alloc(PAGE);
    expect(ref.translate(w, 1n)[0]!.phys).toBe(0n);
    expect(ref.read(w, 64)).toEqual(pattern(64, 3));
  });
});
