import fc from 'fast-check';
import { createReference } from '../../impl/reference';
import { allProperties, type AnyProperty } from '../../properties';
import { Driver, IN_PROCESS_TIMING } from '../../properties/harness/driver';
import { ClauseFailure, describeThrown } from '../../properties/harness/failures';
import type { FailureRegion, RegionAllocation } from '../../properties/harness/region';
import { Trace } from '../../properties/harness/trace';
import { failurePicture, type FailurePicture } from '../../properties/runner/picture';
import type { Status } from '../../properties/runner/result';
import { runProperty } from '../../properties/runner/run-property';
import type { DmaImplementation } from '../../spec/interface/implementation';
import { shellQuote } from '../report/replay-command';
import { mutantsBreaking, type KnownMutant } from './mutants';
import { TranslateRecorder } from './recorder';

/** One worked example: a run of a property, as the suite saw it. */
export interface Example {
  readonly implementation: string;
  readonly property: string;
  readonly status: Status;
  readonly message?: string;
  readonly trace: ReadonlyArray<string>;
  readonly picture?: FailurePicture;
  /** The command that reruns it. */
  readonly replay: string;
}

export interface Examples {
  readonly conforming?: Example;
  readonly violating?: Example;
  /** Why an example is missing. */
  readonly notes: ReadonlyArray<string>;
}

export interface ExampleOptions {
  readonly seed: number;
  /** At most this many runs of each property against each mutant. */
  readonly runs: number;
  /** Where the command runs: rerun lines name the mutant's module from there. */
  readonly cwd?: string;
}

/** A property that remembers the last input it ran: after a failure, the shrunk counterexample. */
function capturing(prop: AnyProperty): { prop: AnyProperty; last: () => unknown } {
  let last: unknown;
  return {
    prop: { ...prop, run: (d, input) => ((last = input), prop.run(d, input)) },
    last: () => last,
  };
}

const supports = (impl: DmaImplementation, prop: AnyProperty) => prop.families.every((f) => impl.families.includes(f));

async function violating(clauseId: string, props: ReadonlyArray<AnyProperty>, mutants: ReadonlyArray<KnownMutant>, o: ExampleOptions) {
  for (const prop of props) {
    for (const m of mutants) {
      const recorder = new TranslateRecorder();
      const impl = m.create();
      if (!supports(impl, prop)) continue;
      const cap = capturing(prop);
      const r = await runProperty(cap.prop, recorder.wrap(impl), { seed: o.seed, numRuns: Math.min(prop.runs, o.runs) });
      await impl.dispose?.();
      if (r.status !== 'FAIL' || r.failure?.clause !== clauseId) continue;
      const example: Example = {
        implementation: `mutant ${m.info.name}`,
        property: prop.name,
        status: r.status,
        message: r.failure.message,
        trace: r.failure.trace,
        picture: r.failure.picture,
        replay: ['npx', 'dmaconform', '--impl', m.path, '--property', prop.name, '--replay', r.failure.replay].map(shellQuote).join(' '),
      };
      const offending = r.failure.picture?.run?.vaddr;
      const ordinal = recorder.seen.findIndex((a) => `0x${a.vaddr.toString(16)}` === offending);
      return { example, prop, input: cap.last(), ordinal, region: regionOfFailure(r.failure.picture), path: r.failure.replay };
    }
  }
  return undefined;
}

/** The constraints the failing request was held to, to draw the same lines under the reference's answer. */
function regionOfFailure(pic: FailurePicture | undefined): FailureRegion['constraints'] | undefined {
  const c = pic?.constraints;
  if (c === undefined) return undefined;
  return {
    alignment: BigInt(c.alignment),
    virtualAlignment: 1n,
    boundary: BigInt(c.boundary),
    maxAddress: BigInt(c.maxAddress),
    noZeroAddress: c.noZeroAddress,
    contiguous: c.contiguous,
    maxSegments: c.maxSegments,
  };
}

/**
 * The reference on one input, with a trace and a picture. `ordinal` picks
 * the allocation to put in focus (the one matching the mutant's offending
 * request); the allocations made before it are drawn beside it.
 */
async function onReference(prop: AnyProperty, input: unknown, replay: string, ordinal: number, constraints: FailureRegion['constraints'], runSize?: string): Promise<Example> {
  const recorder = new TranslateRecorder();
  const trace = new Trace();
  let error: unknown;
  try {
    await prop.run(new Driver(recorder.wrap(createReference()), trace, IN_PROCESS_TIMING), input);
  } catch (e) {
    error = e;
  }
  const seen = recorder.seen;
  const at = ordinal >= 0 && ordinal < seen.length ? ordinal : seen.length - 1;
  const run: RegionAllocation | undefined = seen[at];
  const sameRequest = run !== undefined && (runSize === undefined || `0x${run.size.toString(16)}` === runSize);
  const region: FailureRegion = {
    live: seen.slice(0, Math.max(0, at)),
    ...(run === undefined ? {} : { run }),
    ...(constraints !== undefined && sameRequest ? { constraints } : {}),
  };
  const picture = failurePicture(input, new ClauseFailure('-', '-', region));
  return {
    implementation: 'the reference kernel',
    property: prop.name,
    status: error === undefined ? 'PASS' : error instanceof ClauseFailure ? 'FAIL' : 'BROKEN',
    ...(error === undefined ? {} : { message: describeThrown(error) }),
    trace: trace.toLines(),
    picture,
    replay,
  };
}

/**
 * Two runs computed for a clause: a mutant that breaks it, caught by a
 * property at a fixed seed and shrunk, and the reference on the very same
 * input. With no mutant, the reference on the property's first input.
 */
export async function computeExamples(clauseId: string, o: ExampleOptions): Promise<Examples> {
  // Generated inputs carry a memory map to draw; the enumerated cases (one run over every case) are tried last.
  const props = allProperties()
    .filter((p) => p.clauses.includes(clauseId))
    .sort((a, b) => Number(a.runs === 1) - Number(b.runs === 1));
  if (props.length === 0) return { notes: ['no property checks this clause, so there is nothing to run'] };
  const mutants = mutantsBreaking(clauseId, o.cwd);
  const found = mutants.length === 0 ? undefined : await violating(clauseId, props, mutants, o);
  if (found !== undefined) {
    const same = ['npx', 'dmaconform', '--property', found.prop.name, '--replay', found.path].map(shellQuote).join(' ');
    const conforming = await onReference(found.prop, found.input, same, found.ordinal, found.region, found.example.picture?.run?.size);
    return { conforming, violating: found.example, notes: [] };
  }
  const prop = props[0]!;
  const [input] = fc.sample(prop.arbitrary(), { seed: o.seed, numRuns: 1 });
  const first = ['npx', 'dmaconform', '--property', prop.name, '--seed', String(o.seed), '--runs', '1'].map(shellQuote).join(' ');
  const conforming = await onReference(prop, input, first, 0, undefined);
  const why =
    mutants.length === 0
      ? 'no mutant in fixtures/mutants breaks this clause, so there is no violating example'
      : `the mutants that break it (${mutants.map((m) => m.info.name).join(', ')}) were not caught under this clause within ${o.runs} runs at seed ${o.seed}`;
  return { conforming, notes: [why] };
}
