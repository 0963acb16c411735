import { Trace } from './trace';

/**
 * A trace that keeps only its last few lines: for runs nobody reads unless
 * they crash, so a crash that is not run again (a second hang would double
 * the wait) still shows the calls that led to it.
 */
export class TailTrace extends Trace {
  private readonly kept: string[] = [];

  constructor(private readonly keep = 8) {
    super(0);
  }

  override get enabled(): boolean {
    return true;
  }

  override add(line: string): number {
    this.kept.push(line);
    if (this.kept.length > this.keep) this.kept.shift();
    return -1;
  }

  override complete(_place: number, line: string): void {
    this.add(line);
  }

  override toLines(): string[] {
    return this.kept.slice();
  }

  override get length(): number {
    return this.kept.length;
  }
}
