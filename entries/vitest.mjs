// `dmaconform/vitest` for test files (ES modules under vitest): vitest can
// only be imported, never required, so this entry imports it and hands it to
// the compiled CommonJS library. Types: entries/vitest.d.ts.
import { describe, it } from 'vitest';
import conformance from '../dist/properties/library/conformance.js';
import library from '../dist/entries/index.js';

export function describeConformance(title, source, opts = {}) {
  conformance.declareConformance({ describe, it }, title, source, opts);
}

// A placement core (core/contract.ts) inside the suite's shell, a fresh core per property.
export function describeCoreConformance(title, createCore, opts = {}) {
  conformance.declareConformance({ describe, it }, `${title} (placement core in the dmaconform shell)`, () => library.createCoreShell(createCore()), opts);
}
