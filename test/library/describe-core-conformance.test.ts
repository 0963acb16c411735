// What a user's vitest file looks like in core mode: one call, one test per property.
import { FirstFitCore } from '../../fixtures/cores/first-fit';
import { describeCoreConformance } from '../../entries/core-vitest';

describeCoreConformance('first-fit core through the library entry', () => new FirstFitCore(), {
  budget: 0.3,
  seed: 3,
  only: ['dma.*', 'd_alloc_dmamem.*', 'kmem_alloc_physcontig.alignment', 'kmem_alloc_physreq.constraints', 'kmem_alloc_phys.below-4gb'],
});
