import { dmaBitMask, GFP_ATOMIC, GFP_KERNEL } from '../../spec/constants/linux';
import type { DmaImplementation, DmaPair } from '../../spec/interface/implementation';
import { crossesBoundary, isAligned } from '../../spec/predicates/placement';
import { boot, filled, givesMemory, PAGE, ram, reports, segments, type Scenario } from './scenario-steps';

const MIB = 1n << 20n;
const GIB_8 = 1n << 33n;
const DEV = 1;

/** A non-sleeping coherent allocation for device 1, from process context. */
function coherent(impl: DmaImplementation, size: bigint): Promise<DmaPair | null> {
  return Promise.resolve(impl.dma_alloc_coherent!('process', DEV, size, GFP_ATOMIC));
}

async function pool(impl: DmaImplementation, size: bigint, align: bigint, boundary = 0n): Promise<number> {
  const p = await impl.dma_pool_create!('process', 'scenario', DEV, size, align, boundary);
  if (p === null) throw new Error(`dma_pool_create refused size ${size}, align ${align}, boundary ${boundary}`);
  return p;
}

async function blocks(impl: DmaImplementation, p: number, n: number): Promise<DmaPair[]> {
  const out: DmaPair[] = [];
  for (let i = 0; i < n; i++) {
    const b = await impl.dma_pool_alloc!('process', p, GFP_ATOMIC);
    if (b === null) throw new Error('dma_pool_alloc failed with memory free');
    out.push(b);
  }
  return out;
}

/** RAM only above 4 GiB: a device at its default 32-bit coherent mask can be given nothing. */
async function onlyHighRam(impl: DmaImplementation, base = GIB_8): Promise<DmaImplementation> {
  return boot(impl, ram(base, 16n * PAGE));
}

