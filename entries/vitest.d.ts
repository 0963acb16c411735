// Types of `dmaconform/vitest` (entries/vitest.mjs).
export { describeConformance, type ConformanceTestOptions } from '../dist/properties/library/vitest';
export { describeCoreConformance } from '../dist/entries/core-vitest';
