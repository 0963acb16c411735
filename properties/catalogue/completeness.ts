import fc from 'fast-check';
import { hex } from '../../spec/address/u64';
import { classifyRequest } from '../../spec/constraints/classify';
import { memoryMapArb, type GeneratedMap } from '../arbitraries/memory-maps';
import { Session } from '../engine/session';
import { fail } from '../harness/failures';
import { settleWithin } from '../harness/settle';
import type { FamilyAdapter } from '../families/types';
import type { ConformanceProperty } from '../types';
import { stepsArb, type Step } from './interleaving';

interface Input<S> {
  readonly gen: GeneratedMap;
  readonly shapes: ReadonlyArray<S>;
  readonly steps: ReadonlyArray<Step>;
  /** Per step: make the request a blocking one (families that have a blocking mode). */
  readonly blocking: ReadonlyArray<boolean>;
}

/** The SHOULD each family's completeness is judged by. */
export const COMPLETENESS_CLAUSE: Readonly<Record<string, string>> = {
  aix: 'd_alloc_dmamem.fails-only-when-unavailable',
  'svr5-physcontig': 'kmem_alloc_physcontig.fails-only-when-unavailable',
  'svr5-physreq': 'kmem_alloc_physreq.fails-only-when-unavailable',
  'svr5-phys': 'kmem_alloc_phys.fails-only-when-unavailable',
};

/**
 * A SHOULD, reported apart from conformance: a request fails (NULL, or a
 * blocking request that keeps sleeping past the wake-up deadline) only when
 * no free memory meets it. "Free" is the suite's own model
 * (oracle/free-model.ts), built from the map and what translate showed of
 * every live allocation, generous enough that headers, rounding and
 * placement policy never count as a miss.
 */
export function completenessProperty<S>(fam: FamilyAdapter<S>): ConformanceProperty<Input<S>> {
  const clause = COMPLETENESS_CLAUSE[fam.family]!;
  return {
    name: `${fam.name}.completeness`,
    clauses: [clause],
    families: [fam.family],
    strength: 'SHOULD',
    runs: 40,
    arbitrary: () =>
      memoryMapArb().chain((gen) =>
        fc.array(fam.shapeArb, { minLength: 1, maxLength: 3 }).chain((shapes) =>
          fc.record({
            gen: fc.constant(gen),
            shapes: fc.constant(shapes),
            steps: stepsArb(gen.pageSize, shapes.length, 25),
            blocking: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
          }),
        ),
      ),
    async run(d, input) {
      const s = new Session(d, fam, input.gen, input.shapes);
      await s.boot();
      const room = (shape: S, size: bigint) => s.roomFor(size, fam.constraints(shape, size, s.pageBytes));
      for (const [i, step] of input.steps.entries()) {
        if (step.op === 'free') {
          const l = s.live.pick(step.pick);
          if (l !== undefined) await s.release(l);
          continue;
        }
        const shape = input.shapes[step.shape]!;
        if ((await s.token(step.shape)) === null) continue;
        if (classifyRequest(step.size, fam.constraints(shape, step.size, s.pageBytes), clause).kind === 'invalid') continue;
        const free = room(shape, step.size);
        // Only a request the model can vouch for may block: any other could rightly sleep for ever.
        const blocking = fam.waiting !== undefined && input.blocking[i] === true && free !== undefined;
        const got = await s.allocate(step.shape, step.size, blocking);
        if (got.kind === 'waiting') {
          const later = await settleWithin(got.later.later, d.options.wakeMs);
          if (later.state !== 'fulfilled') {
            fail(clause, `a blocking ${fam.allocService} of ${hex(step.size)} bytes (${fam.describe(shape)}) sleeps on while ${hex(free!.start)}..${hex(free!.end)} is free`);
          }
          if (later.value.kind === 'error') throw later.value.error;
          await s.judge(later.value, (await s.token(step.shape))!, step.shape, step.size);
          continue;
        }
        if (got.kind === 'null' && free !== undefined) {
          fail(clause, `${fam.allocService} of ${hex(step.size)} bytes (${fam.describe(shape)}) returned NULL while ${hex(free.start)}..${hex(free.end)} was free`);
        }
      }
      await s.releaseAll();
    },
  };
}
