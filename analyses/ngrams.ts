/**
 * Multi-word expressions (ngrams.csv): contiguous n-grams of 2 to 4 words,
 * in the spirit of AntConc's clusters and quanteda's textstat_collocations.
 *
 * Where: inside one sentence (as annotation split it, pipeline/annotate.ts)
 * and one stretch of speech (analyses/stretches.ts), so an n-gram never
 * spans a sentence end, a turn, an editorial insertion, a stage direction
 * or a paragraph break. Words are the stretch words (lower case; the
 * project's word rule, pipeline/words.ts).
 *
 * Kept: an n-gram whose first and last words can be collocates
 * (analyses/collocates.ts isCandidate: a letter, not in the stop-word list,
 * not one of the kept function words "we", "not", "must" …). So every
 * stop-word-only n-gram is dropped, and so are fragments such as "of the
 * party" or "party and"; a stop word inside ("party of labor") is kept.
 * Written when count ≥ minFrequency (default 3).
 *
 * Columns: count; meetings (documents using it) and speakers (distinct
 * speakers using it) as its range; g2 for 2- and 3-grams: log-likelihood G²
 * (Dunning 1993) of the 2×2 table of its two parts over all n-gram
 * positions of that length (every position in the pieces, kept or not):
 * for "w1 w2", O11 = count, R1 = positions whose first word is w1, C1 =
 * positions whose second word is w2, N = all bigram positions, and
 * E11 = R1 · C1 / N. A 3-gram has two splits (w1 | w2 w3 and w1 w2 | w3);
 * its g2 is the smaller of the two, so a high value needs both parts to
 * belong together. `attracted` says whether O11 > E11 (for the split whose
 * G² is given); a G² from a repelled pair measures avoidance, not an
 * expression.
 *
 * Candidate dictionary entries: an n-gram is `in_dictionary` when, in the
 * text, an occurrence of it lies wholly inside a match of a dictionary key
 * (so "kim il", part of "Kim Il Sung", and "korean workers party", from
 * "Korean Workers’ Party", are in the dictionary); the key given is the one
 * covering it most often (ties: by name). A `candidate` is an n-gram with
 * count ≥ candidates.minFrequency and meetings ≥ candidates.minMeetings,
 * attracted (2–3-grams), not in the dictionary, and not a name: without
 * its leading honorifics ("comrade", "ambassador", from the registry) it is
 * neither empty nor part of the name of a speaker or participant, nor
 * wholly matched by a dictionary key ("comrade khrushchev" is the key
 * khrushchev with a title, not a new entry).
 */
import { analysisForm } from '../pipeline/normalize.js';
import type { AnnotatedSentence, Transcript } from '../pipeline/types.js';
import { countWords } from '../pipeline/words.js';
import { candidateFlags } from './collocates.js';
import { type AnalysisSettings, foldedAnalysis } from './contract.js';
import { matchDictionary, termForm } from './dictionary.js';
import { g2 } from './keyness.js';
import { stopwordSet } from './stopwords.js';
import { type Stretch, stretchesOf, stretchMatches } from './stretches.js';
import type { TableSpec } from './tables.js';
import { cmp } from './terms.js';
import { grown, IntTrie } from './trie.js';
import type { Dictionary } from './types.js';

export interface NgramOptions {
  minN: number;
  maxN: number;
  minFrequency: number;
  candidates: { minFrequency: number; minMeetings: number };
}

export const NGRAM_DEFAULTS: Readonly<NgramOptions> = Object.freeze({
  minN: 2,
  maxN: 4,
  minFrequency: 3,
  candidates: { minFrequency: 5, minMeetings: 2 },
});

/** The per-document part. Words are numbered by their place in `words`. */
export interface NgramsPart extends NgramSums {
  docId: string;
  /** The document's distinct words, joined by "\n" (a word holds no newline). */
  words: string;
  /**
   * Per speaker: the tree of kept n-grams depth first, as [word, count × 8
   * + depth] per node (count 0: a prefix not itself counted).
   */
  units: Array<{ speaker: string; grams: Int32Array }>;
}

