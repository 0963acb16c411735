import { describe, expect, it } from 'vitest';
import { createImplementation as ignoresAlign } from '../../fixtures/mutants/ignores-align';
import { allProperties } from '../../properties';
import { declareConformance } from '../../properties/library/conformance';
import { recorder, type Declared } from './recorder';
import { replayRequest } from '../../properties/library/replay';
import { runProperty } from '../../properties/runner/run-property';

/** Runs one declared test: 'skipped', 'passed', or the error it failed with. */
async function outcome(t: Declared): Promise<string | Error> {
  let skipped = false;
  try {
    await t.body({ skip: () => void (skipped = true) });
  } catch (e) {
    return e as Error;
  }
  return skipped ? 'skipped' : 'passed';
}

const placement = allProperties().find((p) => p.name === 'aix.placement')!;

describe('replaying from vitest', () => {
  it('reads PROPERTY:SEED:PATH and refuses anything else', () => {
    expect(replayRequest('aix.placement:-7:0:3:1')).toEqual({ property: 'aix.placement', seed: -7, path: '0:3:1' });
    expect(replayRequest(undefined)).toBeUndefined();
    expect(() => replayRequest('7:0:3')).toThrow(/PROPERTY:SEED:PATH/);
    expect(() => replayRequest('aix.placement:7')).toThrow(/PROPERTY:SEED:PATH/);
  });

  it('a failure prints a replay that reruns only that property, and fails it again', async () => {
    const first = await runProperty(placement, ignoresAlign(), { seed: 7 });
    expect(first.status).toBe('FAIL');
    const declared = recorder();
    declareConformance(declared.api, 'mutant', () => ignoresAlign(), { seed: 7, budget: 0.2 });
    const failed = await outcome(declared.tests.find((t) => t.name.startsWith('aix.placement '))!);
    expect(failed).toBeInstanceOf(Error);
    const line = /DMACONFORM_REPLAY=(\S+) npx vitest run/.exec((failed as Error).message)![1]!;
    expect(line).toBe(`aix.placement:${first.failure!.replay}`);

    const replaying = recorder();
    declareConformance(replaying.api, 'mutant', () => ignoresAlign(), { replay: line });
    const outcomes = await Promise.all(replaying.tests.map(outcome));
    const index = replaying.tests.findIndex((t) => t.name.startsWith('aix.placement '));
    expect((outcomes[index] as Error).message).toContain(first.failure!.message);
    expect(outcomes.filter((_, i) => i !== index).every((o) => o === 'skipped')).toBe(true);
  });

  it('a path that names no counterexample fails the test rather than passing it', async () => {
    const declared = recorder();
    declareConformance(declared.api, 'mutant', () => ignoresAlign(), { replay: 'aix.placement:7:0:999999' });
    const failed = await outcome(declared.tests.find((t) => t.name.startsWith('aix.placement '))!);
    expect((failed as Error).message).toMatch(/no counterexample at that path/);
  });

  it('a property this file does not declare is an error at once', () => {
    expect(() => declareConformance(recorder().api, 'mutant', () => ignoresAlign(), { replay: 'aix.nothing:7:0' })).toThrow(/no property named 'aix.nothing'/);
  });
});
