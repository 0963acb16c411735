/**
 * The seed one property draws its inputs from: the run's seed mixed with the
 * property's name (FNV-1a, then a 32-bit finaliser), so copies of a property
 * for different families draw different inputs while the run stays
 * reproducible from its one seed. A replay carries the derived seed itself.
 */
export function propertySeed(runSeed: number, name: string): number {
  let h = 0x811c9dc5 ^ runSeed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
