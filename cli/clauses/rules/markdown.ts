const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const code = (text: string) => `\`${text}\``;

export function mdTable(head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}
