/**
 * The library entry: run the suite against your own allocator from code.
 * For vitest, see entries/vitest.mjs (describeConformance, describeCoreConformance).
 */
export { CLAUSES, clause, findClause, matchClauses } from '../spec/clauses';
export type { Clause } from '../spec/clauses';
export { ContractViolation, isContractViolation } from '../spec/errors';
export * from '../spec/constants/aix';
export * from '../spec/constants/svr5';
export type { Context, DdiVersion } from '../spec/constants/context';
export type { DmaImplementation, Family, SetupConfig, PhysAllocation } from '../spec/interface/implementation';
export type { MemoryMap, MemoryRange } from '../spec/interface/memory-map';
export type { PhysSegment, PhysreqFields, DmaConstraints } from '../spec/constraints/types';
export { ReferenceKernel, createReference } from '../impl/reference';
export { CoreShell, createCoreShell, attributionOf } from '../core';
export type { PlacementCore, PlacementRequest, CoreRange, CoreLimits, CoreSegment, PoolEngine, PoolHost, PoolPair } from '../core';
export type { PoolParams } from '../spec/constraints/from-linux';
export { allProperties } from '../properties';
export { runProperty } from '../properties/runner/run-property';
export { runSuite } from '../properties/runner/run-suite';
export type { SuiteReport, SuiteOptions, ImplementationSource } from '../properties/runner/run-suite';
export type { PropertyResult, Status } from '../properties/runner/result';
export { describeFailure } from '../properties/runner/describe-result';
