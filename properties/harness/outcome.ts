/**
 * What one service call came to. `violation` is the allocator reporting a
 * broken rule (an error carrying a clause id); `pending` is a call still
 * waiting, whose `later` never rejects.
 */
export type Outcome<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'violation'; readonly clause: string; readonly message: string }
  | { readonly kind: 'pending'; readonly later: Promise<Settled<T>> };

/** How a waiting call ended. */
export type Settled<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'violation'; readonly clause: string; readonly message: string }
  | { readonly kind: 'error'; readonly error: Error };

export function describeOutcome(o: Outcome<unknown>): string {
  if (o.kind === 'violation') return `reported violation ${o.clause}`;
  if (o.kind === 'pending') return 'still waiting';
  return 'returned a value';
}
