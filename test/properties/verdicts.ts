import { allProperties } from '../../properties';
import type { PropertyResult } from '../../properties/runner/result';
import { runProperty } from '../../properties/runner/run-property';
import type { DmaImplementation } from '../../spec/interface/implementation';

/** The property of that name; a misspelt name is the test's error. */
export const property = (name: string) => {
  const p = allProperties().find((q) => q.name === name);
  if (p === undefined) throw new Error(`no property ${name}`);
  return p;
};

/** The properties where a sleeper's memory may be reserved at release and its call completed later. */
export const RESERVE_ON_WAKE_PROPERTIES = ['physcontig.threads', 'physreq.threads', 'phys.threads'];

/** Every seed's result that is not PASS, written out; empty when all pass. */
export async function verdicts(name: string, create: () => DmaImplementation, seeds: ReadonlyArray<number>): Promise<string[]> {
  const out: string[] = [];
  for (const seed of seeds) {
    const r: PropertyResult = await runProperty(property(name), create(), { seed });
    if (r.status !== 'PASS') out.push(`seed ${seed}: ${r.status} ${r.failure?.message ?? r.reason ?? ''}`);
  }
  return out;
}
