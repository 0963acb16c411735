/**
 * Cuts a text stream into lines. A line longer than `maxLength` is a breach
 * of its own (an implementation printing without newlines would otherwise
 * grow the buffer without bound).
 */
export class LineReader {
  private buffered = '';

  constructor(
    private readonly maxLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (length: number) => void,
  ) {}

  push(chunk: string): void {
    let text = this.buffered + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text.slice(start, end));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    text = start === 0 ? text : text.slice(start);
    if (text.length > this.maxLength) {
      this.buffered = '';
      this.onOverflow(text.length);
      return;
    }
    this.buffered = text;
  }

  /** Text after the last newline, for the message when the stream ends. */
  get rest(): string {
    return this.buffered;
  }
}