/** What a part and a saved fold (SavedNgrams) both hold: sums over their documents, by their word numbers. */
export interface NgramSums {
  /** Occurrences of a kept n-gram lying wholly inside a match of a dictionary key. */
  covered: Array<[gram: string, key: string, count: number]>;
  /** Marginals for G²: see the top of the file. */
  positions: { bigrams: number; trigrams: number };
  /** Bigram positions by first word / by second word, by word number. */
  first2: Int32Array;
  last2: Int32Array;
  /** Trigram positions by first word, by last word. */
  first3: Int32Array;
  last3: Int32Array;
  /** Trigram positions by first two words, by last two words, as [first, second, count] triples. */
  firstPair3: Int32Array;
  lastPair3: Int32Array;
}

/**
 * A run of words inside one sentence and one stretch: the words `from`
 * (inclusive) to `to` (exclusive) of the turn's stretch number `stretch`.
 */
export interface Piece {
  stretch: number;
  from: number;
  to: number;
}

/**
 * The pieces of a turn: its stretches cut at sentence ends. Sentence ends
 * are found by counting each sentence's words; if the sentences' words do
 * not add up to the stretches' (annotation read different text), the
 * stretches are used uncut.
 */
export function pieces(
  stretches: ReadonlyArray<Pick<Stretch, 'ids'>>,
  sentences: ReadonlyArray<Pick<AnnotatedSentence, 'text'>>,
): Piece[] {
  const out: Piece[] = [];
  const part = (stretch: number, from: number, to: number) => {
    out.push({ stretch, from, to });
  };
  /** Each stretch whole. */
  const uncut = () => {
    stretches.forEach((s, stretch) => {
      if (s.ids.length > 0) part(stretch, 0, s.ids.length);
    });
    return out;
  };
  // One sentence (or none) cuts nothing: when its words add up, its end is
  // the turn's last word, where the last stretch ends anyway.
  if (sentences.length <= 1) return uncut();
  // The sentences' ends as running word counts (never decreasing).
  const ends = new Int32Array(sentences.length);
  let total = 0;
  sentences.forEach((s, i) => {
    total += countWords(analysisForm(s.text));
    ends[i] = total;
  });
  const stretchTotal = stretches.reduce((n, s) => n + s.ids.length, 0);
  if (total !== stretchTotal) return uncut();
  let at = 0;
  let next = 0;
  stretches.forEach((s, stretch) => {
    let from = 0;
    for (let i = 0; i < s.ids.length; i++) {
      at++;
      while (next < ends.length && ends[next]! < at) next++;
      if (next < ends.length && ends[next] === at) {
        part(stretch, from, i + 1);
        from = i + 1;
      }
    }
    if (from < s.ids.length) part(stretch, from, s.ids.length);
  });
  return out;
}

