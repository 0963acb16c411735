import type fc from 'fast-check';
import type { Context, DdiVersion } from '../../spec/constants/context';
import type { DmaConstraints } from '../../spec/constraints/types';
import type { Family, ServiceName } from '../../spec/interface/implementation';
import type { ConstraintKind } from '../../spec/predicates/check';
import type { Driver } from '../harness/driver';
import type { Outcome } from '../harness/outcome';
import type { FreeStretch } from '../oracle/free-model';

/** Where the suite's own picture of free memory (the map less what is live) vouches for room for `size` bytes under `c`, or undefined. */
export type RoomFor = (size: bigint, c: DmaConstraints) => FreeStretch | undefined;

/** What a release came to: done, refused (reported or -1), or something else that is wrong. */
export type ReleaseResult = { readonly kind: 'released' } | { readonly kind: 'refused'; readonly how: string } | { readonly kind: 'odd'; readonly how: string };

/**
 * One allocation family seen through a common shape, so one property serves
 * AIX handles and SVR5 physreqs alike. S is the generated request shape
 * (handle flags and align, or physreq fields).
 */
export interface FamilyAdapter<S> {
  readonly name: string;
  readonly family: Family;
  readonly ddiVersion: DdiVersion;
  readonly allocService: ServiceName;
  readonly freeService: ServiceName;
  /** The context allocations are made from. */
  readonly ctx: Context;
  /** Clauses of the waiting (KM_SLEEP-like) mode, for families that have one. */
  readonly waiting?: { readonly nosleep: string; readonly sleep: string; readonly wakeup: string };
  readonly shapeArb: fc.Arbitrary<S>;
  /** A contiguous, unconstrained shape: used to probe capacity. */
  readonly probeShape: S;
  describe(shape: S): string;
  /** What memory for `size` bytes of this shape must meet on a machine of `pageBytes` pages (Linux aligns coherent memory by size). */
  constraints(shape: S, size: bigint, pageBytes: bigint): DmaConstraints;
  /** Registers a handle, preps a physreq or makes a pool; null when the implementation refuses the shape. `roomFor` judges a refusal that may come from want of memory. */
  prepare(d: Driver, shape: S, roomFor: RoomFor): Promise<number | null>;
  /** `ctx` defaults to the family's own context. */
  allocate(d: Driver, token: number, shape: S, size: bigint, wait: boolean, ctx?: Context): Promise<Outcome<bigint | null>>;
  release(d: Driver, token: number, vaddr: bigint, size: bigint, ctx?: Context): Promise<ReleaseResult>;
  /** The clause a breach of this kind breaks for this family. */
  clauseOf(kind: ConstraintKind): string;
  /** The clause that says a NULL leaves everything unchanged. */
  readonly nullClause: string;
  /**
   * The clause that says a failure is NULL, where the documents say so: it
   * is broken by an answer no allocation can have, such as (void *)-1.
   * Without it, such an answer breaks the size clause.
   */
  readonly failureClause?: string;
  /** Clauses checked by family-specific observations (heap, zeroing, paddr). */
  readonly extraClauses: ReadonlyArray<string>;
  /** For a family whose shape fixes the size (a dma_pool's blocks): that size, used whatever size a property asks for. */
  blockSize?(shape: S): bigint;
  /** Family-specific checks of a fresh allocation, before anything is written to it. */
  inspect?(d: Driver, token: number, vaddr: bigint, size: bigint, shape: S): Promise<void>;
}
