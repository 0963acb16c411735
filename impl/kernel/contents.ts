/**
 * Page contents, stored per physical frame and only for frames ever written,
 * so a 1 TiB map costs nothing until used. Keying by physical frame means
 * two mappings of one frame see each other's bytes, as real memory does.
 */
export class PageContents {
  private readonly pages = new Map<number, Uint8Array>();

  constructor(private readonly pageSize: number) {}

  read(frame: number, offset: number, into: Uint8Array, at: number, length: number): void {
    const page = this.pages.get(frame);
    if (page === undefined) into.fill(0, at, at + length);
    else into.set(page.subarray(offset, offset + length), at);
  }

  write(frame: number, offset: number, from: Uint8Array, at: number, length: number): void {
    let page = this.pages.get(frame);
    if (page === undefined) {
      page = new Uint8Array(this.pageSize);
      this.pages.set(frame, page);
    }
    page.set(from.subarray(at, at + length), offset);
  }

  zero(frame: number, count: number): void {
    // Whichever is smaller: the run, or the frames that hold data at all.
    if (count <= this.pages.size) {
      for (let f = frame; f < frame + count; f++) this.pages.delete(f);
      return;
    }
    for (const f of this.pages.keys()) if (f >= frame && f < frame + count) this.pages.delete(f);
  }

  /** Frames that hold data: a cost figure for benchmarks. */
  get storedPages(): number {
    return this.pages.size;
  }
}
