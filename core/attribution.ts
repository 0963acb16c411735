/**
 * Which clauses a run in core mode judges against the placement core, and
 * which the shell supplies. A clause is the core's when the core's answers
 * (where memory goes, whether freed memory comes back, what its own memory
 * holds) can make it fail; the rest hold by the shell's construction, so
 * passing them says nothing about the core and is not counted as its pass.
 */
const CORE_CLAUSES: ReadonlySet<string> = new Set([
  'd_alloc_dmamem.align-physical',
  'd_alloc_dmamem.address-limit',
  'd_alloc_dmamem.no-zero-address',
  'd_alloc_dmamem.null-on-failure',
  // A core that answers null while memory is free fails these (the suite's own picture of free memory).
  'd_alloc_dmamem.fails-only-when-unavailable',
  'kmem_alloc_physreq.fails-only-when-unavailable',
  'kmem_alloc_phys.fails-only-when-unavailable',
  // The shell hands the core the device's mask as the highest address, and the size's page order as the alignment.
  'dma_alloc_coherent.below-mask',
  'dma_alloc_coherent.order-aligned',
  'dma.no-overlap',
  'dma.data-integrity',
  'dma.within-ram',
  'dma.release-restores',
  'dma.free-memory-served',
  'kmem_alloc_physcontig.alignment',
  'kmem_alloc_physcontig.boundary',
  'kmem_alloc_physcontig.dmasize',
  'kmem_alloc_physcontig.km-sleep-wakeup',
  'kmem_alloc_physcontig.null-no-change',
  'kmem_alloc_physcontig.fails-only-when-unavailable',
  'kmem_alloc_physcontig.fragmentation',
  'kmem_alloc_physreq.constraints',
  'kmem_alloc_physreq.km-sleep',
  'physreq.max-scgth',
  'physreq_alloc.defaults',
  'physreq_prep.repeatable',
  'kmem_alloc_phys.contiguous',
  'kmem_alloc_phys.below-4gb',
  'kmem_alloc_phys.flags',
]);

/** Clauses the shell cannot judge at all: it keeps one heap, so it never claims real_heap. */
const NOT_JUDGED: ReadonlySet<string> = new Set(['d_alloc_dmamem.real-heap']);

export type Attribution = 'core' | 'shell' | 'not judged';

export function attributionOf(clause: string): Attribution {
  if (NOT_JUDGED.has(clause)) return 'not judged';
  return CORE_CLAUSES.has(clause) ? 'core' : 'shell';
}

/** The note a property result carries in core mode, or undefined when the property judges the core. */
export function shellNote(clauses: ReadonlyArray<string>): string | undefined {
  if (clauses.some((c) => attributionOf(c) === 'core')) return undefined;
  return 'supplied by the shell: not counted as the core\'s pass';
}
