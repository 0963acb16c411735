import { PLAIN_MAP } from '../arbitraries/fixed-maps';
import type { Live } from '../engine/live-set';
import { Session } from '../engine/session';
import { coherentFamily } from '../families/linux-coherent';
import { dmaOf, freshDevice } from '../families/linux-pairs';
import { linuxPoolFamily } from '../families/linux-pool';
import type { Driver } from '../harness/driver';
import { ClauseFailure, fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import type { ConformanceProperty } from '../types';
import { enumeratedProperty } from './enumerated';

type Misuse = 'pool-create-align-not-power' | 'pool-create-boundary-below-size' | 'pool-create-boundary-not-power' | 'pool-double-free' | 'pool-wrong-dma' | 'pool-other-pool' | 'pool-destroy-busy' | 'pool-after-destroy' | 'coherent-double-free' | 'coherent-wrong-size' | 'coherent-wrong-device';

const CLAUSE: Record<Misuse, string> = {
  'pool-create-align-not-power': 'dma_pool_create.params',
  'pool-create-boundary-below-size': 'dma_pool_create.params',
  'pool-create-boundary-not-power': 'dma_pool_create.params',
  'pool-double-free': 'dma_pool_free.from-this-pool',
  'pool-wrong-dma': 'dma_pool_free.from-this-pool',
  'pool-other-pool': 'dma_pool_free.from-this-pool',
  'pool-destroy-busy': 'dma_pool_destroy.all-freed',
  'pool-after-destroy': 'dma_pool.from-dma_pool_create',
  'coherent-double-free': 'dma_free_coherent.exact-match',
  'coherent-wrong-size': 'dma_free_coherent.exact-match',
  'coherent-wrong-device': 'dma_free_coherent.exact-match',
};

/** Creation arguments (size, align, boundary) the documents rule out. */
const BAD_CREATION: Partial<Record<Misuse, [bigint, bigint, bigint]>> = {
  'pool-create-align-not-power': [64n, 24n, 0n],
  'pool-create-boundary-below-size': [256n, 16n, 128n],
  'pool-create-boundary-not-power': [64n, 16n, 3n * 4096n],
};

/** Every live allocation keeps its data, and what is allocated next overlaps none of it; anything else breaks `clause`. */
async function harmless<S>(s: Session<S>, clause: string, shapeIndex: number, more: number): Promise<void> {
  try {
    await s.verifyContents(clause);
    for (let i = 0; i < more; i++) if ((await s.allocate(shapeIndex, 0n)).kind !== 'memory') break;
    await s.verifyContents(clause);
  } catch (e) {
    // Whatever goes wrong after the wrong call is its consequence (a block handed out twice, or with the DMA address the caller gave).
    if (e instanceof ClauseFailure) fail(clause, `after the wrong call: ${e.message}`, e.region);
    throw e;
  }
}

async function poolCase(d: Driver, m: Misuse): Promise<void> {
  const shape = { size: 256n, align: 16n, boundary: 0n, maskBits: null };
  const s = new Session(d, linuxPoolFamily, PLAIN_MAP, [shape, shape]);
  await s.boot();
  const blocks: Live[] = [];
  for (let i = 0; i < 4; i++) {
    const got = await s.allocate(0, 0n);
    if (got.kind !== 'memory') return;
    blocks.push(got.live);
  }
  const pool = (await s.token(0))!;
  const [a, b] = [blocks[0]!, blocks[1]!];
  const bad = BAD_CREATION[m];
  if (bad !== undefined) {
    const args = [`misuse-${m}`, freshDevice(d), ...bad];
    const made = await d.call<number | null>('dma_pool_create', 'process', args);
    if (made.kind === 'value' && made.value !== null) fail('dma_pool_create.invalid-refused', `dma_pool_create(size ${bad[0]}, align ${bad[1]}, boundary ${bad[2]}) made pool ${formatValue(made.value)}`);
  }
  switch (m) {
    case 'pool-double-free': {
      const dma = dmaOf(d, a.vaddr);
      await s.release(a);
      await d.call('dma_pool_free', 'process', [pool, a.vaddr, dma]);
      break;
    }
    case 'pool-wrong-dma':
      await d.call('dma_pool_free', 'process', [pool, a.vaddr, dmaOf(d, b.vaddr)]);
      break;
    case 'pool-other-pool': {
      const other = await s.token(1);
      if (other === null) return;
      await d.call('dma_pool_free', 'process', [other, a.vaddr, dmaOf(d, a.vaddr)]);
      break;
    }
    case 'pool-destroy-busy':
      await d.call('dma_pool_destroy', 'process', [pool]);
      // The pool may be gone: what follows comes from the second pool, and must not be the first pool's blocks.
      await harmless(s, CLAUSE[m], 1, 8);
      return;
    case 'pool-after-destroy': {
      const other = await s.token(1);
      if (other === null) return;
      await d.call('dma_pool_destroy', 'process', [other]);
      await d.call('dma_pool_alloc', 'process', [other, 0]);
      await d.call('dma_pool_free', 'process', [other, a.vaddr, dmaOf(d, a.vaddr)]);
      break;
    }
    default:
      break;
  }
  await harmless(s, CLAUSE[m], 0, 8);
}

async function coherentCase(d: Driver, m: Misuse): Promise<void> {
  const s = new Session(d, coherentFamily, PLAIN_MAP, [coherentFamily.probeShape]);
  await s.boot();
  const got = [await s.allocate(0, 4096n), await s.allocate(0, 4096n)];
  if (got[0]!.kind !== 'memory' || got[1]!.kind !== 'memory') return;
  const [a, b] = [got[0].live, got[1].live];
  const dev = (await s.token(0))!;
  if (m === 'coherent-double-free') {
    const dma = dmaOf(d, a.vaddr);
    await s.release(a);
    await d.call('dma_free_coherent', 'process', [dev, a.size, a.vaddr, dma]);
  } else if (m === 'coherent-wrong-size') {
    await d.call('dma_free_coherent', 'process', [dev, 2n * b.size, b.vaddr, dmaOf(d, b.vaddr)]);
  } else {
    await d.call('dma_free_coherent', 'process', [dev + 1000, b.size, b.vaddr, dmaOf(d, b.vaddr)]);
  }
  await harmless(s, CLAUSE[m], 0, 4);
}

/**
 * Pool creations the documents rule out (each must make no pool: a
 * SHOULD, as the documents only say what a caller passes), releases they
 * rule out (twice, with the wrong DMA address, to
 * another pool, with the wrong size or device), a pool destroyed with
 * blocks out and one used after destruction: each may be refused, reported
 * or ignored, but live memory keeps its data and is not handed out again.
 * A SHOULD: the Linux documents tell the caller what to do, and promise
 * nothing about a caller who does otherwise.
 */
export function linuxMisuseProperty(): ConformanceProperty<null> {
  const misuses = Object.keys(CLAUSE) as Misuse[];
  return enumeratedProperty<Misuse>({
    name: 'dma-api.misuse',
    clauses: [...new Set(Object.values(CLAUSE)), 'dma_pool_create.invalid-refused'],
    families: ['linux'],
    strength: 'SHOULD',
    cases: misuses.map((m) => ({ label: m, input: m })),
    check: (d, m) => (m.startsWith('pool') ? poolCase(d, m) : coherentCase(d, m)),
  });
}