export function ngramsPart(settings: {
  dictionary: Dictionary;
  stopwords: ReadonlySet<string>;
  options?: Pick<NgramOptions, 'minN' | 'maxN'>;
}): (
  t: Pick<Transcript, 'docId' | 'text' | 'segments' | 'turns'>,
  a: {
    turns: ReadonlyArray<{
      turn: number;
      sentences: ReadonlyArray<Pick<AnnotatedSentence, 'text'>>;
    }>;
  },
) => NgramsPart {
  const { minN, maxN } = settings.options ?? NGRAM_DEFAULTS;
  if (maxN > 7) throw new Error(`expected n-grams of at most 7 words, found maxN ${maxN}`);
  return (t, a) => {
    const stretches = stretchesOf(t);
    const covered = new Map<string, number>();
    // Without an annotation (a caller that has none) the stretches are used uncut.
    const sentences = new Map((a?.turns ?? []).map((u) => [u.turn, u.sentences]));
    // Words are counted by their number in the document (the stretches'
    // `forms`), n-grams in a tree of those numbers per speaker: no n-gram's
    // text is made until the merge writes the rows.
    const forms = stretches.forms;
    const kept = candidateFlags(stretches, settings.stopwords);
    const marginals = {
      first2: new Int32Array(forms.length),
      last2: new Int32Array(forms.length),
      first3: new Int32Array(forms.length),
      last3: new Int32Array(forms.length),
    };
    const firstPairs = new IntTrie(1024);
    const lastPairs = new IntTrie(1024);
    const units = new Map<string, IntTrie>();
    let bigrams = 0;
    let trigrams = 0;
    for (const turn of t.turns) {
      let tree = units.get(turn.speaker);
      if (!tree) {
        tree = new IntTrie(1024);
        units.set(turn.speaker, tree);
      }
      const own = stretches.get(turn.turn) ?? [];
      const matches = stretchMatches(t, settings.dictionary, turn.text, own);
      for (const { stretch, from: first, to: end } of pieces(own, sentences.get(turn.turn) ?? [])) {
        const found = matches[stretch]!;
        const { ids, starts, ends } = own[stretch]!;
        for (let i = first; i < end; i++) {
          const w = ids[i]!;
          if (i + 1 < end) {
            bigrams++;
            marginals.first2[w]!++;
            marginals.last2[ids[i + 1]!]!++;
          }
          if (i + 2 < end) {
            trigrams++;
            marginals.first3[w]!++;
            marginals.last3[ids[i + 2]!]!++;
            // Only pairs that can be part of a kept 3-gram: its first or last word is a candidate.
            if (kept[w]) addPair(firstPairs, w, ids[i + 1]!, 1);
            if (kept[ids[i + 2]!]) addPair(lastPairs, ids[i + 1]!, ids[i + 2]!, 1);
          }
          if (!kept[w]) continue;
          let node = tree.child(0, w);
          for (let n = 2; n <= maxN && i + n <= end; n++) {
            const last = ids[i + n - 1]!;
            node = tree.child(node, last);
            if (n < minN || !kept[last]) continue;
            tree.count[node]!++;
            if (found.length === 0) continue;
            const from = starts[i]!;
            const to = ends[i + n - 1]!;
            const key = found.find((d) => d.start <= from && d.end >= to)?.key;
            if (key !== undefined) {
              const gram = Array.from(ids.subarray(i, i + n), (x) => forms[x]).join(' ');
              add(covered, `${gram}\u0000${key}`);
            }
          }
        }
      }
    }
    return {
      docId: t.docId,
      words: forms.join('\n'),
      units: [...units].map(([speaker, tree]) => ({ speaker, grams: packTree(tree) })),
      covered: [...covered].map(([k, n]) => {
        const [gram, key] = k.split('\u0000') as [string, string];
        return [gram, key, n] as [string, string, number];
      }),
      positions: { bigrams, trigrams },
      ...marginals,
      firstPair3: packPairs(firstPairs),
      lastPair3: packPairs(lastPairs),
    };
  };
}

/**
 * A tree of n-grams depth first, two numbers per node: its word, and its
 * count × 8 + its depth (depth 1: an n-gram's first word, at most maxN ≤ 7;
 * count 0: a prefix that is not itself counted). A node neither counted
 * nor leading to a counted one (a run whose last word is a stop word, say)
 * is left out: the merge would only make it to count nothing.
 */
function packTree(tree: IntTrie): Int32Array {
  const out = new Int32Array((tree.size - 1) * 2);
  let at = 0;
  /** Writes the subtree under `node`; false if it holds no counted node (nothing written). */
  const walk = (node: number, depth: number): boolean => {
    let any = false;
    for (let c = tree.firstChild[node]!; c !== 0; c = tree.nextSibling[c]!) {
      const mark = at;
      out[at++] = tree.label[c]!;
      out[at++] = tree.count[c]! * 8 + depth;
      const below = walk(c, depth + 1);
      if (tree.count[c]! === 0 && !below) at = mark;
      else any = true;
    }
    return any;
  };
  walk(0, 1);
  return out.slice(0, at);
}

