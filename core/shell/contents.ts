import type { PlacementCore } from '../contract';

/** Where allocation bytes live: the core's own memory when it offers it, else a store the shell keeps. */
export interface PhysicalBytes {
  read(phys: bigint, length: number): Uint8Array;
  write(phys: bigint, data: Uint8Array): void;
}

const CHUNK = 4096n;

/** Bytes by physical address, kept in 4 KiB chunks made on first write (unwritten bytes read as 0). */
export class SparseBytes implements PhysicalBytes {
  private readonly chunks = new Map<bigint, Uint8Array>();

  read(phys: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.each(phys, length, (chunk, offset, at, n) => {
      if (chunk !== undefined) out.set(chunk.subarray(offset, offset + n), at);
    });
    return out;
  }

  write(phys: bigint, data: Uint8Array): void {
    this.each(phys, data.length, (_, offset, at, n, key) => {
      let chunk = this.chunks.get(key);
      if (chunk === undefined) this.chunks.set(key, (chunk = new Uint8Array(Number(CHUNK))));
      chunk.set(data.subarray(at, at + n), offset);
    });
  }

  private each(phys: bigint, length: number, visit: (chunk: Uint8Array | undefined, offset: number, at: number, n: number, key: bigint) => void): void {
    let at = 0;
    while (at < length) {
      const p = phys + BigInt(at);
      const key = p / CHUNK;
      const offset = Number(p % CHUNK);
      const n = Math.min(length - at, Number(CHUNK) - offset);
      visit(this.chunks.get(key), offset, at, n, key);
      at += n;
    }
  }
}

export function bytesFor(core: PlacementCore): PhysicalBytes {
  if (typeof core.read === 'function' && typeof core.write === 'function') {
    return { read: (p, n) => core.read!(p, n), write: (p, d) => core.write!(p, d) };
  }
  return new SparseBytes();
}
