/** The last characters an implementation wrote to stderr, to explain its failures. */
export class StderrTail {
  private text = '';

  constructor(private readonly keep: number) {}

  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > 2 * this.keep) this.text = this.text.slice(-this.keep);
  }

  /** A suffix for an error message: empty when nothing was written. */
  describe(): string {
    const tail = this.text.slice(-this.keep).trimEnd();
    return tail === '' ? '' : `\nstderr (last ${tail.length} characters):\n${tail}`;
  }
}
