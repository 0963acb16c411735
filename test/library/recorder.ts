import type { TestApi } from '../../properties/library/conformance';

export interface Declared {
  readonly name: string;
  readonly body: (ctx: { skip: (note?: string) => void }) => Promise<void>;
}

/** A stand-in for vitest that records the tests declared, so they can be run here one by one. */
export function recorder(): { api: TestApi; tests: Declared[] } {
  const tests: Declared[] = [];
  return { tests, api: { describe: (_name, body) => body(), it: (name, _options, body) => tests.push({ name, body }) } };
}
