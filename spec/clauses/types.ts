/** The shape of one documented promise, rule or precondition. */
export type Strength = 'MUST' | 'SHOULD' | 'MAY';
export type ClauseKind = 'precondition' | 'postcondition' | 'invariant' | 'context' | 'version';

export type SourceDocument =
  | 'aix-d_alloc_dmamem.txt'
  | 'svr5-kmem_alloc_physcontig.txt'
  | 'RESEARCH.md'
  // From Debian's linux-source-6.12 package, Documentation/core-api/.
  | 'dma-api.rst'
  | 'dma-api-howto.rst';

export interface ClauseSource {
  readonly document: SourceDocument;
  /** The section heading of the document (or RESEARCH.md's bullet) the clause comes from. */
  readonly section: string;
}

export interface Ambiguity {
  /** What the documents leave open. */
  readonly question: string;
  /** The reading the suite takes. */
  readonly interpretation: string;
  /** Why that reading. */
  readonly why: string;
}

export interface Clause {
  /** Stable id: `<service or topic>.<rule>`. Never renamed once published. */
  readonly id: string;
  /** The kernel service the clause is about, or `dma` for rules that span services. */
  readonly service: string;
  readonly sources: ReadonlyArray<ClauseSource>;
  /** The rule in the suite's own words. */
  readonly paraphrase: string;
  readonly strength: Strength;
  readonly kind: ClauseKind;
  readonly ambiguity?: Ambiguity;
  /** Present when no property can check the clause: the reason. */
  readonly notTestable?: string;
}
