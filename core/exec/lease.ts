import type { PlacementCore } from '../contract';
import type { PoolEngine } from '../pool-contract';
import type { ExecCore } from './exec-core';
import type { ExecPools } from './exec-pools';

/**
 * One property's use of an object whose process serves many properties:
 * the same fields and methods, except that dispose() hands the process back
 * (release) instead of ending it, and a call after that is refused, so a
 * finished property cannot touch the state of the next. Methods the target
 * lacks (read, write and zero without memory) stay absent.
 */
function lease<T>(target: object, fields: Partial<T>, methods: ReadonlyArray<string>, what: string, release: () => void): T {
  let returned = false;
  const leased: Record<string, unknown> = {
    ...fields,
    dispose: () => {
      if (returned) return;
      returned = true;
      release();
    },
  };
  for (const m of methods) {
    const f: unknown = (target as Record<string, unknown>)[m];
    if (typeof f !== 'function') continue;
    leased[m] = (...args: unknown[]) => {
      if (returned) throw new Error(`${what} was called after its property was over`);
      return (f as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
  return leased as T;
}

export function leaseCore(core: ExecCore, release: () => void): PlacementCore {
  return lease<PlacementCore>(core, { name: core.name, supports: core.supports }, ['init', 'alloc', 'free', 'read', 'write', 'zero'], `${core.name}: the core`, release);
}

export function leasePools(engine: ExecPools, release: () => void): PoolEngine {
  return lease<PoolEngine>(engine, { name: engine.name }, ['reset', 'create', 'alloc', 'free', 'destroy', 'read', 'write'], `${engine.name}: the pool engine`, release);
}
