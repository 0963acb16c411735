import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples import from 'dmaconform' as a user's project does; under test that is this package's own source.
  resolve: { alias: [{ find: /^dmaconform$/, replacement: fileURLToPath(new URL('./entries/index.ts', import.meta.url)) }] },
  test: {
    // One fork per core (vitest would leave one of two idle): the properties' deadlines have room for it.
    maxWorkers: 2,
    include: ['test/**/*.test.ts'],
    // Tests that start bin/dmaconform.js run the compiled CLI: build it first.
    globalSetup: ['test/setup/build.ts'],
    // Two cores: forks keep the property runs from starving each other of memory.
    pool: 'forks',
    testTimeout: 120_000,
  },
});
