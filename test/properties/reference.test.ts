import { describe, expect, it } from 'vitest';
import { createReference } from '../../impl/reference';
import { describeFailure } from '../../properties/runner/describe-result';
import { runSuite } from '../../properties/runner/run-suite';

// Fixed seeds keep CI reproducible; one fresh seed per run widens the net, and is printed on failure.
const fresh = (Date.now() ^ (Math.random() * 0x100000000)) | 0;
const SEEDS = [1, 20261120, fresh];

describe('the reference kernel conforms', () => {
  for (const seed of SEEDS) {
    it(`passes every property, MUST and SHOULD, at seed ${seed}`, async () => {
      const report = await runSuite(() => createReference(), { seed });
      const failures = report.results.filter((r) => r.status !== 'PASS');
      expect(failures.map(describeFailure), `seed ${seed}`).toEqual([]);
      expect(report.conforming).toBe(true);
      expect(report.summary.PASS).toBe(report.results.length);
      expect(report.results.length).toBeGreaterThan(30);
    });
  }
});
