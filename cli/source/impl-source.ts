import type { DmaImplementation } from '../../spec/interface/implementation';
import { UsageError, oneLine } from '../errors';
import type { Io } from '../io';
import { loadImplementationModule, type Factory } from './load-module';
import { disposeQuietly, perProperty } from './per-property';
import { shapeProblem } from './shape';

export interface ModuleSource {
  /** A factory's instances, one per property, or the one exported object shared by every property. */
  readonly source: DmaImplementation | (() => Promise<DmaImplementation>);
  readonly close: () => Promise<void>;
}

async function make(create: Factory): Promise<DmaImplementation> {
  const impl = await create();
  const problem = shapeProblem(impl);
  if (problem !== null) throw new Error(`createImplementation() returned something that is not a DmaImplementation: ${problem}`);
  return impl;
}

/** Loads --impl PATH and checks that what it exports can be driven. */
export async function openModule(io: Io, path: string): Promise<ModuleSource> {
  const exported = await loadImplementationModule(io, path);
  if (exported.kind === 'object') {
    const problem = shapeProblem(exported.impl);
    if (problem !== null) throw new UsageError(`--impl ${path}: the default export is not a DmaImplementation: ${problem}`);
    const impl = exported.impl as DmaImplementation;
    return { source: impl, close: () => disposeQuietly(impl) };
  }
  let first: DmaImplementation;
  try {
    first = await make(exported.create);
  } catch (e) {
    throw new UsageError(`--impl ${path}: ${oneLine(e instanceof Error ? e.message : String(e))}`);
  }
  const each = perProperty(first, () => make(exported.create), false);
  return { source: each.next, close: each.close };
}
