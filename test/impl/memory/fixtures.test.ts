import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_MAPS, loadFixtureMap } from '../../../fixtures/maps';
import { FrameAllocator } from '../../../impl/frames/frame-allocator';
import { memoryMapToJson } from '../../../impl/memory/map-file';
import { normalizeMemoryMap } from '../../../impl/memory/memory-map';

const GIB = 1n << 30n;
const ramBytes = (name: string) =>
  loadFixtureMap(name)
    .ranges.filter((r) => r.type === 'ram')
    .reduce((sum, r) => sum + r.length, 0n);

describe('fixture memory maps', () => {
  it('lists every shipped map', () => {
    expect(FIXTURE_MAPS).toEqual(['high-only', 'huge-1t', 'large-64g', 'pc-1g', 'pc-4g-hole', 'small-16m', 'tiny-holes']);
  });

  it.each(FIXTURE_MAPS)('%s is valid, named after its file, and written in canonical form', (name) => {
    const map = loadFixtureMap(name);
    expect(map.name).toBe(name);
    const usable = normalizeMemoryMap(map, 4096);
    expect(usable.totalFrames).toBeGreaterThan(0);
    const text = readFileSync(join(__dirname, '../../../fixtures/maps', `${name}.json`), 'utf8');
    expect(memoryMapToJson(map)).toBe(text);
  });

  it('have the sizes their names promise', () => {
    expect(ramBytes('pc-1g')).toBe(GIB - 0x61000n);
    expect(ramBytes('pc-4g-hole')).toBe(6n * GIB - 0x61000n);
    expect(ramBytes('large-64g')).toBe(64n * GIB - 0x61000n);
    expect(ramBytes('huge-1t')).toBe(1024n * GIB - 0x61000n);
    expect(ramBytes('high-only')).toBe(GIB);
  });

  it('small-16m keeps page 0 out of reach', () => {
    const usable = normalizeMemoryMap(loadFixtureMap('small-16m'), 4096);
    expect(usable.extents).toEqual([{ start: 1, count: 0xfff }]);
    expect(usable.isRam(0n, 1n)).toBe(false);
  });

  it('high-only leaves nothing below 4 GiB', () => {
    const usable = normalizeMemoryMap(loadFixtureMap('high-only'), 4096);
    const frames = new FrameAllocator(usable.extents);
    expect(frames.allocRun({ frames: 1, maxFrame: 0xfffff })).toBeNull();
    expect(frames.allocRun({ frames: 1 })).toBe(0x100000);
  });

  it('accepts names with or without .json and rejects unknown ones', () => {
    expect(loadFixtureMap('tiny-holes.json')).toEqual(loadFixtureMap('tiny-holes'));
    expect(() => loadFixtureMap('nope')).toThrow(/^loadFixtureMap: no memory map named "nope"/);
  });
});
