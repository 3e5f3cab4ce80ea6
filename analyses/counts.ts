/**
 * Term counts of one speaker-document, stored compactly: term ids into a
 * shared vocabulary and their counts in typed arrays (8 bytes a term instead
 * of a Map entry and its string). A large corpus holds millions of
 * (speaker-document, term) counts until terms.csv and keyness are made from
 * them. Read-only, with a Map's iteration order (the order the counts were
 * given in), so every table made from it is the same as from the Map.
 */

/** Term strings by id, shared by every TermCounts made with it. */
export class Vocabulary {
  readonly terms: string[] = [];
  private readonly ids = new Map<string, number>();

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
    }
    return id;
  }

  /** The id of a term already in the vocabulary, else undefined. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }
}

export class TermCounts implements ReadonlyMap<string, number> {
  private constructor(
    private readonly vocabulary: Vocabulary,
    private readonly ids: Uint32Array,
    private readonly counts: Uint32Array,
  ) {}

  static from(map: ReadonlyMap<string, number>, vocabulary: Vocabulary): TermCounts {
    const ids = new Uint32Array(map.size);
    const counts = new Uint32Array(map.size);
    let i = 0;
    for (const [term, n] of map) {
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
        throw new RangeError(`expected a count from 0 to 2^32-1 for "${term}", found ${n}`);
      ids[i] = vocabulary.id(term);
      counts[i++] = n;
    }
    return new TermCounts(vocabulary, ids, counts);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The vocabulary the ids number. */
  get terms(): readonly string[] {
    return this.vocabulary.terms;
  }

  /** fn(term id, count) for each term, in order (ids: `terms`' indices). */
  forEachId(fn: (id: number, count: number) => void): void {
    for (let i = 0; i < this.ids.length; i++) fn(this.ids[i]!, this.counts[i]!);
  }

  /** The same counts, in the same order, without `terms` (a compact copy, not a Map). */
  without(terms: ReadonlySet<string>): TermCounts {
    const drop = new Set<number>();
    for (const t of terms) {
      const id = this.vocabulary.find(t);
      if (id !== undefined) drop.add(id);
    }
    let kept = 0;
    for (const id of this.ids) if (!drop.has(id)) kept++;
    const ids = new Uint32Array(kept);
    const counts = new Uint32Array(kept);
    let at = 0;
    for (let i = 0; i < this.ids.length; i++) {
      if (drop.has(this.ids[i]!)) continue;
      ids[at] = this.ids[i]!;
      counts[at++] = this.counts[i]!;
    }
    return new TermCounts(this.vocabulary, ids, counts);
  }

  get(term: string): number | undefined {
    const id = this.vocabulary.find(term);
    if (id === undefined) return undefined;
    const at = this.ids.indexOf(id);
    return at < 0 ? undefined : this.counts[at];
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  *entries(): MapIterator<[string, number]> {
    const terms = this.vocabulary.terms;
    for (let i = 0; i < this.ids.length; i++) yield [terms[this.ids[i]!]!, this.counts[i]!];
  }

  *keys(): MapIterator<string> {
    const terms = this.vocabulary.terms;
    for (let i = 0; i < this.ids.length; i++) yield terms[this.ids[i]!]!;
  }

  *values(): MapIterator<number> {
    for (let i = 0; i < this.counts.length; i++) yield this.counts[i]!;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }

  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
