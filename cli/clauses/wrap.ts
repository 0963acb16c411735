/** Folds prose to a terminal's width; words longer than the width stay whole. */
export function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** The first line carries a label; the rest line up under the text. */
export function labelled(label: string, text: string, indent = '  ', width = 100): string[] {
  const pad = ' '.repeat(label.length);
  return wrap(text, `${indent}${pad}`, width).map((l, i) => (i === 0 ? `${indent}${label}${l.slice(indent.length + pad.length)}` : l));
}
