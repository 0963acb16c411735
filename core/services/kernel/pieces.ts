import type { PhysSegment } from '../../../spec/constraints/types';

/**
 * The core's pieces of one allocation, kept for giving back: the contract
 * promises each piece is freed on its own, so they stay exact, but run-length
 * encoded. Group g is counts[g] pieces of lengths[g] bytes laid end to end
 * from starts[g]; a run handed out a page (or a boundary window) at a time is
 * then a group or three, never an object per piece.
 */
export class PieceList {
  private readonly starts: bigint[] = [];
  private readonly lengths: bigint[] = [];
  private readonly counts: number[] = [];

  constructor(pieces: ReadonlyArray<PhysSegment>) {
    let next = -1n;
    for (const p of pieces) {
      const g = this.counts.length - 1;
      if (g >= 0 && p.phys === next && p.length === this.lengths[g]) this.counts[g]!++;
      else {
        this.starts.push(p.phys);
        this.lengths.push(p.length);
        this.counts.push(1);
      }
      next = p.phys + p.length;
    }
  }

  /** Every piece, in the order the core gave them. */
  forEach(visit: (phys: bigint, length: bigint) => void): void {
    for (let g = 0; g < this.counts.length; g++) {
      const length = this.lengths[g]!;
      let phys = this.starts[g]!;
      for (let k = 0; k < this.counts[g]!; k++, phys += length) visit(phys, length);
    }
  }
}

/** An allocation's physical layout: the runs translation walks, and the core's own pieces when they differ. */
export interface Layout {
  /** Physically adjacent pieces merged, in virtual order. */
  readonly segments: ReadonlyArray<PhysSegment>;
  /** Present only when some run came as several pieces. */
  readonly pieces?: PieceList;
}

/**
 * Merges the pieces that follow each other physically. Translation already
 * reported them merged, so nothing observable changes; what changes is that
 * the kernel's record of a scattered allocation grows with its physical runs,
 * not with its pages.
 */
export function layoutOf(pieces: ReadonlyArray<PhysSegment>): Layout {
  // One piece (every contiguous request) is kept as it came, empty or not.
  if (pieces.length <= 1) return { segments: pieces };
  const runs: PhysSegment[] = [];
  let phys = pieces[0]!.phys;
  let length = pieces[0]!.length;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (phys + length === p.phys) length += p.length;
    else {
      runs.push({ phys, length });
      phys = p.phys;
      length = p.length;
    }
  }
  runs.push({ phys, length });
  return runs.length === pieces.length ? { segments: pieces } : { segments: runs, pieces: new PieceList(pieces) };
}
