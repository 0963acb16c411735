import type { PhysicalBytes } from './contents';

interface Loan {
  readonly base: bigint;
  readonly end: bigint;
  readonly bytes: PhysicalBytes;
}

/**
 * The kernel's bytes, except for physical ranges lent to whoever keeps
 * their bytes itself (a pool engine holding its chunks' memory, with its
 * free-list links inside): reads, writes and zeroing there go to the
 * borrower, so the suite sees what the engine wrote and the engine sees
 * what the suite wrote. With nothing lent it is the kernel's bytes alone.
 */
export class LentBytes implements PhysicalBytes {
  private readonly loans: Loan[] = [];

  constructor(private readonly own: PhysicalBytes) {}

  lend(base: bigint, length: bigint, bytes: PhysicalBytes): void {
    this.loans.push({ base, end: base + length, bytes });
  }

  takeBack(base: bigint): void {
    const i = this.loans.findIndex((l) => l.base === base);
    if (i >= 0) this.loans.splice(i, 1);
  }

  read(phys: bigint, into: Uint8Array, at: number, length: number): void {
    this.split(phys, length, (b, p, done, n) => b.read(p, into, at + done, n));
  }

  write(phys: bigint, from: Uint8Array, at: number, length: number): void {
    this.split(phys, length, (b, p, done, n) => b.write(p, from, at + done, n));
  }

  zero(phys: bigint, length: bigint): void {
    if (this.loans.length === 0) return this.own.zero(phys, length);
    let p = phys;
    const end = phys + length;
    while (p < end) {
      const [bytes, stop] = this.owner(p, end);
      bytes.zero(p, stop - p);
      p = stop;
    }
  }

  get storedPages(): number {
    return this.own.storedPages;
  }

  private split(phys: bigint, length: number, visit: (bytes: PhysicalBytes, phys: bigint, done: number, n: number) => void): void {
    if (this.loans.length === 0) return visit(this.own, phys, 0, length);
    const end = phys + BigInt(length);
    let p = phys;
    while (p < end) {
      const [bytes, stop] = this.owner(p, end);
      visit(bytes, p, Number(p - phys), Number(stop - p));
      p = stop;
    }
  }

  /** Who holds the byte at p, and how far from p (not past end) the same holder goes on. */
  private owner(p: bigint, end: bigint): [PhysicalBytes, bigint] {
    let stop = end;
    for (const l of this.loans) {
      if (p >= l.base && p < l.end) return [l.bytes, l.end < end ? l.end : end];
      if (l.base > p && l.base < stop) stop = l.base;
    }
    return [this.own, stop];
  }
}
