import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyCounterexample } from '../../properties/runner/stringify';

describe('counterexamples as text', () => {
  it('prints every bigint as 0x hex, never 123n, however deep', () => {
    expect(stringifyCounterexample([{ size: 4096n, addr: 0xffff_ffff_ffff_f000n, list: [1n, -2n], name: 'x 5n' }, 7, null, undefined])).toBe(
      '[{"size":0x1000,"addr":0xfffffffffffff000,"list":[0x1,-0x2],"name":"x 5n"},7,null,undefined]',
    );
  });

  it('writes a "__proto__" key computed, as fast-check does', () => {
    const v = JSON.parse('{"__proto__":"","a":1}') as object;
    expect(stringifyCounterexample(v)).toBe(fc.stringify(v));
    expect(stringifyCounterexample(v)).toBe('{["__proto__"]:"","a":1}');
  });

  it('agrees with fc.stringify on everything without bigints', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: false, withMap: true, withSet: true, withDate: true, withNullPrototype: true }), (v) => {
        expect(stringifyCounterexample(v)).toBe(fc.stringify(v));
      }),
    );
  });

  it('contains no bigint literal for any value made of bigints', () => {
    fc.assert(
      // Keys are letters only: a key such as "0n" is text, not a bigint literal.
      fc.property(fc.anything({ withBigInt: true, withMap: false, withSet: false, values: [fc.bigInt()], key: fc.stringMatching(/^[a-z]{0,4}$/) }), (v) => {
        expect(stringifyCounterexample(v)).not.toMatch(/\dn\b/);
      }),
    );
  });
});