/** Scenarios for the Linux family's mutants. */
export const LINUX_SCENARIOS: Record<string, Scenario> = {
  'coherent-ignores-mask': async (impl) => [await givesMemory(async () => coherent(await onlyHighRam(impl), PAGE))],
  'default-coherent-mask-64': async (impl) => [await givesMemory(async () => coherent(await onlyHighRam(impl), PAGE))],
  'coherent-mask-one-bit-wide': async (impl) => [await givesMemory(async () => coherent(await onlyHighRam(impl, 1n << 32n), PAGE))],

  'set-mask-sets-coherent': async (impl) => {
    await onlyHighRam(impl);
    if ((await impl.dma_set_mask!('process', DEV, dmaBitMask(64))) !== 0) throw new Error('dma_set_mask refused 64 bits');
    return [await givesMemory(() => coherent(impl, PAGE))];
  },

  'masks-shared-across-devices': async (impl) => {
    await onlyHighRam(impl);
    if ((await impl.dma_set_coherent_mask!('process', DEV, dmaBitMask(64))) !== 0) throw new Error('dma_set_coherent_mask refused 64 bits');
    return [await givesMemory(() => impl.dma_alloc_coherent!('process', DEV + 1, PAGE, GFP_ATOMIC))];
  },

  'pool-accepts-odd-align': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await impl.dma_pool_create!('process', 'odd', DEV, 64n, 24n, 0n)) !== null];
  },

  'pool-refuses-multipage-blocks': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await impl.dma_pool_create!('process', 'big', DEV, 2n * PAGE, 8n, 0n)) === null];
  },

  'pool-undefined-when-empty': async (impl) => {
    await boot(impl, ram(MIB, PAGE));
    const p = await pool(impl, PAGE, PAGE);
    await blocks(impl, p, 1);
    return [(await impl.dma_pool_alloc!('process', p, GFP_ATOMIC)) === undefined];
  },

  'gfp-kernel-refused': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await impl.dma_alloc_coherent!('process', DEV, PAGE, GFP_KERNEL)) === null];
  },

  'mask-refuses-above-32': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [(await impl.dma_set_mask_and_coherent!('process', DEV, dmaBitMask(64))) !== 0];
  },

  'mask-accepts-unsupportable': async (impl) => {
    await onlyHighRam(impl);
    return [(await impl.dma_set_mask!('process', DEV, dmaBitMask(24))) === 0];
  },

  'coherent-page-aligned-only': async (impl) => {
    await boot(impl, ram(MIB, 64n * PAGE));
    await coherent(impl, PAGE);
    const two = (await coherent(impl, 2n * PAGE))!;
    return [!isAligned(two.dma, 2n * PAGE)];
  },

  'coherent-virtual-unaligned': async (impl) => {
    await boot(impl, ram(MIB, 64n * PAGE));
    const cpus: bigint[] = [];
    for (const size of [PAGE, 2n * PAGE, PAGE, 4n * PAGE]) cpus.push((await coherent(impl, size))!.cpu);
    return [!isAligned(cpus[1]!, 2n * PAGE) || !isAligned(cpus[3]!, 4n * PAGE)];
  },

  'dma-address-off-by-page': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const b = (await coherent(impl, PAGE))!;
    const [seg] = await segments(impl, b.cpu, PAGE);
    return [b.dma !== seg!.phys];
  },

  'coherent-never-allocates': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [!(await givesMemory(() => coherent(impl, PAGE)))];
  },

  'atomic-refused-in-interrupt': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    return [await reports(() => impl.dma_alloc_coherent!('interrupt', DEV, PAGE, GFP_ATOMIC))];
  },

  'pool-free-refused-in-interrupt': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const p = await pool(impl, 64n, 64n);
    const [b] = await blocks(impl, p, 1);
    return [await reports(() => impl.dma_pool_free!('interrupt', p, b!.cpu, b!.dma))];
  },

  'pool-ignores-boundary': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const all = await blocks(impl, await pool(impl, 48n, 16n, 64n), 4);
    return [all.some((b) => crossesBoundary(b.dma, 48n, 64n))];
  },

  'pool-ignores-align': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const all = await blocks(impl, await pool(impl, 24n, 32n), 4);
    return [all.some((b) => !isAligned(b.dma, 32n) || !isAligned(b.cpu, 32n))];
  },

  'pool-align-capped-at-page': async (impl) => {
    await boot(impl, ram(MIB, 64n * PAGE));
    const all = await blocks(impl, await pool(impl, 16n, 2n * PAGE), 4);
    return [all.some((b) => !isAligned(b.dma, 2n * PAGE))];
  },

  'pool-zalloc-not-zeroed': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const p = await pool(impl, 64n, 64n);
    const [b] = await blocks(impl, p, 1);
    await impl.write(b!.cpu, new Uint8Array(64).fill(0xaa));
    await impl.dma_pool_free!('process', p, b!.cpu, b!.dma);
    const z = (await impl.dma_pool_zalloc!('process', p, GFP_ATOMIC))!;
    return [!(await filled(impl, 0, z.cpu, 64))];
  },

  'pool-frees-neighbour': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const p = await pool(impl, 64n, 64n);
    const [a, b] = await blocks(impl, p, 2);
    await impl.dma_pool_free!('process', p, a!.cpu, a!.dma);
    const again = await blocks(impl, p, 2);
    return [again.some((x) => x.cpu === b!.cpu)];
  },

  'pool-freed-not-reused': async (impl) => {
    await boot(impl, ram(MIB, PAGE));
    const p = await pool(impl, PAGE, PAGE);
    const [b] = await blocks(impl, p, 1);
    await impl.dma_pool_free!('process', p, b!.cpu, b!.dma);
    return [(await impl.dma_pool_alloc!('process', p, GFP_ATOMIC)) === null];
  },

  'pool-destroy-frees-busy': async (impl) => {
    await boot(impl, ram(MIB, 16n * PAGE));
    const p = await pool(impl, 64n, 64n);
    await blocks(impl, p, 1);
    return [!(await reports(() => impl.dma_pool_destroy!('process', p)))];
  },
};