/** Counts of word pairs (a trie two deep) as [first, second, count] triples. */
function packPairs(pairs: IntTrie): Int32Array {
  const out = new Int32Array(pairs.size * 3);
  let i = 0;
  for (let a = pairs.firstChild[0]!; a !== 0; a = pairs.nextSibling[a]!) {
    for (let b = pairs.firstChild[a]!; b !== 0; b = pairs.nextSibling[b]!) {
      out[i++] = pairs.label[a]!;
      out[i++] = pairs.label[b]!;
      out[i++] = pairs.count[b]!;
    }
  }
  return out.slice(0, i);
}

/** Adds `n` to the count of the pair (first, second). */
function addPair(pairs: IntTrie, first: number, second: number, n: number): void {
  // The node first: adding it may replace the count array.
  const node = pairs.child(pairs.child(0, first), second);
  pairs.count[node]! += n;
}

/** The count of the pair (first, second), 0 if never added. */
function pairCount(pairs: IntTrie, first: number, second: number): number {
  const a = pairs.find(0, first);
  const b = a === 0 ? 0 : pairs.find(a, second);
  return b === 0 ? 0 : pairs.count[b]!;
}

function add(m: Map<string, number>, k: string, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

// ── Merge ────────────────────────────────────────────────────────────────────

/**
 * The n-grams of the whole corpus: a trie over corpus word numbers (a node
 * is the n-gram spelled by its path) with, per node, its count, the number
 * of meetings using it, and its speakers.
 */
export class CorpusGrams extends IntTrie {
  meetings: Int32Array = new Int32Array(this.capacity);
  /** The last document (its place in the merge) that used a node, for `meetings`. */
  lastDoc: Int32Array = new Int32Array(this.capacity).fill(-1);
  /** The first speaker (by number) to use a node; the others join `more`. */
  speaker: Int32Array = new Int32Array(this.capacity).fill(-1);
  /** Nodes used by more than one speaker: all their speakers. */
  readonly more = new Map<number, Set<number>>();

  protected override resized(capacity: number): void {
    const last = this.meetings.length;
    this.meetings = grown(this.meetings, capacity);
    this.lastDoc = grown(this.lastDoc, capacity).fill(-1, last);
    this.speaker = grown(this.speaker, capacity).fill(-1, last);
  }

  /** Adds `n` uses of `node` by `speaker` in document `doc`. */
  use(node: number, n: number, doc: number, speaker: number): void {
    this.count[node]! += n;
    if (this.lastDoc[node] !== doc) {
      this.lastDoc[node] = doc;
      this.meetings[node]!++;
    }
    this.spokenBy(node, speaker);
  }

  /** Records that `speaker` uses `node`. */
  spokenBy(node: number, speaker: number): void {
    const first = this.speaker[node]!;
    if (first < 0) this.speaker[node] = speaker;
    else if (first !== speaker || this.more.has(node)) {
      let all = this.more.get(node);
      if (!all) {
        all = new Set([first]);
        this.more.set(node, all);
      }
      all.add(speaker);
    }
  }

  /** Distinct speakers of a node. */
  speakers(node: number): number {
    return this.more.get(node)?.size ?? (this.speaker[node]! < 0 ? 0 : 1);
  }
}

export interface NgramCounts {
  /** The corpus's words, by number. */
  words: string[];
  /** The tree of n-grams over word numbers. */
  tree: CorpusGrams;
  /** n-gram → dictionary key → occurrences inside a match of the key. */
  covered: Map<string, Map<string, number>>;
  positions: { bigrams: number; trigrams: number };
  /** Marginals by word number (see the top of the file). */
  first2: number[];
  last2: number[];
  first3: number[];
  last3: number[];
  /** Trigram positions by their first two / last two words (pairs of word numbers). */
  firstPair3: IntTrie;
  lastPair3: IntTrie;
}

/** Sums of the parts (the order of the parts does not matter). */
export function mergeNgrams(parts: Iterable<NgramsPart>): NgramCounts {
  const fold = new NgramsFold();
  for (const p of parts) fold.add(p);
  return fold.counts;
}

/** mergeNgrams one part at a time (fold each document in as it arrives, then let it go). */
export class NgramsFold {
  readonly counts: NgramCounts = {
    words: [],
    tree: new CorpusGrams(1 << 16),
    covered: new Map(),
    positions: { bigrams: 0, trigrams: 0 },
    first2: [],
    last2: [],
    first3: [],
    last3: [],
    firstPair3: new IntTrie(1 << 16),
    lastPair3: new IntTrie(1 << 16),
  };
  private readonly wordIds = new Map<string, number>();
  private readonly speakerIds = new Map<string, number>();
  private docs = 0;

  private wordId(form: string): number {
    let id = this.wordIds.get(form);
    if (id === undefined) {
      id = this.counts.words.length;
      this.wordIds.set(form, id);
      this.counts.words.push(form);
      for (const k of MARGINALS) this.counts[k].push(0);
    }
    return id;
  }

  private speakerId(name: string): number {
    let id = this.speakerIds.get(name);
    if (id === undefined) {
      id = this.speakerIds.size;
      this.speakerIds.set(name, id);
    }
    return id;
  }

  /** This fold as plain data (structured-clone safe): see SavedNgrams. */
  save(): SavedNgrams {
    const c = this.counts;
    const tree = c.tree;
    const out = new Int32Array((tree.size - 1) * 5);
    const several: Int32Array[] = [];
    let at = 0;
    const walk = (node: number, depth: number) => {
      for (let g = tree.firstChild[node]!; g !== 0; g = tree.nextSibling[g]!) {
        out[at++] = tree.label[g]!;
        out[at++] = depth;
        out[at++] = tree.count[g]!;
        out[at++] = tree.meetings[g]!;
        const all = tree.more.get(g);
        if (all) {
          out[at++] = -2 - several.length;
          several.push(Int32Array.from(all));
        } else out[at++] = tree.speaker[g]!;
        walk(g, depth + 1);
      }
    };
    walk(0, 1);
    return {
      words: [...c.words],
      speakers: [...this.speakerIds.keys()],
      docs: this.docs,
      tree: out.subarray(0, at),
      several,
      covered: [...c.covered].flatMap(([gram, keys]) =>
        [...keys].map(([key, n]) => [gram, key, n] as [string, string, number]),
      ),
      positions: { ...c.positions },
      first2: Int32Array.from(c.first2),
      last2: Int32Array.from(c.last2),
      first3: Int32Array.from(c.first3),
      last3: Int32Array.from(c.last3),
      firstPair3: packPairs(c.firstPair3),
      lastPair3: packPairs(c.lastPair3),
    };
  }

  /** Adds the positions, marginals, pair counts and dictionary cover of a part or a saved fold (`own`: its word numbers here). */
  private addSums(from: NgramSums, own: readonly number[]): void {
    const out = this.counts;
    out.positions.bigrams += from.positions.bigrams;
    out.positions.trigrams += from.positions.trigrams;
    for (const k of MARGINALS) {
      const counts = from[k];
      const into = out[k];
      for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) into[own[i]!]! += counts[i]!;
    }
    addPairs(out.firstPair3, from.firstPair3, own);
    addPairs(out.lastPair3, from.lastPair3, own);
    for (const [gram, key, n] of from.covered) {
      let keys = out.covered.get(gram);
      if (!keys) {
        keys = new Map();
        out.covered.set(gram, keys);
      }
      add(keys, key, n);
    }
  }

  /** Folds in a saved fold of other documents (the same as adding their parts here). */
  combine(s: SavedNgrams): void {
    const own = s.words.map((w) => this.wordId(w));
    this.addSums(s, own);
    const speakers = s.speakers.map((name) => this.speakerId(name));
    const tree = this.counts.tree;
    const path: number[] = [0];
    const t = s.tree;
    for (let i = 0; i < t.length; i += 5) {
      const depth = t[i + 1]!;
      const g = tree.child(path[depth - 1]!, own[t[i]!]!);
      path[depth] = g;
      // The documents are not this fold's: their meetings add up.
      tree.count[g]! += t[i + 2]!;
      tree.meetings[g]! += t[i + 3]!;
      const who = t[i + 4]!;
      if (who >= 0) tree.spokenBy(g, speakers[who]!);
      else if (who <= -2) for (const k of s.several[-2 - who]!) tree.spokenBy(g, speakers[k]!);
    }
    // Documents folded in later are numbered after these (CorpusGrams.use: `lastDoc`).
    this.docs += s.docs;
  }

  add(p: NgramsPart): void {
    const doc = this.docs++;
    // The document's word numbers → the corpus's.
    const own = p.words === '' ? [] : p.words.split('\n').map((w) => this.wordId(w));
    this.addSums(p, own);
    const tree = this.counts.tree;
    const path: number[] = [0];
    for (const u of p.units) {
      const speaker = this.speakerId(u.speaker);
      const grams = u.grams;
      for (let i = 0; i < grams.length; i += 2) {
        const depth = grams[i + 1]! & 7;
        const n = grams[i + 1]! >>> 3;
        const g = tree.child(path[depth - 1]!, own[grams[i]!]!);
        path[depth] = g;
        if (n > 0) tree.use(g, n, doc, speaker);
      }
    }
  }
}

