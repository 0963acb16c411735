import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: forks keep the property runs from starving each other of memory.
    pool: 'forks',
    testTimeout: 120_000,
  },
});
