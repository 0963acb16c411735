import { FAMILIES, FAMILY_SERVICES, type DmaImplementation, type Family } from '../../spec/interface/implementation';

const OBSERVATIONS = ['setup', 'translate', 'read', 'write'] as const;

/**
 * What is wrong with a would-be implementation, or null if it has the shape
 * the suite drives. Checked once when loaded, so that a missing method is
 * reported as bad input rather than as every property breaking.
 */
export function shapeProblem(candidate: unknown): string | null {
  if (typeof candidate !== 'object' || candidate === null) return `it is ${candidate === null ? 'null' : typeof candidate}, not an object`;
  const impl = candidate as Record<string, unknown>;
  if (typeof impl.name !== 'string' || impl.name === '') return 'name is not a non-empty string';
  if (!Array.isArray(impl.families)) return 'families is not an array';
  const unknown = impl.families.find((f) => !FAMILIES.includes(f as Family));
  if (unknown !== undefined) return `family ${JSON.stringify(unknown)} is not one of ${FAMILIES.join(', ')}`;
  for (const m of OBSERVATIONS) if (typeof impl[m] !== 'function') return `${m}() is missing`;
  for (const f of impl.families as Family[]) {
    const missing = FAMILY_SERVICES[f].filter((s) => typeof impl[s] !== 'function');
    if (missing.length > 0) return `it declares the ${f} family but lacks ${missing.join(', ')}`;
  }
  return null;
}

export function isImplementation(candidate: unknown): candidate is DmaImplementation {
  return shapeProblem(candidate) === null;
}
