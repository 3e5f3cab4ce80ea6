/**
 * Compact forms of the per-document counts that the collocate and n-gram
 * parts carry from a worker, into the cache and until the merge: a few
 * thousand word or n-gram counts per document, for every document. As
 * arrays of [text, count] pairs they cost about five times their text in
 * memory; packed, about their text.
 *
 * Counts keyed by text: one string, "key\tcount\n" per entry (a key is a
 * word or words joined by spaces, so it never holds a tab or a newline).
 */

/** "key\tcount\n" per entry, in the map's order. */
export function packCounts(m: ReadonlyMap<string, number>): string {
  let s = '';
  for (const [k, n] of m) {
    if (k.includes('\t') || k.includes('\n'))
      throw new Error(`expected a key without tab or newline, found ${JSON.stringify(k)}`);
    s += `${k}\t${n}\n`;
  }
  return s;
}

/** Calls `fn` for each entry of packCounts' string, in order. */
export function forEachPacked(packed: string, fn: (key: string, count: number) => void): void {
  let at = 0;
  while (at < packed.length) {
    const tab = packed.indexOf('\t', at);
    const end = packed.indexOf('\n', tab);
    fn(packed.slice(at, tab), Number(packed.slice(tab + 1, end)));
    at = end + 1;
  }
}
