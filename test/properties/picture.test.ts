import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../fixtures/mutants';
import { allProperties } from '../../properties';
import { ClauseFailure } from '../../properties/harness/failures';
import { failurePicture } from '../../properties/runner/picture';
import { runProperty } from '../../properties/runner/run-property';

const property = (name: string) => allProperties().find((p) => p.name === name)!;
const mutant = (name: string) => MUTANTS.find((m) => m.info.name === name)!.create();

describe('failure pictures', () => {
  it('a boundary breach carries the map, the offending run and the constraints, all as exact 0x strings', async () => {
    const r = await runProperty(property('physcontig.placement'), mutant('crosses-boundary'), { seed: 1, numRuns: 150 });
    expect(r.status).toBe('FAIL');
    const pic = r.failure!.picture!;
    expect(pic.ranges.length).toBeGreaterThan(0);
    for (const range of pic.ranges) expect(BigInt(range.last) >= BigInt(range.base)).toBe(true);
    const run = pic.run!;
    const seg = run.segments[0]!;
    const boundary = BigInt(pic.constraints!.boundary);
    const start = BigInt(seg.phys);
    // The drawing is only honest if the run it highlights does span a multiple of the boundary.
    expect(start / boundary).not.toBe((start + BigInt(seg.length) - 1n) / boundary);
    expect(JSON.parse(JSON.stringify(pic))).toEqual(pic);
    expect(r.failure!.message).toContain(seg.phys);
  });

  it('an overlap carries the live allocation it collides with', async () => {
    const r = await runProperty(property('physcontig.interleaving'), mutant('overlap-after-coalesce'), { seed: 7, numRuns: 300 });
    expect(r.status).toBe('FAIL');
    expect(r.failure!.clause).toBe('dma.no-overlap');
    const pic = r.failure!.picture!;
    expect(pic.run).toBeDefined();
    const runStart = BigInt(pic.run!.segments[0]!.phys);
    const overlapping = pic.live.some((l) => l.segments.some((s) => BigInt(s.phys) <= runStart + BigInt(pic.run!.size) - 1n && runStart <= BigInt(s.phys) + BigInt(s.length) - 1n));
    expect(overlapping || pic.live.some((l) => l.vaddr === pic.run!.vaddr)).toBe(true);
  });

  it('is absent when neither the input nor the failure locates anything in memory', () => {
    expect(failurePicture({ steps: [] }, new Error('boom'))).toBeUndefined();
    expect(failurePicture(undefined, new ClauseFailure('dma.no-overlap', 'x'))).toBeUndefined();
    const pic = failurePicture({ gen: { pageSize: 4096, map: { ranges: [{ base: (1n << 64n) - 0x1000n, length: 0x1000n, type: 'ram' }] } } }, new Error('boom'));
    expect(pic).toEqual({ pageSize: 4096, ranges: [{ base: '0xfffffffffffff000', last: '0xffffffffffffffff', type: 'ram' }], live: [] });
  });
});
