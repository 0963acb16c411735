import { describe, expect, it } from 'vitest';
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { mustFailures, runCore } from './helpers';
import { sweep } from '../setup/depth';

/**
 * The walkthrough core at the default budget on twenty seeds: a correct core
 * must never be failed by the shell or the properties (a false alarm is the
 * worst defect the suite can have).
 */
// One in npm test, the other nineteen in test:deep.
const SEEDS = sweep(Array.from({ length: 20 }, (_, i) => 0x5eed0 + i), 1);

describe('core mode: a correct core passes at the default budget', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const report = await runCore(() => new FirstFitCore(), seed, 1);
    expect(mustFailures(report)).toEqual([]);
    expect(report.summary.FAIL + report.summary.BROKEN + report.summary.TIMEOUT).toBe(0);
  });
});
