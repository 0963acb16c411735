import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that take longest, longest first (measured on two cores).
 * Only order hangs on this list: a file missing from it, or one that has
 * grown slow since, still runs, only perhaps late.
 */
const SLOW = [
  'test/package/pack-install.test.ts',
  'test/properties/false-alarms.test.ts',
  'test/exec/c-core.test.ts',
  'test/external/linux-dmapool-engine.test.ts',
  'test/external/linux-genalloc.test.ts',
  'test/properties/kills/seed-1.test.ts',
  'test/soundness/sleep-members.test.ts',
  'test/cli/run.test.ts',
  'test/cli/explain-examples.test.ts',
  'test/cli/module-loading.test.ts',
  'test/external/linux-dmapool-exec.test.ts',
  'test/cli/core.test.ts',
  'test/cli/mutants.test.ts',
  'test/cli/ts-broken.test.ts',
  'test/cli/reports.test.ts',
  'test/cli/shard.test.ts',
  'test/soundness/service-members.test.ts',
  'test/soundness/placement-members.test.ts',
  'test/soundness/layout-members.test.ts',
];

/**
 * vitest starts the files it has timed before longest first; on a fresh
 * clone (CI) it has timed none and goes by file size, which left the slowest
 * files to start last and finish a minute after the rest. Then this list
 * says which go first.
 */
export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cache = this.ctx.cache;
    const key = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId);
    if (sorted.every((f) => cache.getFileTestResults(`${f.project.name}:${key(f)}`) !== undefined)) return sorted;
    const rank = (f: TestSpecification) => {
      const i = SLOW.indexOf(key(f));
      return i < 0 ? SLOW.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
