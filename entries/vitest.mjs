// `dmaconform/vitest` for test files (ES modules under vitest): vitest can
// only be imported, never required, so this entry imports it and hands it to
// the compiled CommonJS library. Types: dist/properties/library/vitest.d.ts.
import { describe, it } from 'vitest';
import conformance from '../dist/properties/library/conformance.js';

export function describeConformance(title, source, opts = {}) {
  conformance.declareConformance({ describe, it }, title, source, opts);
}
