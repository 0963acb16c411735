import fc from 'fast-check';
import { DMA_FAIL, DMA_KNOWN_FLAGS } from '../../spec/constants/aix';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import { aixFamily } from '../families/aix';
import type { ConformanceProperty } from '../types';

interface Input {
  readonly gen: GeneratedMap;
  readonly unknownBit: number;
}

/** Clearing a handle that still has memory on it leaks that memory: a careful allocator reports it (a SHOULD). */
export const aixClearLiveProperty: ConformanceProperty<Input> = {
  name: 'aix.clear-with-live-memory',
  clauses: ['d_map_clear.live-allocations'],
  families: ['aix'],
  strength: 'SHOULD',
  runs: 10,
  arbitrary: () => fc.record({ gen: memoryMapArb(), unknownBit: fc.constant(0) }),
  async run(d, input) {
    const s = new Session(d, aixFamily, input.gen, []);
    await s.boot();
    const got = await s.allocate(s.probeIndex, s.pageBytes);
    if (got.kind !== 'memory') return;
    const c = await d.call('d_map_clear', 'process', [got.live.token]);
    if (c.kind !== 'violation') fail('d_map_clear.live-allocations', `d_map_clear of handle ${got.live.token} with a live allocation was not reported`);
  },
};

/** d_map_init refuses flag bits it does not know (a SHOULD: the pages leave it open). */
export const aixUnknownFlagsProperty: ConformanceProperty<Input> = {
  name: 'aix.unknown-flags',
  clauses: ['d_map_init.flags-known'],
  families: ['aix'],
  strength: 'SHOULD',
  runs: 20,
  arbitrary: () =>
    fc.record({
      gen: memoryMapArb(),
      unknownBit: fc.integer({ min: 0, max: 30 }).map((b) => 1 << b).filter((bit) => (bit & DMA_KNOWN_FLAGS) === 0),
    }),
  async run(d, input) {
    const s = new Session(d, aixFamily, input.gen, []);
    await s.boot();
    const h = await d.call<number>('d_map_init', 'process', [0, input.unknownBit, 0, 0]);
    if (h.kind === 'value' && h.value !== DMA_FAIL) fail('d_map_init.flags-known', `d_map_init accepted unknown flag bit 0x${input.unknownBit.toString(16)}`);
  },
};
