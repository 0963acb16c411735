import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { memoryMapToJson, parseMemoryMapJson, readMemoryMapFile } from '../../../impl/memory/map-file';
import type { MemoryMap } from '../../../spec/interface/memory-map';

describe('parseMemoryMapJson', () => {
  it('reads hex and decimal strings and safe numbers', () => {
    const map = parseMemoryMapJson(
      '{"name":"m","ranges":[{"base":"0x0","length":"4096","type":"ram"},{"base":4096,"length":"0xFFFF","type":"reserved"}]}',
    );
    expect(map).toEqual({
      name: 'm',
      ranges: [
        { base: 0n, length: 4096n, type: 'ram' },
        { base: 4096n, length: 0xffffn, type: 'reserved' },
      ],
    });
  });

  it('keeps 64-bit values exact', () => {
    const map = parseMemoryMapJson('{"ranges":[{"base":"0xfffffffffffff000","length":"0x1000","type":"ram"}]}');
    expect(map.ranges[0].base).toBe(0xfffffffffffff000n);
    expect(map.name).toBeUndefined();
  });

  it.each([
    ['{', /^memory map src: invalid JSON: /, SyntaxError],
    ['[]', /^memory map src: expected a JSON object/, TypeError],
    ['{"ranges":{}}', /^memory map src: "ranges" must be an array$/, TypeError],
    ['{"ranges":[],"extra":1}', /unexpected key "extra"/, TypeError],
    ['{"name":5,"ranges":[]}', /"name" must be a string/, TypeError],
    ['{"ranges":[1]}', /^memory map src: ranges\[0\] must be an object/, TypeError],
    ['{"ranges":[{"base":"0","length":"1","type":"rom"}]}', /ranges\[0\]\.type is "rom"/, TypeError],
    ['{"ranges":[{"base":"0","length":"1","type":"ram","size":1}]}', /ranges\[0\] has unexpected key "size"/, TypeError],
    ['{"ranges":[{"length":"1","type":"ram"}]}', /^memory map src: ranges\[0\]\.base is missing$/, TypeError],
    ['{"ranges":[{"base":"zz","length":"1","type":"ram"}]}', /^memory map src: ranges\[0\]\.base: "zz" is not an unsigned integer/, TypeError],
    ['{"ranges":[{"base":18446744073709551616,"length":"1","type":"ram"}]}', /ranges\[0\]\.base: .* not an exact integer/, RangeError],
    ['{"ranges":[{"base":"0x10000000000000000","length":"1","type":"ram"}]}', /ranges\[0\]\.base: 0x10000000000000000 is outside/, RangeError],
  ])('rejects %s', (text, message, kind) => {
    expect(() => parseMemoryMapJson(text, 'src')).toThrow(kind);
    expect(() => parseMemoryMapJson(text, 'src')).toThrow(message);
    try {
      parseMemoryMapJson(text, 'src');
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it("names the map by its own name when no source is given", () => {
    expect(() => parseMemoryMapJson('{"name":"box","ranges":[1]}')).toThrow(/^memory map box: /);
    expect(() => parseMemoryMapJson('{"ranges":[1]}')).toThrow(/^memory map <text>: /);
  });
});

describe('memoryMapToJson', () => {
  it('round-trips any map', () => {
    const range = fc.record({
      base: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      length: fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
      type: fc.constantFrom('ram' as const, 'reserved' as const),
    });
    const map = fc.record({ name: fc.string(), ranges: fc.array(range, { maxLength: 6 }) }, { requiredKeys: ['ranges'] });
    fc.assert(
      fc.property(map, (m: MemoryMap) => {
        expect(parseMemoryMapJson(memoryMapToJson(m))).toEqual(m);
      }),
      { numRuns: 100 },
    );
  });

  it('writes hex strings, one range per line', () => {
    const text = memoryMapToJson({ name: 'x', ranges: [{ base: 0x1000n, length: 0x9f000n, type: 'ram' }] });
    expect(text).toBe('{\n  "name": "x",\n  "ranges": [\n    { "base": "0x1000", "length": "0x9f000", "type": "ram" }\n  ]\n}\n');
  });
});

describe('readMemoryMapFile', () => {
  it('names the path in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmaconform-map-'));
    try {
      const path = join(dir, 'bad.json');
      writeFileSync(path, '{"ranges":[{"base":"0","length":"-1","type":"ram"}]}');
      expect(() => readMemoryMapFile(path)).toThrow(`memory map ${path}: ranges[0].length:`);
      expect(() => readMemoryMapFile(join(dir, 'missing.json'))).toThrow(/^memory map .*missing\.json: cannot read: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
