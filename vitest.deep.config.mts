import { defineConfig } from 'vitest/config';
import base, { DEEP_ONLY } from './vitest.config.mts';

/**
 * `npm run test:deep`: what `npm test` leaves out. Files with a sweep give
 * the deep run the part npm test does not run (test/setup/depth.ts).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [...DEEP_ONLY, 'test/soundness/*-members.test.ts', 'test/soundness/c-member.test.ts', 'test/core/seeds.test.ts', 'test/cli/mutants.test.ts', 'test/cli/explain-examples.test.ts', 'test/external/linux-genalloc.test.ts', 'test/external/linux-dmapool-exec.test.ts', 'test/external/linux-dmapool-engine.test.ts'],
    exclude: ['**/node_modules/**'],
    env: { DMACONFORM_TEST_DEEP: '1' },
  },
});
