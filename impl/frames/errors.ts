import { describeRun } from './extent';

/**
 * Freeing frames that are already free. A distinct class so the kernel layer
 * above can turn it into the contract violation the documents name, rather
 * than treating it as its own crash.
 */
export class DoubleFreeError extends Error {
  readonly start: number;
  readonly frames: number;

  constructor(api: string, start: number, frames: number, detail: string) {
    super(`${api}: ${describeRun(start, frames)}: ${detail} (double free)`);
    this.name = 'DoubleFreeError';
    this.start = start;
    this.frames = frames;
  }
}
