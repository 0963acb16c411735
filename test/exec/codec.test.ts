import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { U64_MAX } from '../../spec/address/u64';
import { decodeBytes, decodeHandle, decodeSegments, decodeU64, encodeBytes, encodeSetup, encodeU64 } from '../../cli/exec/codec';
import { decodeHello } from '../../cli/exec/hello';
import { LineReader } from '../../cli/exec/line-reader';
import { parseReply } from '../../cli/exec/reply';
import { encodeRequest } from '../../cli/exec/wire';

describe('exec wire codec', () => {
  it('carries every 64-bit value exactly as a hex string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: U64_MAX }), (v) => {
        const wire = encodeU64(v, 'addr');
        expect(wire).toMatch(/^0x[0-9a-f]+$/);
        expect(decodeU64(JSON.parse(JSON.stringify(wire)), 'addr')).toBe(v);
      }),
    );
    expect(decodeU64('0xFFFFFFFFFFFFFFFF', 'addr')).toBe(U64_MAX);
    expect(decodeU64('0x0000000000000000001', 'addr')).toBe(1n);
  });

  it('refuses numbers, out-of-range values and malformed hex', () => {
    expect(() => decodeU64(4096, 'addr')).toThrow(/addr 4096 is not a 0x-hex string/);
    expect(() => decodeU64('0x10000000000000000', 'addr')).toThrow(/above 2\^64-1/);
    expect(() => decodeU64('4096', 'addr')).toThrow(/not a 0x-hex string/);
    expect(() => decodeU64('0x', 'addr')).toThrow(/not a 0x-hex string/);
    expect(() => decodeU64('-0x1', 'addr')).toThrow(/not a 0x-hex string/);
    expect(() => encodeU64(-1n, 'size')).toThrow(/SubprocessImplementation: size -1n is not a bigint in 0..2\^64-1/);
    expect(() => encodeU64(U64_MAX + 1n, 'size')).toThrow(RangeError);
  });

  it('accepts handles that are positive or DMA_FAIL only', () => {
    expect(decodeHandle(7)).toBe(7);
    expect(decodeHandle(-1)).toBe(-1);
    for (const bad of [0, -2, 1.5, '1', null]) expect(() => decodeHandle(bad)).toThrow(/neither a positive integer nor -1/);
  });

  it('checks segments and bytes strictly', () => {
    expect(decodeSegments([{ phys: '0x1000', length: '0x2000' }])).toEqual([{ phys: 0x1000n, length: 0x2000n }]);
    expect(() => decodeSegments({})).toThrow(/not an array/);
    expect(() => decodeSegments([null])).toThrow(/segment 0 null is not an object/);
    expect(Array.from(decodeBytes('00ff7a', 3))).toEqual([0, 255, 122]);
    expect(() => decodeBytes('00ff', 3)).toThrow(/2 bytes came back, 3 were asked for/);
    expect(() => decodeBytes('0g', 1)).toThrow(/not pairs of hex digits/);
    expect(encodeBytes(Uint8Array.of(1, 171))).toBe('01ab');
  });

  it('encodes setup with hex ranges and leaves out an absent seed', () => {
    const args = encodeSetup({ memoryMap: { ranges: [{ base: 1n << 60n, length: 0x1000n, type: 'ram' }] }, pageSize: 4096, ddiVersion: '6mp' });
    expect(args).toEqual({ ranges: [{ base: '0x1000000000000000', length: '0x1000', type: 'ram' }], pageSize: 4096, ddiVersion: '6mp' });
    expect(encodeRequest(3, 'setup', args)).toBe(`${JSON.stringify({ id: 3, op: 'setup', ...args })}\n`);
  });

  it('parses the three reply forms and names what is wrong with anything else', () => {
    expect(parseReply('{"id":1,"ok":true,"result":null}')).toEqual({ id: 1, kind: 'result', result: null });
    expect(parseReply('{"id":2,"ok":false,"violation":{"clause":"c.x","message":"m"}}')).toEqual({ id: 2, kind: 'violation', clause: 'c.x', message: 'm' });
    expect(parseReply('{"id":3,"ok":false,"error":"boom"}')).toEqual({ id: 3, kind: 'error', message: 'boom' });
    expect(() => parseReply('hello')).toThrow(/not JSON/);
    expect(() => parseReply('[1]')).toThrow(/not a JSON object/);
    expect(() => parseReply('{"id":"1","ok":true,"result":1}')).toThrow(/no integer id/);
    expect(() => parseReply('{"id":1,"ok":true}')).toThrow(/no result/);
    expect(() => parseReply('{"id":1,"ok":false,"violation":{"message":"m"}}')).toThrow(/no clause id/);
    expect(() => parseReply('{"id":1,"ok":false}')).toThrow(/neither a violation nor an error/);
  });

  it('checks the hello result', () => {
    expect(decodeHello({ name: 'x', protocol: 1, families: ['aix', 'aix'] })).toEqual({ name: 'x', protocol: 1, families: ['aix'], heapOf: false, placementCore: false, reset: false, ping: false });
    expect(decodeHello({ name: 'x', protocol: 1, families: [], ping: true }).ping).toBe(true);
    expect(() => decodeHello({ name: 'x', protocol: 1, families: [], ping: 'yes' })).toThrow(/ping "yes" is not a boolean/);
    expect(decodeHello({ name: 'x', protocol: 1, families: [], placementCore: true }).placementCore).toBe(true);
    expect(() => decodeHello({ name: 'x', protocol: 1, families: [], placementCore: 1 })).toThrow(/placementCore 1 is not a boolean/);
    expect(() => decodeHello({ name: 'x', protocol: 2, families: [] })).toThrow(/protocol 2, but the harness speaks version 1/);
    expect(() => decodeHello({ name: '', protocol: 1, families: [] })).toThrow(/name/);
  });

  it('cuts lines across chunks, strips CR, and stops an endless line', () => {
    const lines: string[] = [];
    const overflows: number[] = [];
    const reader = new LineReader(16, (l) => lines.push(l), (n) => overflows.push(n));
    reader.push('{"a"');
    reader.push(':1}\r\n{"b":2}\n{"c"');
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(reader.rest).toBe('{"c"');
    reader.push('x'.repeat(20));
    expect(overflows).toEqual([24]);
  });
});
