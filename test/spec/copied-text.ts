const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

/** Every run of `n` consecutive words of `text`. */
export function runs(text: string, n: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

export function sharedRuns(paraphrase: string, docRuns: ReadonlySet<string>): string[] {
  return [...runs(paraphrase, 8)].filter((r) => docRuns.has(r));
}
