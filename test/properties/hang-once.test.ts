import { describe, expect, it } from 'vitest';
import { ReferenceKernel } from '../../impl/reference';
import { allProperties } from '../../properties';
import { runProperty } from '../../properties/runner/run-property';
import type { PhysSegment } from '../../spec/constraints/types';
import type { DmaImplementation } from '../../spec/interface/implementation';

/** The reference kernel, except that translate never answers; counts how often it is asked. */
function hanging(): { impl: DmaImplementation; hangs: () => number } {
  let count = 0;
  const impl = Object.create(new ReferenceKernel(), {
    name: { value: 'hangs' },
    translate: {
      value: () => {
        count++;
        return new Promise<PhysSegment[]>(() => undefined);
      },
    },
  }) as DmaImplementation;
  return { impl, hangs: () => count };
}

describe('a hanging allocator', () => {
  it('costs one timeout per property: the hanging input is neither shrunk nor run again for its trace', async () => {
    const interleaving = allProperties().find((p) => p.name === 'aix.interleaving')!;
    const { impl, hangs } = hanging();
    const r = await runProperty(interleaving, impl, { seed: 1, numRuns: 5, timing: { timeoutMs: 50, graceMs: 20, wakeMs: 100 } });
    expect(r.status).toBe('TIMEOUT');
    expect(r.failure!.message).toMatch(/translate did not answer within 50 ms/);
    expect(hangs()).toBe(1);
  });
});
