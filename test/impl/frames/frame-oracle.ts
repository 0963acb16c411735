import type { FrameExtent } from '../../../impl/frames/extent';

export interface OracleRequest {
  frames: number;
  alignFrames: number;
  boundaryFrames: number;
  minFrame: number;
  maxFrame: number;
}

/**
 * A brute-force model of the frame layer over a small frame space: one flag
 * per frame, and every question answered by scanning every frame.
 */
export class FrameOracle {
  readonly managed: boolean[];
  readonly free: boolean[];

  constructor(size: number, extents: ReadonlyArray<FrameExtent>) {
    this.managed = new Array<boolean>(size).fill(false);
    for (const e of extents) for (let f = e.start; f < e.start + e.count; f++) this.managed[f] = true;
    this.free = [...this.managed];
  }

  fits(s: number, r: OracleRequest): boolean {
    const last = s + r.frames - 1;
    if (s % r.alignFrames !== 0 || s < r.minFrame || last > r.maxFrame || last >= this.free.length) return false;
    for (let f = s; f <= last; f++) {
      if (!this.free[f]) return false;
      // A multiple of the boundary strictly inside the run means the run spans it.
      if (r.boundaryFrames !== 0 && f > s && f % r.boundaryFrames === 0) return false;
    }
    return true;
  }

  allocRun(r: OracleRequest): number | null {
    for (let s = 0; s < this.free.length; s++) {
      if (this.fits(s, r)) {
        this.take(s, r.frames);
        return s;
      }
    }
    return null;
  }

  take(start: number, frames: number): void {
    for (let f = start; f < start + frames; f++) {
      if (!this.free[f]) throw new Error(`oracle: frame ${f} is not free`);
      this.free[f] = false;
    }
  }

  release(start: number, frames: number): void {
    for (let f = start; f < start + frames; f++) {
      if (!this.managed[f] || this.free[f]) throw new Error(`oracle: frame ${f} cannot be freed`);
      this.free[f] = true;
    }
  }

  allFree(start: number, frames: number): boolean {
    for (let f = start; f < start + frames; f++) if (!this.free[f]) return false;
    return true;
  }

  freeCount(): number {
    return this.free.filter(Boolean).length;
  }

  extents(): FrameExtent[] {
    const out: FrameExtent[] = [];
    for (let f = 0; f < this.free.length; f++) {
      if (!this.free[f]) continue;
      const last = out[out.length - 1];
      if (last !== undefined && last.start + last.count === f) out[out.length - 1] = { start: last.start, count: last.count + 1 };
      else out.push({ start: f, count: 1 });
    }
    return out;
  }
}

/** Extents from a flag per frame, for generating starting layouts. */
export function extentsFromFlags(flags: ReadonlyArray<boolean>): FrameExtent[] {
  const out: FrameExtent[] = [];
  flags.forEach((on, f) => {
    if (!on) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.start + last.count === f) out[out.length - 1] = { start: last.start, count: last.count + 1 };
    else out.push({ start: f, count: 1 });
  });
  return out;
}
