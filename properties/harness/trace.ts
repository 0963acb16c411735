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

  /** Adds a line; returns a place that `replace` can fill in later, or -1 when the line was not kept in place. */
  add(line: string): number {
    if (!this.enabled) return -1;
    if (this.quiet !== null) {
      this.quiet.push(line);
      if (this.quiet.length > 3) this.quiet.shift();
      return -1;
    }
    if (this.lines.length < this.limit) return this.lines.push(line) - 1;
    if (this.lines.length === this.limit) this.lines.push('...');
    return -1;
  }

  /**
   * Completes a line written when a call began, so that a call answered
   * late still stands where it was made, before calls made while it ran.
   */
  complete(place: number, line: string): void {
    if (place >= 0) this.lines[place] = line;
    else this.add(line);
  }

  toLines(): string[] {
    return this.lines.slice();
  }

  get length(): number {
    return this.lines.length;
  }
}