/**
 * An NgramsFold as plain data (NgramsFold.save), to be combined into
 * another (NgramsFold.combine). Words and speakers are numbered by their
 * place in `words` and `speakers`.
 */
export interface SavedNgrams extends NgramSums {
  words: string[];
  speakers: string[];
  docs: number;
  /**
   * The tree depth first, five numbers per node: word, depth, count,
   * meetings, and its speaker (≥ 0), or −1 for none, or −2 − k for the
   * k-th list of `several` (a node used by more than one speaker).
   */
  tree: Int32Array;
  several: Int32Array[];
}

/** Adds [first, second, count] triples of a document's word numbers under the corpus's. */
function addPairs(into: IntTrie, triples: Int32Array, own: readonly number[]): void {
  for (let i = 0; i < triples.length; i += 3)
    addPair(into, own[triples[i]!]!, own[triples[i + 1]!]!, triples[i + 2]!);
}

const MARGINALS = ['first2', 'last2', 'first3', 'last3'] as const;

// ── Table ────────────────────────────────────────────────────────────────────

export interface NgramRow {
  ngram: string;
  n: number;
  count: number;
  meetings: number;
  speakers: number;
  /** null for 4-grams. */
  g2: number | null;
  attracted: boolean | null;
  in_dictionary: string;
  candidate: boolean;
}

