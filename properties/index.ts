import { aixClearLiveProperty, aixUnknownFlagsProperty } from './catalogue/aix-handles';
import { completenessProperty } from './catalogue/completeness';
import { contextProperty } from './catalogue/contexts';
import { everyWideAixCaseProperty, everyWideCaseProperty } from './catalogue/enumerated-arenas';
import { everyFitFoundProperty } from './catalogue/enumerated-completeness';
import { everyAixFlagsProperty } from './catalogue/enumerated-aix-flags';
import { everyContextProperty } from './catalogue/enumerated-contexts';
import { everyPhysreqFieldProperty } from './catalogue/enumerated-physreq-fields';
import { everyVersionProperty } from './catalogue/enumerated-versions';
import { floorProperty } from './catalogue/floor';
import { aixHandleAfterClearProperty } from './catalogue/handle-after-clear';
import { interleavingProperty } from './catalogue/interleaving';
import { invalidRequestsProperty } from './catalogue/invalid-requests';
import { misuseProperty } from './catalogue/misuse';
import { physreqLifecycleProperty } from './catalogue/physreq-lifecycle';
import { physreqMisuseProperty } from './catalogue/physreq-misuse';
import { placementProperty } from './catalogue/placement';
import { reuseWhenFullProperty } from './catalogue/reuse-when-full';
import { sleepProperty } from './catalogue/sleep';
import { sleepSeveralProperty } from './catalogue/sleep-several';
import { sleepBeyondRamProperty } from './catalogue/sleep-beyond-ram';
import { subPageBoundaryProperty } from './catalogue/sub-page-boundary';
import { threadsProperty } from './catalogue/threads';
import { versionProperty } from './catalogue/versions';
import { linuxContextProperty } from './catalogue/linux-contexts';
import { linuxMaskProperty } from './catalogue/linux-masks';
import { linuxMisuseProperty } from './catalogue/linux-misuse';
import { poolBlocksProperty } from './catalogue/linux-pool-blocks';
import { coherentFamily } from './families/linux-coherent';
import { linuxPoolFamily, linuxPoolZallocFamily } from './families/linux-pool';
import { aixFamily } from './families/aix';
import { physcontigFamily, physFamily, physreqAllocFamily, physreqZallocFamily } from './families/svr5';
import type { FamilyAdapter } from './families/types';
import type { AnyProperty } from './types';

export type { AnyProperty, ConformanceProperty, PropertyStrength } from './types';

/**
 * Every property of the suite, in a fixed order (cheap, sharp checks first,
 * so a wrong allocator is caught early). Names are stable.
 */
export function allProperties(): AnyProperty[] {
  const svr5 = [physcontigFamily, physreqAllocFamily, physFamily];
  const every: FamilyAdapter<any>[] = [aixFamily, ...svr5]; // eslint-disable-line @typescript-eslint/no-explicit-any
  return [
    // The floor first: an allocator that serves nothing is told so before anything else.
    ...every.map(floorProperty),
    // Finite spaces first, whole on every seed: cheap, and they name the exact case.
    ...[...every, physreqZallocFamily].map(everyContextProperty),
    ...[...svr5, physreqZallocFamily].map(everyVersionProperty),
    everyAixFlagsProperty(),
    ...[...svr5, physreqZallocFamily].map(everyPhysreqFieldProperty),
    everyWideAixCaseProperty(aixFamily),
    ...[...svr5, physreqZallocFamily].map(everyWideCaseProperty),
    ...every.map(placementProperty),
    placementProperty(physreqZallocFamily),
    ...svr5.map(subPageBoundaryProperty),
    ...every.map(invalidRequestsProperty),
    ...every.map(contextProperty),
    ...svr5.map(versionProperty),
    ...svr5.map(physreqMisuseProperty),
    ...[physcontigFamily, physreqAllocFamily].map(physreqLifecycleProperty),
    ...every.map(misuseProperty),
    ...every.map(reuseWhenFullProperty),
    ...svr5.map(sleepBeyondRamProperty),
    ...svr5.map(sleepProperty),
    ...svr5.map(sleepSeveralProperty),
    ...svr5.map(threadsProperty),
    ...every.map(interleavingProperty),
    interleavingProperty(physreqZallocFamily),
    ...every.map(completenessProperty),
    everyFitFoundProperty(physcontigFamily),
    aixClearLiveProperty,
    aixUnknownFlagsProperty,
    aixHandleAfterClearProperty,
    // Linux: coherent memory and dma_pools, after the older families so their order and names stay put.
    floorProperty(coherentFamily),
    floorProperty(linuxPoolFamily),
    linuxMaskProperty(),
    linuxContextProperty(),
    placementProperty(coherentFamily),
    ...[linuxPoolFamily, linuxPoolZallocFamily].map(poolBlocksProperty),
    reuseWhenFullProperty(coherentFamily),
    reuseWhenFullProperty(linuxPoolFamily),
    interleavingProperty(coherentFamily),
    interleavingProperty(linuxPoolFamily),
    linuxMisuseProperty(),
  ];
}
