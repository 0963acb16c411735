import type { PropertyResult } from '../runner/result';

export interface ReplayRequest {
  readonly property: string;
  readonly seed: number;
  readonly path: string;
}

/**
 * Reads `PROPERTY:SEED:PATH` (property names hold no colon). Malformed
 * text is an error, not ignored: a replay that silently ran the whole
 * suite instead would look like the failure had gone.
 */
export function replayRequest(text: string | undefined): ReplayRequest | undefined {
  if (text === undefined || text === '') return undefined;
  const m = /^([A-Za-z][^:\s]*):(-?\d+):(\d+(?::\d+)*)$/.exec(text.trim());
  const seed = m ? Number(m[2]) : NaN;
  if (m === null || !Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new Error(`dmaconform replay: '${text}' is not PROPERTY:SEED:PATH (as printed after a failure, e.g. aix.placement:1234:5:0:1)`);
  }
  return { property: m[1]!, seed, path: m[3]! };
}

/** How to rerun a failure from a vitest file. */
export function vitestReplayLine(r: PropertyResult): string {
  return `replay in vitest: DMACONFORM_REPLAY=${r.property}:${r.failure?.replay ?? r.seed} npx vitest run`;
}