export const NGRAM_COLUMNS: ReadonlyArray<keyof NgramRow & string> = [
  'ngram',
  'n',
  'count',
  'meetings',
  'speakers',
  'g2',
  'attracted',
  'in_dictionary',
  'candidate',
];

/** G² of one split: o11 n-gram count, r1 / c1 positions with the first / second part, n all positions. */
export function splitG2(
  o11: number,
  r1: number,
  c1: number,
  n: number,
): { g2: number; attracted: boolean } {
  // keyness.g2(a, b, n1, n2) is the G² of [[a, b], [n1 − a, n2 − b]]: here
  // a = o11 (first part, then second), b = c1 − o11 (another first part, then second),
  // n1 = r1, n2 = n − r1.
  return { g2: g2(o11, c1 - o11, r1, n - r1), attracted: o11 * n > r1 * c1 };
}

/** ngrams.csv rows, sorted by count desc, then n, then n-gram. */
export function ngramRows(
  counts: NgramCounts,
  settings: {
    /** Names of speakers and participants (registry names and aliases). */
    names?: readonly string[];
    /** Honorifics ("comrade", "ambassador"), from the registry. */
    honorifics?: readonly string[];
    /** The dictionary: a key behind honorifics ("comrade khrushchev") is no new entry. */
    dictionary?: Dictionary;
    options?: NgramOptions;
  } = {},
): NgramRow[] {
  const o = settings.options ?? NGRAM_DEFAULTS;
  // Every run of whole words of every name ("kim", "il sung", "kim il sung" …).
  const nameParts = new Set<string>();
  for (const name of new Set((settings.names ?? []).map(termForm))) {
    const w = name.split(' ');
    for (let i = 0; i < w.length; i++)
      for (let j = i + 1; j <= w.length; j++) nameParts.add(w.slice(i, j).join(' '));
  }
  const honorifics = new Set((settings.honorifics ?? []).map(termForm));
  /** The n-gram without its leading honorifics is empty or part of a name. */
  const isName = (words: readonly string[]): boolean => {
    let k = 0;
    while (k < words.length && honorifics.has(words[k]!)) k++;
    return k === words.length || nameParts.has(words.slice(k).join(' '));
  };
  /** Honorifics, then words that one dictionary match covers whole ("comrade khrushchev"). */
  const isTitledKey = (words: readonly string[]): boolean => {
    let k = 0;
    while (k < words.length && honorifics.has(words[k]!)) k++;
    if (k === 0 || k === words.length || !settings.dictionary) return false;
    const core = words.slice(k).join(' ');
    return matchDictionary(settings.dictionary, core).some(
      (m) => m.start === 0 && m.end === core.length,
    );
  };
  const rows: NgramRow[] = [];
  const { words } = counts;
  const { tree } = counts;
  const each = (node: number, ids: number[]) => {
    for (let g = tree.firstChild[node]!; g !== 0; g = tree.nextSibling[g]!) {
      ids.push(tree.label[g]!);
      if (tree.count[g]! >= o.minFrequency) rows.push(row(ids, g));
      each(g, ids);
      ids.pop();
    }
  };
  const row = (ids: readonly number[], g: number): NgramRow => {
    const count = tree.count[g]!;
    const meetings = tree.meetings[g]!;
    const w = ids.map((id) => words[id]!);
    const gram = w.join(' ');
    const n = ids.length;
    let assoc: { g2: number; attracted: boolean } | null = null;
    if (n === 2) {
      assoc = splitG2(
        count,
        counts.first2[ids[0]!]!,
        counts.last2[ids[1]!]!,
        counts.positions.bigrams,
      );
    } else if (n === 3) {
      const a = splitG2(
        count,
        counts.first3[ids[0]!]!,
        pairCount(counts.lastPair3, ids[1]!, ids[2]!),
        counts.positions.trigrams,
      );
      const b = splitG2(
        count,
        pairCount(counts.firstPair3, ids[0]!, ids[1]!),
        counts.last3[ids[2]!]!,
        counts.positions.trigrams,
      );
      assoc = a.g2 <= b.g2 ? a : b;
    }
    let inDictionary = '';
    let most = 0;
    for (const [key, k] of counts.covered.get(gram) ?? []) {
      if (k > most || (k === most && cmp(key, inDictionary) < 0)) {
        inDictionary = key;
        most = k;
      }
    }
    return {
      ngram: gram,
      n,
      count,
      meetings,
      speakers: tree.speakers(g),
      g2: assoc ? assoc.g2 : null,
      attracted: assoc ? assoc.attracted : null,
      in_dictionary: inDictionary,
      candidate:
        count >= o.candidates.minFrequency &&
        meetings >= o.candidates.minMeetings &&
        assoc?.attracted !== false &&
        inDictionary === '' &&
        !isName(w) &&
        !isTitledKey(w),
    };
  };
  each(0, []);
  rows.sort((a, b) => b.count - a.count || a.n - b.n || cmp(a.ngram, b.ngram));
  return rows;
}

