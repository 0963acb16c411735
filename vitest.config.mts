import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SlowFirst } from './test/setup/slow-first';

/**
 * `npm test`: every behaviour, once. The repetitions (more seeds, the mutant
 * matrix on seeds 2-5, every mutant through the command line, the zoo on all
 * its seeds) are `npm run test:deep` (vitest.deep.config.mts).
 */
export const DEEP_ONLY = ['test/properties/kills/seed-[2-5].test.ts', 'test/properties/false-alarms-deep.test.ts'];

export default defineConfig({
  // Examples import from 'dmaconform' as a user's project does; under test that is this package's own source.
  resolve: { alias: [{ find: /^dmaconform$/, replacement: fileURLToPath(new URL('./entries/index.ts', import.meta.url)) }] },
  test: {
    // Three forks on two cores: with one per core, a fifth of the CPU sat idle while tests waited on wake-up
    // deadlines and on the processes they start (1.6 of 2 cores busy); the properties' deadlines have room for it.
    maxWorkers: 3,
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...DEEP_ONLY],
    // Tests that start bin/dmaconform.js run the compiled CLI: build it first (beside the type check, see the file).
    globalSetup: ['test/setup/build.ts'],
    // A fresh clone has no timings yet: the slowest files start first all the same.
    sequence: { sequencer: SlowFirst },
    // Two cores: forks keep the property runs from starving each other of memory.
    pool: 'forks',
    // A fork keeps its modules from one test file to the next: loading and warming them up afresh for each of a
    // hundred files took a fifth of the run's CPU. Tests keep no state in modules that another file could see.
    isolate: false,
    testTimeout: 120_000,
    // A beforeAll that runs the command starts worker threads too: give it a test's time, not vitest's 10 s.
    hookTimeout: 120_000,
  },
});
