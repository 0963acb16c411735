import type { DmaImplementation } from '../../spec/interface/implementation';

export interface PerProperty {
  /** Hands out a fresh implementation for each property (the first is the one already checked). */
  readonly next: () => Promise<DmaImplementation>;
  /** Disposes whatever is still alive: the unused first instance, and with trackAll every instance handed out. */
  readonly close: () => Promise<void>;
}

/**
 * Wraps a factory for runSuite. The first instance is made (and checked) up
 * front, so a factory that cannot work at all is a setup error; a later
 * failure becomes a stand-in whose setup throws, so that property is BROKEN
 * and the rest still run.
 */
export function perProperty(first: DmaImplementation, create: () => Promise<DmaImplementation>, trackAll: boolean): PerProperty {
  let spare: DmaImplementation | null = first;
  let closed = false;
  const handedOut = new Set<DmaImplementation>();
  return {
    next: async () => {
      let impl: DmaImplementation;
      if (spare !== null) {
        impl = spare;
        spare = null;
      } else {
        try {
          impl = await create();
        } catch (e) {
          return standIn(first, e instanceof Error ? e.message : String(e));
        }
        // Made while the run was closing (a signal): nobody will dispose of it later, so it goes now.
        if (closed) {
          await disposeQuietly(impl);
          return standIn(first, 'the run is closing');
        }
      }
      if (trackAll) handedOut.add(impl);
      return impl;
    },
    close: async () => {
      closed = true;
      const alive = [...(spare === null ? [] : [spare]), ...handedOut];
      spare = null;
      handedOut.clear();
      await Promise.all(alive.map(disposeQuietly));
    },
  };
}

function standIn(like: DmaImplementation, reason: string): DmaImplementation {
  const fail = (): never => {
    throw new Error(reason);
  };
  return { name: like.name, families: like.families, setup: fail, translate: fail, read: fail, write: fail };
}

export async function disposeQuietly(impl: DmaImplementation): Promise<void> {
  try {
    await impl.dispose?.();
  } catch {
    // Closing down: nothing more to report about an implementation that fails to clean up.
  }
}