export function ngramsMethods(options: NgramOptions = NGRAM_DEFAULTS): string {
  return (
    `Multi-word expressions are contiguous sequences of ${options.minN} to ${options.maxN} words ` +
    `within a sentence and a stretch of speech, kept when neither the first nor the last word is ` +
    `a stop word and used at least ${options.minFrequency} times, with their range in meetings ` +
    `and speakers and, for two and three words, the log-likelihood G² (Dunning 1993) of the ` +
    `expression against its parts (for three words, the weaker of its two splits); those used ` +
    `${options.candidates.minFrequency} times or more in ${options.candidates.minMeetings} or ` +
    `more meetings that no dictionary key matches are listed as candidate dictionary entries.`
  );
}

// ── Codebook ─────────────────────────────────────────────────────────────────

export const NGRAM_TABLES: TableSpec[] = [
  {
    name: 'ngrams',
    key: 'ngrams',
    rowLevel: false,
    unit: 'one n-gram (2 to 4 words)',
    description:
      'Multi-word expressions: contiguous runs of 2–4 words inside one sentence and one stretch of speech (never across an editorial insertion, stage direction, paragraph or turn), whose first and last words are not stop words (so no stop-word-only n-gram); only those used at least 3 times.',
    order: 'count desc, n, ngram',
    columns: [
      { name: 'ngram', description: 'The words, lower case, separated by one space.' },
      { name: 'n', description: 'Number of words (2, 3 or 4).' },
      { name: 'count', description: 'Occurrences in all speech.' },
      { name: 'meetings', description: 'Range: documents in which it occurs.' },
      { name: 'speakers', description: 'Range: distinct speakers who use it.' },
      {
        name: 'g2',
        description:
          'Log-likelihood G² (Dunning 1993) of the n-gram against its parts over all n-gram positions of that length; for 3 words the smaller of the splits w1 | w2 w3 and w1 w2 | w3. Empty for 4-grams.',
      },
      {
        name: 'attracted',
        description:
          'true when the parts occur together more often than expected (for the split whose G² is given); a G² with attracted = false measures avoidance. Empty for 4-grams.',
      },
      {
        name: 'in_dictionary',
        description:
          'The dictionary key one of whose patterns matches the whole n-gram; empty if none.',
      },
      {
        name: 'candidate',
        description:
          'true for a candidate dictionary entry: used ≥ 5 times in ≥ 2 meetings, attracted, not matched whole by the dictionary, not the name of a speaker or participant, and not a dictionary key behind honorifics ("comrade khrushchev").',
      },
    ],
  },
];

