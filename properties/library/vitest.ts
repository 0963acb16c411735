import { describe, it } from 'vitest';
import { declareConformance, type ConformanceTestOptions } from './conformance';
import type { ImplementationSource } from '../runner/run-suite';

export type { ConformanceTestOptions } from './conformance';

/**
 * Declares one vitest test per property for the given implementation (see
 * declareConformance). The published package's `dmaconform/vitest` loads
 * entries/vitest.mjs instead, which does the same from an ES module, as
 * vitest cannot be loaded with require().
 */
export function describeConformance(title: string, source: ImplementationSource, opts: ConformanceTestOptions = {}): void {
  declareConformance({ describe, it }, title, source, opts);
}
