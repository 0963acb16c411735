/**
 * A seeded generator (mulberry32) so that every randomised decision of the
 * reference kernel, such as where the shuffled free list hands out a page,
 * replays exactly from the seed a failing property reports.
 */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed ${seed} is not a finite number`);
  // Fold the whole seed into 32 bits so that seeds above 2^32 still differ.
  let state = (Math.trunc(seed) ^ Math.trunc(seed / 0x1_0000_0000)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