// ── The analysis (analyses/contract.ts) ──────────────────────────────────────

declare module './tables.js' {
  interface Results {
    ngrams: NgramRow[];
  }
}

const partFunctions = new WeakMap<AnalysisSettings, ReturnType<typeof ngramsPart>>();

function partFor(settings: AnalysisSettings): ReturnType<typeof ngramsPart> {
  let f = partFunctions.get(settings);
  if (!f) {
    f = ngramsPart({
      dictionary: settings.dictionary,
      stopwords: stopwordSet(settings.stopwords),
    });
    partFunctions.set(settings, f);
  }
  return f;
}

export const ngrams = foldedAnalysis<NgramsPart, NgramsFold>({
  id: 'ngrams',
  description:
    'Multi-word expressions: 2- to 4-grams within sentences, with count, range (meetings, speakers), G² against their parts for 2–3-grams and candidate dictionary entries.',
  defaults: { ...NGRAM_DEFAULTS },
  tables: NGRAM_TABLES,
  perDocument: ({ transcript, annotated }, settings) => partFor(settings)(transcript, annotated),
  // Sums of counts: the same in any order (NgramsFold).
  fold: {
    start: () => new NgramsFold(),
    add: (fold, part) => fold.add(part),
    save: (fold) => fold.save(),
    combine: (fold, saved) => fold.combine(saved as SavedNgrams),
    finish: (fold, ctx) => ({
      ngrams: ngramRows(fold.counts, {
        names: ctx.transcripts.flatMap((t) => [...t.speakers, ...t.metadata.participants]),
        honorifics: ctx.honorifics ?? [],
        dictionary: ctx.dictionary,
      }),
    }),
  },
  methods: (results) => (results.ngrams.length > 0 ? ngramsMethods() : undefined),
});
