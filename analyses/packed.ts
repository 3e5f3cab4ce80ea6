/**
 * Compact forms of the per-document counts that the collocate and n-gram
 * parts carry from a worker, into the cache and until the merge: a few
 * thousand word or n-gram counts per document, for every document. As
 * arrays of [text, count] pairs they cost about five times their text in
 * memory; packed, about their text.
 *
 * - Counts keyed by text: one string, "key\tcount\n" per entry (a key is a
 *   word or words joined by spaces, so it never holds a tab or a newline).
 * - Counts that are only ever looked up, never listed (the n-gram parts'
 *   marginals): a Float64Array of [hash, count] pairs, the hash a 53-bit
 *   one of the text (two 32-bit FNV-1a hashes with different offsets and
 *   multipliers). Two texts sharing a hash would add each other's counts;
 *   with a million distinct texts the chance that a given lookup meets
 *   another text's hash is about 10⁻¹⁰.
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

/** A 53-bit hash of a text (see the top of the file), a safe integer. */
export function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  b ^= b >>> 15;
  b = Math.imul(b, 0x2c1b3c6d);
  b ^= b >>> 12;
  return (b & 0x1fffff) * 0x100000000 + (a >>> 0);
}

/** Counts by hash as [hash, count, hash, count, …]. */
export function packHashed(m: ReadonlyMap<number, number>): Float64Array {
  const out = new Float64Array(m.size * 2);
  let i = 0;
  for (const [k, n] of m) {
    out[i++] = k;
    out[i++] = n;
  }
  return out;
}

/** Adds packHashed's pairs into `into`. */
export function addHashed(into: Map<number, number>, packed: Float64Array): void {
  for (let i = 0; i < packed.length; i += 2) {
    const k = packed[i]!;
    into.set(k, (into.get(k) ?? 0) + packed[i + 1]!);
  }
}
