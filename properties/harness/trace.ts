/**
 * The calls one run made, one line each, so a shrunk counterexample reads as
 * a short story: `[user] kmem_alloc_physcontig(0x1000, 1, KM_NOSLEEP) -> 0xffff800000000000`.
 * Stretches that only set the scene (a capacity probe, filling memory) are
 * summarised in one line, unless the failure happens inside them.
 */
export class Trace {
  private readonly lines: string[] = [];
  private quiet: string[] | null = null;

  constructor(private readonly limit = 200) {}

  /** False when the trace keeps nothing (the runs fast-check makes): callers skip formatting then. */
  get enabled(): boolean {
    return this.limit > 0;
  }

  async quietly<T>(run: () => Promise<T>, summary: (result: T) => string): Promise<T> {
    if (this.quiet !== null) return run();
    this.quiet = [];
    let result: T;
    try {
      result = await run();
    } catch (e) {
      const tail = this.quiet.slice(-3);
      this.quiet = null;
      if (tail.length > 0) this.add('  ...');
      for (const line of tail) this.add(line);
      throw e;
    }
    this.quiet = null;
    this.add(summary(result));
    return result;
  }

  add(line: string): void {
    if (!this.enabled) return;
    if (this.quiet !== null) {
      this.quiet.push(line);
      if (this.quiet.length > 3) this.quiet.shift();
    }
    else if (this.lines.length < this.limit) this.lines.push(line);
    else if (this.lines.length === this.limit) this.lines.push('...');
  }

  toLines(): string[] {
    return this.lines.slice();
  }

  get length(): number {
    return this.lines.length;
  }
}
