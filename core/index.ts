/**
 * Placement-core mode: write only where memory goes (a PlacementCore) and
 * the shell supplies a documented service layer around it.
 */
export type { CoreFactory, CoreLimits, CoreRange, PlacementCore, PlacementRequest } from './contract';
export { CoreShell, createCoreShell } from './shell/core-shell';
export { attributionOf, shellNote, type Attribution } from './attribution';
export { coreShapeProblem } from './shape';
export { ExecCore } from './exec/exec-core';
export type { CoreSegment } from './contract';
export type { PoolEngine, PoolHost, PoolPair } from './pool-contract';
export { poolEngineShapeProblem } from './shape';
export { ExecPools } from './exec/exec-pools';
export { LayoutPools } from './services/linux/layout-pools';
export { ServiceLayer } from './services/layer';
