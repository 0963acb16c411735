/**
 * Cuts a text stream into lines. A line longer than `maxLength` is a breach
 * of its own: an implementation printing without newlines would otherwise
 * grow the buffer without bound. The unfinished line is kept as the chunks
 * that make it up, joined once when its newline comes, so a long line costs
 * its own size, not the repeated copies of growing one string.
 */
export class LineReader {
  private parts: string[] = [];
  private length = 0;
  private stopped = false;

  constructor(
    private readonly maxLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (length: number) => void,
  ) {}

  push(chunk: string): void {
    if (this.stopped) return;
    let start = 0;
    let nl = chunk.indexOf('\n');
    while (nl !== -1) {
      const piece = chunk.slice(start, nl);
      if (this.length + piece.length > this.maxLength) return this.overflow(this.length + piece.length);
      const line = this.parts.length === 0 ? piece : this.parts.join('') + piece;
      this.parts = [];
      this.length = 0;
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (this.stopped) return;
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      const rest = start === 0 ? chunk : chunk.slice(start);
      if (this.length + rest.length > this.maxLength) return this.overflow(this.length + rest.length);
      this.parts.push(rest);
      this.length += rest.length;
    }
  }

  /** Drops everything from now on (the session is over; what still arrives is not read). */
  stop(): void {
    this.stopped = true;
    this.parts = [];
    this.length = 0;
  }

  /** Text after the last newline, for the message when the stream ends. */
  get rest(): string {
    return this.parts.join('');
  }

  private overflow(length: number): void {
    this.stop();
    this.onOverflow(length);
  }
}
