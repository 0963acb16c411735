import { createCoreShell, type PlacementCore } from '../core';
import { describeConformance, type ConformanceTestOptions } from '../properties/library/vitest';

/**
 * describeConformance for a placement core: each property runs against the
 * core inside the suite's service layer (core/services), a fresh core per property.
 * Which clauses judge the core and which the shell supplies: core/attribution.ts.
 */
export function describeCoreConformance(title: string, createCore: () => PlacementCore, opts: ConformanceTestOptions = {}): void {
  describeConformance(`${title} (placement core in the dmaconform shell)`, () => createCoreShell(createCore()), opts);
}
