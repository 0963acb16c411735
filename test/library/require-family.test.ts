import { describe, expect, it } from 'vitest';
import { createImplementation as example } from '../../fixtures/examples/my-allocator';
import { declareConformance } from '../../properties/library/conformance';
import { recorder, type Declared } from './recorder';

async function outcome(t: Declared): Promise<string> {
  let skipped = false;
  try {
    await t.body({ skip: () => void (skipped = true) });
  } catch (e) {
    return `failed: ${(e as Error).message}`;
  }
  return skipped ? 'skipped' : 'passed';
}

const test = (declared: { tests: Declared[] }, prefix: string) => declared.tests.find((t) => t.name.startsWith(`${prefix} `))!;

describe('requireFamilies in the library (and so in dmaconform/vitest)', () => {
  it('a property of a required family the implementation does not serve fails instead of being skipped', async () => {
    const declared = recorder();
    declareConformance(declared.api, 'example', () => example(), { seed: 1, numRuns: 2, requireFamilies: ['svr5-physreq'] });
    expect(await outcome(test(declared, 'physreq.placement'))).toBe('failed: physreq.placement: the required svr5-physreq family is not served by my-allocator (its families: aix, svr5-physcontig)');
    expect(await outcome(test(declared, 'phys.placement'))).toBe('skipped');
    expect(await outcome(test(declared, 'aix.placement'))).toBe('passed');
  });

  it('without it, such a property is skipped', async () => {
    const declared = recorder();
    declareConformance(declared.api, 'example', () => example(), { seed: 1, numRuns: 2 });
    expect(await outcome(test(declared, 'physreq.placement'))).toBe('skipped');
  });

  it('an unknown family, or one no selected property checks, is refused when the tests are declared', () => {
    expect(() => declareConformance(recorder().api, 'x', () => example(), { requireFamilies: ['bsd' as never] })).toThrow(/'bsd' is not a family/);
    expect(() => declareConformance(recorder().api, 'x', () => example(), { only: ['d_alloc_dmamem.*'], requireFamilies: ['svr5-phys'] })).toThrow(/no selected property checks the svr5-phys family/);
  });
});
