import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import type { PhysreqFields } from '../../spec/constraints/types';
import { FrameAllocator } from '../../impl/frames/frame-allocator';
import { normalizeMemoryMap } from '../../impl/memory/memory-map';
import { runRequestFor } from '../../impl/kernel/placement';
import { classifyRequest } from '../../spec/constraints/classify';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { stepsArb, type Step } from './interleaving';

interface Input {
  readonly gen: GeneratedMap;
  readonly shapes: ReadonlyArray<PhysreqFields>;
  readonly steps: ReadonlyArray<Step>;
}

/**
 * A SHOULD, reported apart from conformance: a non-blocking request fails
 * only when no free run meets it. The free runs are worked out from the map
 * and the pages behind every live allocation, with a frame model of its own.
 */
export function completenessProperty(fam: FamilyAdapter<PhysreqFields>): ConformanceProperty<Input> {
  const clause = 'kmem_alloc_physcontig.fails-only-when-unavailable';
  return {
    name: `${fam.name}.completeness`,
    clauses: [clause],
    families: [fam.family],
    strength: 'SHOULD',
    runs: 40,
    arbitrary: () =>
      memoryMapArb().chain((gen) =>
        fc.array(fam.shapeArb, { minLength: 1, maxLength: 3 }).chain((shapes) =>
          fc.record({ gen: fc.constant(gen), shapes: fc.constant(shapes), steps: stepsArb(gen.pageSize, shapes.length, 25) }),
        ),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, input.shapes);
      await s.boot();
      for (const step of input.steps) {
        if (step.op === 'free') {
          const l = s.live.pick(step.pick);
          if (l !== undefined) await s.release(l);
          continue;
        }
        const got = await s.allocate(step.shape, step.size);
        if (got.kind !== 'null' || (await s.token(step.shape)) === null) continue;
        const c = fam.constraints(input.shapes[step.shape]!);
        if (classifyRequest(step.size, c, clause).kind === 'invalid') continue;
        const model = new FrameAllocator(normalizeMemoryMap(input.gen.map, input.gen.pageSize).extents);
        for (const l of s.live.items) {
          for (const seg of l.segments) {
            const first = seg.phys / s.pageBytes;
            const last = (seg.phys + seg.length - 1n) / s.pageBytes;
            for (let f = first; f <= last; f++) if (model.isFree(Number(f))) model.allocAt(Number(f), 1);
          }
        }
        const frames = (step.size + s.pageBytes - 1n) / s.pageBytes;
        const req = runRequestFor(c, Number(frames), s.pageBytes);
        if (req !== null && frames <= BigInt(model.freeFrames()) && model.allocRun(req) !== null) {
          fail(clause, `${fam.allocService} of ${hex(step.size)} bytes (${fam.describe(input.shapes[step.shape]!)}) returned NULL while a fitting run was free`);
        }
      }
      await s.releaseAll();
    },
  };
}
