import type { PlacementCore } from '../../contract';

/** Where allocation bytes live: the core's own memory when it offers it, else a sparse store the layer keeps. */
export interface PhysicalBytes {
  read(phys: bigint, into: Uint8Array, at: number, length: number): void;
  write(phys: bigint, from: Uint8Array, at: number, length: number): void;
  /** Makes [phys, phys + length) read as zeros. */
  zero(phys: bigint, length: bigint): void;
  /** Pages that hold written data: a cost figure for benchmarks. */
  readonly storedPages: number;
}

/**
 * Bytes by physical page, stored only for pages ever written with data, so
 * a 1 TiB map or a multi-GiB zero-filled allocation costs nothing. Keying by
 * physical address means two mappings of one page see each other's bytes,
 * as real memory does. Zeroing deletes pages rather than writing zeros.
 */
export class SparseContents implements PhysicalBytes {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly pageBytes: bigint;

  constructor(private readonly pageSize: number) {
    this.pageBytes = BigInt(pageSize);
  }

  read(phys: bigint, into: Uint8Array, at: number, length: number): void {
    this.each(phys, length, (frame, offset, n, done) => {
      const page = this.pages.get(frame);
      if (page === undefined) into.fill(0, at + done, at + done + n);
      else into.set(page.subarray(offset, offset + n), at + done);
    });
  }

  write(phys: bigint, from: Uint8Array, at: number, length: number): void {
    this.each(phys, length, (frame, offset, n, done) => {
      let page = this.pages.get(frame);
      if (page === undefined) {
        page = new Uint8Array(this.pageSize);
        this.pages.set(frame, page);
      }
      page.set(from.subarray(at + done, at + done + n), offset);
    });
  }

  zero(phys: bigint, length: bigint): void {
    if (length <= 0n) return;
    const end = phys + length;
    const first = phys / this.pageBytes;
    const last = (end - 1n) / this.pageBytes;
    // Partial pages at either end keep their other bytes.
    const head = phys % this.pageBytes;
    const tail = end % this.pageBytes;
    const clear = (frame: bigint, from: bigint, to: bigint) => this.pages.get(Number(frame))?.fill(0, Number(from), Number(to));
    let lo = first;
    let hi = last;
    if (head !== 0n || (first === last && tail !== 0n)) {
      clear(first, head, first === last && tail !== 0n ? tail : this.pageBytes);
      lo = first + 1n;
    }
    if (hi >= lo && tail !== 0n) {
      clear(hi, 0n, tail);
      hi -= 1n;
    }
    if (hi < lo) return;
    // Whichever is smaller: the whole pages, or the pages that hold data at all.
    const count = hi - lo + 1n;
    if (count <= BigInt(this.pages.size)) {
      for (let f = Number(lo); f <= Number(hi); f++) this.pages.delete(f);
      return;
    }
    const a = Number(lo);
    const b = Number(hi);
    for (const f of this.pages.keys()) if (f >= a && f <= b) this.pages.delete(f);
  }

  get storedPages(): number {
    return this.pages.size;
  }

  private each(phys: bigint, length: number, visit: (frame: number, offset: number, n: number, done: number) => void): void {
    let done = 0;
    let p = phys;
    while (done < length) {
      const offset = Number(p % this.pageBytes);
      const n = Math.min(length - done, this.pageSize - offset);
      visit(Number(p / this.pageBytes), offset, n, done);
      done += n;
      p += BigInt(n);
    }
  }
}

/** Whoever keeps bytes of its own, and how its addresses follow from physical ones. */
export interface ByteKeeper {
  /** As reports name it: `core first-fit`, `pool engine linux-dmapool-engine`. */
  readonly who: string;
  read(address: bigint, length: number): unknown;
  write(address: bigint, data: Uint8Array): void;
  /** Makes a range read as zeros in one step; without it zeroing is writes of zeros. */
  zero?(address: bigint, length: bigint): void;
}

/**
 * Memory kept by a core (in-band headers) or a pool engine (free-list
 * links): read and written there; zeroing is a write the keeper sees.
 * `address` turns a physical address into the keeper's own.
 */
export class KeptBytes implements PhysicalBytes {
  readonly storedPages = 0;

  constructor(
    private readonly keeper: ByteKeeper,
    private readonly address: (phys: bigint) => bigint = (phys) => phys,
  ) {}

  read(phys: bigint, into: Uint8Array, at: number, length: number): void {
    const got: unknown = this.keeper.read(this.address(phys), length);
    // A short or long answer is the keeper's fault, reported as it is rather than padded or cut.
    if (!(got instanceof Uint8Array) || got.length !== length) {
      throw new TypeError(`${this.keeper.who}: read(${length} bytes) answered ${got instanceof Uint8Array ? `${got.length} bytes` : String(got)}`);
    }
    into.set(got, at);
  }

  write(phys: bigint, from: Uint8Array, at: number, length: number): void {
    this.keeper.write(this.address(phys), from.subarray(at, at + length));
  }

  zero(phys: bigint, length: bigint): void {
    if (this.keeper.zero !== undefined) return this.keeper.zero(this.address(phys), length);
    const chunk = 1n << 16n;
    const zeros = new Uint8Array(Number(chunk));
    for (let at = 0n; at < length; at += chunk) {
      const n = length - at < chunk ? Number(length - at) : Number(chunk);
      this.keeper.write(this.address(phys + at), zeros.subarray(0, n));
    }
  }
}

export function contentsFor(core: PlacementCore, pageSize: number): PhysicalBytes {
  if (typeof core.read === 'function' && typeof core.write === 'function') {
    const zero = core.zero === undefined ? {} : { zero: (a: bigint, n: bigint) => core.zero!(a, n) };
    return new KeptBytes({ who: `core ${core.name}`, read: (a, n) => core.read!(a, n), write: (a, d) => core.write!(a, d), ...zero });
  }
  return new SparseContents(pageSize);
}
