/** Sources of the small modules the layout tests put into users' projects. */

/** A first-fit core in ES-module-style TypeScript: type imports from dmaconform, a helper imported as './name.js'. */
export const core = (helper: string) => `import type { CoreRange, PlacementCore, PlacementRequest } from 'dmaconform';
import { named } from '${helper}';

export function createCore(): PlacementCore {
  let ranges: CoreRange[] = [];
  const live: Array<{ start: bigint; end: bigint }> = [];
  return {
    name: named('first-fit'),
    init(r: ReadonlyArray<CoreRange>): void {
      ranges = [...r];
      live.length = 0;
    },
    alloc(q: PlacementRequest): bigint | null {
      for (const r of ranges) {
        let start = r.base > q.lowest ? r.base : q.lowest;
        for (;;) {
          start = ((start + q.align - 1n) / q.align) * q.align;
          const end = start + q.size;
          if (end - 1n > q.highest || end > r.base + r.length) break;
          if (q.boundary !== 0n && start / q.boundary !== (end - 1n) / q.boundary) {
            start = (start / q.boundary + 1n) * q.boundary;
            continue;
          }
          const clash = live.find((l) => l.start < end && start < l.end);
          if (clash !== undefined) {
            start = clash.end;
            continue;
          }
          live.push({ start, end });
          return start;
        }
      }
      return null;
    },
    free(address: bigint): void {
      live.splice(live.findIndex((l) => l.start === address), 1);
    },
  };
}
`;
export const helper = 'export const named = (s: string): string => s;\n';
export const implTs = `import { createReference, type DmaImplementation } from 'dmaconform';
export function createImplementation(): DmaImplementation {
  return Object.assign(createReference(), { name: 'ts-alloc' });
}
`;
export const implMjs = "import { createReference } from 'dmaconform';\nexport default function create() {\n  return Object.assign(createReference(), { name: 'mjs-alloc' });\n}\n";
export const implCjs = "const { createReference } = require('dmaconform');\nexports.createImplementation = () => Object.assign(createReference(), { name: 'cjs-alloc' });\n";
