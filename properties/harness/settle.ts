import type { Parked } from '../../spec/interface/implementation';

/** What became of a promise within a time limit. */
export type Settled<T> =
  | { readonly state: 'fulfilled'; readonly value: T }
  | { readonly state: 'rejected'; readonly reason: unknown }
  | { readonly state: 'pending' };

/**
 * Waits at most `ms` for `p`. A few event-loop turns are tried first so that
 * an in-process allocator that answers at once costs no timer at all. A
 * promise may carry `parked` (spec/interface/implementation.ts), resolving
 * true once its call is known to be waiting (the service layer queued it,
 * or a process answered a ping behind it): then the wait ends there.
 */
export async function settleWithin<T>(p: Promise<T>, ms: number): Promise<Settled<T>> {
  let result: Settled<T> = { state: 'pending' };
  const tracked = p.then(
    (value) => {
      result = { state: 'fulfilled', value };
    },
    (reason: unknown) => {
      result = { state: 'rejected', reason };
    },
  );
  for (let i = 0; i < 3 && result.state === 'pending'; i++) await new Promise<void>((r) => setImmediate(r));
  if (result.state !== 'pending' || ms <= 0) return result;
  let timer: NodeJS.Timeout | undefined;
  const parked = (p as Partial<Parked>).parked;
  const known = parked === undefined ? [] : [parked.then((yes) => (yes ? undefined : new Promise<void>(() => undefined)))];
  await Promise.race([tracked, new Promise<void>((r) => (timer = setTimeout(r, ms))), ...known]);
  clearTimeout(timer);
  return result;
}

export function isPromiseLike(v: unknown): v is Promise<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
