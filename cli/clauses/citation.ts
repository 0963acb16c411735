import type { ClauseSource, SourceDocument } from '../../spec/clauses';

/**
 * Users do not have the source files the catalogue was written from, so a
 * source is shown by the manual page a reader can look up instead of the
 * file name it was filed under.
 */
const PAGE: Readonly<Record<SourceDocument, string>> = {
  'aix-d_alloc_dmamem.txt': 'd_alloc_dmamem (AIX kernel service)',
  'svr5-kmem_alloc_physcontig.txt': 'kmem_alloc_physcontig(D3)',
  'RESEARCH.md': 'background notes',
  'dma-api.rst': 'Linux Documentation/core-api/dma-api.rst',
  'dma-api-howto.rst': 'Linux Documentation/core-api/dma-api-howto.rst',
};

export function citation(s: ClauseSource): string {
  return `${PAGE[s.document]} § ${s.section}`;
}
