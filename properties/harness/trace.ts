/**
 * The calls one run made, one line each, so a shrunk counterexample reads as
 * a short story: `[user] kmem_alloc_physcontig(0x1000, preq#1, KM_NOSLEEP) -> 0xffff800000000000`.
 */
export class Trace {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 200) {}

  add(line: string): void {
    if (this.lines.length < this.limit) this.lines.push(line);
    else if (this.lines.length === this.limit) this.lines.push('...');
  }

  toLines(): string[] {
    return this.lines.slice();
  }

  get length(): number {
    return this.lines.length;
  }
}
