import type { DmaImplementation } from '../../spec/interface/implementation';
import type { AnyProperty } from '../../properties/types';
import type { CallWriter } from './call-slot';

/**
 * The implementation as the driver sees it, with every method call marked
 * in the shared slot while its synchronous part runs: a call that never
 * returns leaves its mark there for the main thread to find. Methods run on
 * the implementation itself, as the driver would call them.
 */
export function watched(impl: DmaImplementation, slot: CallWriter, idOf: (name: string) => number): DmaImplementation {
  const wrapped = new Map<PropertyKey, unknown>();
  const target = impl;
  // The proxy stands over an empty object: the implementation's own read-only methods could not be replaced through it.
  return new Proxy({} as DmaImplementation, {
    has: (_, key) => key in target,
    get(_, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let w = wrapped.get(key);
      if (w === undefined) {
        const id = idOf(key);
        const fn = value as (...a: unknown[]) => unknown;
        // Always on the implementation itself: a class with #private fields refuses a proxy as `this`.
        w = (...args: unknown[]) => {
          slot.enter(id);
          try {
            return fn.apply(target, args);
          } finally {
            slot.leave();
          }
        };
        wrapped.set(key, w);
      }
      return w;
    },
  });
}

/** The property with each run counted in the slot, and a failed run marked (from then on fast-check shrinks). */
export function counted(prop: AnyProperty, slot: CallWriter): AnyProperty {
  const run: AnyProperty['run'] = async (d, input) => {
    slot.runStarted();
    try {
      await prop.run(d, input);
    } catch (e) {
      slot.runFailed();
      throw e;
    }
  };
  return Object.assign(Object.create(prop) as AnyProperty, { run });
}
