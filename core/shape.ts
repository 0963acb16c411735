/**
 * What is wrong with a would-be placement core, or null when the shell can
 * drive it. Checked once when loaded, so a missing method is bad input
 * rather than every property breaking.
 */
export function coreShapeProblem(candidate: unknown): string | null {
  if (typeof candidate !== 'object' || candidate === null) return `it is ${candidate === null ? 'null' : typeof candidate}, not an object`;
  const core = candidate as Record<string, unknown>;
  if (typeof core.name !== 'string' || core.name === '') return 'name is not a non-empty string';
  for (const m of ['init', 'alloc', 'free']) if (typeof core[m] !== 'function') return `${m}() is missing`;
  if ((typeof core.read === 'function') !== (typeof core.write === 'function')) return 'it has one of read() and write() but not the other';
  if (core.zero !== undefined && (typeof core.zero !== 'function' || typeof core.read !== 'function')) return 'zero is not a function beside read() and write()';
  if (core.supports !== undefined && (typeof core.supports !== 'object' || core.supports === null)) return 'supports is not an object';
  return null;
}

/** What is wrong with a would-be pool engine (core/pool-contract.ts), or null when the layer can drive it. */
export function poolEngineShapeProblem(candidate: unknown): string | null {
  if (typeof candidate !== 'object' || candidate === null) return `it is ${candidate === null ? 'null' : typeof candidate}, not an object`;
  const engine = candidate as Record<string, unknown>;
  if (typeof engine.name !== 'string' || engine.name === '') return 'name is not a non-empty string';
  for (const m of ['reset', 'create', 'alloc', 'free', 'destroy']) if (typeof engine[m] !== 'function') return `${m}() is missing`;
  if ((typeof engine.read === 'function') !== (typeof engine.write === 'function')) return 'it has one of read() and write() but not the other';
  return null;
}
