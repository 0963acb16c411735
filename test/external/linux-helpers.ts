import { linuxPackage, linuxSource } from '../../fixtures/external/linux/source';

/**
 * Whether the real Linux code tests run. Without the package they say so in
 * one line and skip; under CI=true they run anyway, and fail with the reason.
 */
export function linuxTestsRun(what: string): boolean {
  const pkg = linuxPackage();
  if (pkg.found || process.env.CI === 'true') return true;
  console.warn(`dmaconform: skipping ${what}: ${pkg.reason}`);
  return false;
}

/** The extracted kernel tree; a missing package is an error here (the test was meant to run). */
export function requireLinuxSource(): ReturnType<typeof linuxSource> & { found: true } {
  const src = linuxSource();
  if (!src.found) throw new Error(`real Linux code tests need the source package: ${src.reason}`);
  return src;
}

/** The same for a build's result. */
export function built<T extends { found: boolean }>(build: T): T & { found: true; path: string } {
  if (!build.found) throw new Error(`real Linux code tests need the source package: ${(build as { reason?: string }).reason}`);
  return build as T & { found: true; path: string };
}
