import { ReferenceKernel } from '../../impl/reference';
import { IN_PROCESS_TIMING, SUBPROCESS_TIMING, type DriverOptions } from '../../properties/harness/driver';
import type { ImplementationSource } from '../../properties/runner/run-suite';
import type { SourceSpec } from '../args';
import type { StartCost } from '../exec';
import type { Io } from '../io';
import { coreNote, openCore, openCoreExec } from './core-source';
import { openExec } from './exec-source';
import { openModule } from './impl-source';
import { openPools } from './pools-source';
import type { ServiceLayer } from '../../core/services/layer';

export interface OpenSource {
  readonly source: ImplementationSource;
  readonly timing: DriverOptions;
  /** Ends anything the source still holds (subprocesses); safe to call more than once. */
  readonly close: () => Promise<void>;
  /** A note for a property's result (core mode: clauses the shell supplies), or undefined. */
  readonly note?: (clauses: ReadonlyArray<string>) => string | undefined;
  /** --exec, --core-exec: the processes this thread started so far and what starting them took. */
  readonly startCost?: () => StartCost;
}

function timingFor(base: DriverOptions, timeoutMs: number | undefined): DriverOptions {
  if (timeoutMs === undefined) return base;
  return { ...base, timeoutMs, graceMs: Math.min(base.graceMs, timeoutMs) };
}

/** Opens the allocator a run tests; every failure to do so is a UsageError. */
export async function openSource(io: Io, spec: SourceSpec, timeoutMs: number | undefined): Promise<OpenSource> {
  const base = await openBase(io, spec, timeoutMs);
  const poolsSpec = 'pools' in spec ? spec.pools : undefined;
  if (poolsSpec === undefined) return base;
  let pools;
  try {
    pools = await openPools(io, poolsSpec, timeoutMs ?? SUBPROCESS_TIMING.timeoutMs);
  } catch (e) {
    await base.close();
    throw e;
  }
  const layer = base.source as () => ServiceLayer;
  const costs = [base.startCost, pools.startCost].filter((c): c is () => StartCost => c !== undefined);
  return {
    ...base,
    source: () => layer().usePools(pools.next()),
    close: async () => {
      await pools.close();
      await base.close();
    },
    startCost: costs.length === 0 ? undefined : () => costs.map((c) => c()).reduce((a, b) => ({ processes: a.processes + b.processes, ms: a.ms + b.ms })),
  };
}

async function openBase(io: Io, spec: SourceSpec, timeoutMs: number | undefined): Promise<OpenSource> {
  const nothing = async () => undefined;
  switch (spec.kind) {
    case 'reference':
      return { source: () => new ReferenceKernel(), timing: timingFor(IN_PROCESS_TIMING, timeoutMs), close: nothing };
    case 'impl': {
      const { source, close } = await openModule(io, spec.path);
      return { source, timing: timingFor(IN_PROCESS_TIMING, timeoutMs), close };
    }
    case 'exec': {
      const timing = timingFor(SUBPROCESS_TIMING, timeoutMs);
      const s = await openExec(io, spec.command, timing.timeoutMs);
      return { source: s.next, timing, close: s.close, note: s.placementCore ? coreNote : undefined, startCost: s.startCost };
    }
    case 'core':
      return { source: await openCore(io, spec.path), timing: timingFor(IN_PROCESS_TIMING, timeoutMs), close: nothing, note: coreNote };
    case 'core-exec': {
      const timing = timingFor(IN_PROCESS_TIMING, timeoutMs);
      const s = openCoreExec(io, spec.command, timeoutMs ?? SUBPROCESS_TIMING.timeoutMs);
      return { source: s.next, timing, close: s.close, note: coreNote, startCost: s.startCost };
    }
  }
}
