/**
 * A byte pattern unique to one allocation, written at a few places (start,
 * end, each side of the first page boundary) so that corruption anywhere a
 * neighbour or a faulty free could reach is caught without copying megabytes.
 */
export interface Probe {
  readonly offset: bigint;
  readonly bytes: Uint8Array;
}

export function patternProbes(id: number, size: bigint, pageSize: bigint): Probe[] {
  const offsets = new Set<bigint>([0n]);
  const width = 16n;
  if (size > width) offsets.add(size - width);
  if (size > pageSize + width) offsets.add(pageSize - 8n);
  if (size > 3n * width) offsets.add(size / 2n);
  // Overlapping probes would overwrite each other, so keep only disjoint ones.
  const sorted = [...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const disjoint = sorted.filter((o, i) => i === 0 || o >= sorted[i - 1]! + width);
  return disjoint.map((offset) => {
    const len = Number(size - offset < width ? size - offset : width);
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) bytes[i] = (id * 131 + Number(offset % 251n) * 7 + i * 17 + 1) & 0xff;
    return { offset, bytes };
  });
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
