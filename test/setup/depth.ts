/**
 * `npm test` checks every behaviour once; `npm run test:deep` (its own vitest
 * config, which sets DMACONFORM_TEST_DEEP=1) adds the repetitions: more
 * seeds, every mutant through the command line, the zoo on every seed of
 * its group. A sweep gives its first items to the one and the rest to the
 * other, so nothing runs twice.
 */
export const DEEP = process.env.DMACONFORM_TEST_DEEP === '1';

export function sweep<T>(items: ReadonlyArray<T>, quick: number): T[] {
  return DEEP ? items.slice(quick) : items.slice(0, quick);
}
