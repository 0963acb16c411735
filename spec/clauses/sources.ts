import type { ClauseSource } from './types';

/** Shorthands for the sections clauses cite. */
export const aix = (section: string): ClauseSource => ({ document: 'aix-d_alloc_dmamem.txt', section });
export const svr5 = (section: string): ClauseSource => ({ document: 'svr5-kmem_alloc_physcontig.txt', section });
export const research = (section: string): ClauseSource => ({ document: 'RESEARCH.md', section });
export const dmaApi = (section: string): ClauseSource => ({ document: 'dma-api.rst', section });
export const dmaHowto = (section: string): ClauseSource => ({ document: 'dma-api-howto.rst', section });
