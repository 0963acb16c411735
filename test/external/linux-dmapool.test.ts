import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildDmapoolChecks } from '../../fixtures/external/linux/build';
import { built, linuxTestsRun } from './linux-helpers';

describe.runIf(linuxTestsRun('building mm/dmapool.c'))('real mm/dmapool.c built in user space', () => {
  it('passes the checks of the kernel\'s own mm/dmapool_test.c and returns every coherent page', () => {
    const program = built(buildDmapoolChecks()).path;
    const out = execFileSync(program, { timeout: 60_000 }).toString();
    // The six size/align/boundary sets of the kernel test, each run to the end.
    expect(out.match(/^dmapool test: size:\s*\d+\s+align:\s*\d+/gm)?.map((l) => l.replace(/\s+/g, ' '))).toEqual([
      'dmapool test: size:16 align:16',
      'dmapool test: size:64 align:64',
      'dmapool test: size:256 align:256',
      'dmapool test: size:1024 align:1024',
      'dmapool test: size:4096 align:4096',
      'dmapool test: size:68 align:32',
    ]);
    expect(out).toMatch(/^dmapool checks: PASS$/m);
  });
});
