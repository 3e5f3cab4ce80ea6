/**
 * Collocates (collocates.csv): the words that occur near a node, per group
 * of speech (the whole corpus, each side, each period, each side in each
 * period, each speaker), with the standard association measures.
 *
 * Node: a dictionary key (its matches are exactly those counted in
 * phrases.csv's rules, analyses/dictionary.ts: overlapping keys resolved the
 * same way) or a term given on the command line (`--collocates WORD`,
 * matched like a pattern of its own, so `revisionis*` works too).
 *
 * Window: `window.left` words before the first word of a match and
 * `window.right` words after its last word (default 5 and 5), inside one
 * stretch of speech (analyses/stretches.ts): never across the end of a turn,
 * an editorial insertion, a stage direction or a paragraph break. Words of
 * any node match are never collocates (of that node). Where the windows of
 * two matches overlap, a word in both is counted once (Evert 2008, "Corpora
 * and collocations", §5: the window region as a set of positions).
 *
 * The 2×2 table of a node n and a word c in one group: every word of the
 * group's speech that is not part of a match of n, cross-classified by
 * "inside a window of n" and "is c":
 *
 *                 c            not c
 *   in window     O11          O12 = W − O11
 *   outside       O21 = f_c − O11   O22 = N − W − O21
 *
 * N = words of the group's speech minus the words inside n's matches;
 * W = words in n's window region; f_c = occurrences of c among the N words;
 * f_n = n's matches. Expected E11 = W · f_c / N.
 * - g2: log-likelihood G² of the table (Dunning 1993), 2 Σ O ln(O/E).
 * - mi: pointwise mutual information log2(O11 / E11) (Church & Hanks 1990).
 * - t_score: (O11 − E11) / √O11 (Church et al. 1991).
 * - log_dice: 14 + log2(2 · O11 / (f_n + f_c)) (Rychlý 2008); 14 is the
 *   maximum when each occurrence of c is next to one of n, and with a wide
 *   window O11 may exceed f_n, so values above 14 are possible.
 *
 * Collocates: words with a letter (and two letters or digits: no initials) that are not in the stop-word list
 * (corpus/stopwords.txt, the same list as terms.csv, compared on the word
 * form) and not among KEPT_FUNCTION_WORDS; stop words still take their
 * place in the window and in N. A row is written when O11 ≥ minFrequency
 * (default 3). Ranks within (group, node): rank_log_dice over every row by
 * log_dice desc, then observed desc, then collocate; rank_g2 over the rows
 * with O11 > E11 (attracted; the others have no rank_g2) by g2 desc, then
 * collocate.
 */

import { round } from '../pipeline/figures/data.js';
import { listText } from '../pipeline/figures/kit.js';
import {
  compareText,
  NO_SIDES,
  PANEL_WIDTH,
  type SideColours,
  sideOrder,
  sideScale,
  themeConfig,
} from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import type { Transcript } from '../pipeline/types.js';
import { type Comparisons, inPeriod, type Period } from './comparisons.js';
import { type AnalysisSettings, defineAnalysis } from './contract.js';
import { type DictionaryMatch, dictionaryFromTerms, headlineKeys } from './dictionary.js';
import { sidePalette } from './figure-options.js';
import { g2 } from './keyness.js';
import { PairMemo } from './pair-memo.js';
import { KEPT_FUNCTION_WORDS, stopwordSet } from './stopwords.js';
import { type Stretches, stretchesOf, stretchMatches } from './stretches.js';
import type { TableSpec } from './tables.js';
import { cmp } from './terms.js';
import type { Dictionary } from './types.js';

export interface CollocateOptions {
  window: { left: number; right: number };
  /** Rows need at least this many co-occurrences (O11). */
  minFrequency: number;
  /**
   * The period groups: the two periods keyness compares (corpus.yaml
   * comparisons.periods, or the default chosen from the data), each labelled
   * by its name. None by default.
   */
  periods: ReadonlyArray<Period>;
}

export const COLLOCATE_DEFAULTS: Readonly<CollocateOptions> = Object.freeze({
  window: { left: 5, right: 5 },
  minFrequency: 3,
  periods: [],
});

export interface CollocateSettings {
  dictionary: Dictionary;
  /** Dictionary keys used as nodes (keys not in the dictionary are ignored). */
  keys: readonly string[];
  /** Command-line node terms (`--collocates`). */
  terms: readonly string[];
  /** Lower-cased stop words (analyses/stopwords.ts stopwordSet). */
  stopwords: ReadonlySet<string>;
  window?: CollocateOptions['window'];
}

/**
 * Counts by word number: [number, count] pairs, numbers ascending. A part's
 * numbers index its `words`; the merge's, GroupCounts.forms.
 */
type Counts = Int32Array;

export interface NodeCounts {
  node: string;
  /** Matches of the node (f_n). */
  hits: number;
  /** Words inside its matches (left out of N). */
  nodeWords: number;
  /** Words in its window region (W). */
  window: number;
  /** Collocate candidates inside its matches (taken off f_c). */
  inside: Counts;
  /** Collocate candidates in its window region (O11 per word). */
  cooc: Counts;
}

/** One speaker's speech in one document. */
export interface CollocateUnit {
  speaker: string;
  side: string;
  /** Words of the speech. */
  words: number;
  /** Occurrences of every collocate candidate. */
  freq: Counts;
  /** Only nodes with at least one match. */
  nodes: NodeCounts[];
}

/** The per-document part: compact plain data (structured-clone-able). */
export interface CollocatesPart {
  docId: string;
  date: string;
  /** The document's collocate candidates, by number: one per line. */
  words: string;
  units: CollocateUnit[];
}

export interface CollocateNode {
  node: string;
  kind: 'key' | 'term';
}

/** The nodes in the order they are reported: keys as listed, then terms. */
export function collocateNodes(
  settings: Pick<CollocateSettings, 'dictionary' | 'keys' | 'terms'>,
): CollocateNode[] {
  const inDict = new Set(settings.dictionary.entries.map((e) => e.key));
  const out: CollocateNode[] = [];
  const seen = new Set<string>();
  for (const k of settings.keys) {
    if (inDict.has(k) && !seen.has(k)) {
      seen.add(k);
      out.push({ node: k, kind: 'key' });
    }
  }
  for (const e of dictionaryFromTerms(settings.terms).entries) {
    if (!seen.has(e.key)) {
      seen.add(e.key);
      out.push({ node: e.key, kind: 'term' });
    }
  }
  return out;
}

/**
 * A word that can be a collocate: it has a letter and at least two letters
 * or digits (not an initial such as the "n" of "N. Khrushchev"), and it is
 * neither a stop word nor one of the kept function words.
 */
export function isCandidate(form: string, stopwords: ReadonlySet<string>): boolean {
  return (
    !stopwords.has(form) &&
    !KEPT_FUNCTION_WORDS.has(form) &&
    /\p{L}/u.test(form) &&
    /[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(form)
  );
}

const candidateMemo = new WeakMap<ReadonlySet<string>, Map<string, boolean>>();

/** isCandidate for one stop-word list, remembered per word form (a corpus has few forms). */
export function candidateTest(stopwords: ReadonlySet<string>): (form: string) => boolean {
  let known = candidateMemo.get(stopwords);
  if (!known) {
    known = new Map();
    candidateMemo.set(stopwords, known);
  }
  const seen = known;
  return (form) => {
    let v = seen.get(form);
    if (v === undefined) {
      v = isCandidate(form, stopwords);
      seen.set(form, v);
    }
    return v;
  };
}

const flagMemo = new PairMemo<Stretches, ReadonlySet<string>, Uint8Array>();

/**
 * Which of a document's word forms (its stretches' `forms`, by number) can
 * be collocates or n-gram ends under one stop-word list: worked out once per
 * document for both analyses.
 */
export function candidateFlags(stretches: Stretches, stopwords: ReadonlySet<string>): Uint8Array {
  return flagMemo.get(stretches, stopwords, () => {
    const candidateOf = candidateTest(stopwords);
    return Uint8Array.from(stretches.forms, (form) => (candidateOf(form) ? 1 : 0));
  });
}

const NO_MATCHES: readonly DictionaryMatch[] = [];

/** The per-document function (per-configuration work done once). */
export function collocatesPart(
  settings: CollocateSettings,
): (t: Pick<Transcript, 'docId' | 'metadata' | 'text' | 'segments' | 'turns'>) => CollocatesPart {
  const nodes = collocateNodes(settings);
  const keyNodes = new Set(nodes.filter((n) => n.kind === 'key').map((n) => n.node));
  const termDict = dictionaryFromTerms(nodes.filter((n) => n.kind === 'term').map((n) => n.node));
  const { left, right } = settings.window ?? COLLOCATE_DEFAULTS.window;
  if (!(Number.isInteger(left) && Number.isInteger(right) && left >= 0 && right >= 0))
    throw new RangeError(`expected a window of whole numbers of words ≥ 0, found ${left}/${right}`);
  return (t) => {
    const stretches = stretchesOf(t);
    // The document's candidates numbered 0…k−1 (−1: not a candidate), so
    // that counting is adding to arrays.
    const words: string[] = [];
    const flags = candidateFlags(stretches, settings.stopwords);
    const candidate = Int32Array.from(stretches.forms, (form, i) =>
      flags[i] ? words.push(form) - 1 : -1,
    );
    const k = words.length;
    // Scratch marks for one stretch, all 0 between uses.
    let marks = new Uint8Array(256);
    const units = new Map<
      string,
      { side: string; words: number; freq: Int32Array; nodes: Map<string, PartNode> }
    >();
    for (const turn of t.turns) {
      let u = units.get(turn.speaker);
      if (!u) {
        u = { side: turn.side, words: 0, freq: new Int32Array(k), nodes: new Map() };
        units.set(turn.speaker, u);
      }
      const own = stretches.get(turn.turn) ?? [];
      const keysIn = stretchMatches(t, settings.dictionary, turn.text, own);
      const termsIn =
        termDict.entries.length > 0 ? stretchMatches(t, termDict, turn.text, own) : [];
      for (let j = 0; j < own.length; j++) {
        const s = own[j]!;
        const ids = s.ids;
        const n = ids.length;
        u.words += n;
        for (let i = 0; i < n; i++) {
          const c = candidate[ids[i]!]!;
          if (c >= 0) u.freq[c]!++;
        }
        const keyMatches = keysIn[j]!;
        const termMatches = termsIn[j] ?? NO_MATCHES;
        if (keyMatches.length === 0 && termMatches.length === 0) continue;
        const byNode = new Map<string, Array<[first: number, last: number]>>();
        for (const list of [keyMatches, termMatches]) {
          for (const m of list) {
            if (list === keyMatches && !keyNodes.has(m.key)) continue;
            // The words the match touches (a match inside a word cannot happen: patterns are whole words).
            const first = firstWordEndingAfter(s.ends, m.start);
            const last = firstWordStartingAtOrAfter(s.starts, m.end) - 1;
            if (first > last) continue;
            const spans = byNode.get(m.key);
            if (spans) spans.push([first, last]);
            else byNode.set(m.key, [[first, last]]);
          }
        }
        if (byNode.size === 0) continue;
        if (marks.length < n) marks = new Uint8Array(Math.max(n, 2 * marks.length));
        for (const [node, spans] of byNode) {
          let c = u.nodes.get(node);
          if (!c) {
            c = {
              hits: 0,
              nodeWords: 0,
              window: 0,
              inside: new Int32Array(k),
              cooc: new Int32Array(k),
            };
            u.nodes.set(node, c);
          }
          // marks[i]: 2 inside a match of the node, 1 in its window only, 0 neither;
          // only the words from the first window's start to the last window's end are looked at.
          let from = n;
          let to = 0;
          for (const [first, last] of spans) {
            c.hits++;
            const lo = Math.max(0, first - left);
            const hi = Math.min(n, last + right + 1);
            if (lo < from) from = lo;
            if (hi > to) to = hi;
            for (let i = lo; i < first; i++) if (marks[i] === 0) marks[i] = 1;
            for (let i = first; i <= last; i++) marks[i] = 2;
            for (let i = last + 1; i < hi; i++) if (marks[i] === 0) marks[i] = 1;
          }
          for (let i = from; i < to; i++) {
            const mark = marks[i]!;
            if (mark === 0) continue;
            marks[i] = 0;
            const w = candidate[ids[i]!]!;
            if (mark === 2) {
              c.nodeWords++;
              if (w >= 0) c.inside[w]!++;
            } else {
              c.window++;
              if (w >= 0) c.cooc[w]!++;
            }
          }
        }
      }
    }
    const order = new Map(nodes.map((n, i) => [n.node, i]));
    return {
      docId: t.docId,
      date: t.metadata.date,
      words: words.join('\n'),
      units: [...units].map(([speaker, u]) => ({
        speaker,
        side: u.side,
        words: u.words,
        freq: pairs(u.freq),
        nodes: [...u.nodes]
          .sort((a, b) => order.get(a[0])! - order.get(b[0])!)
          .map(([node, c]) => ({
            node,
            hits: c.hits,
            nodeWords: c.nodeWords,
            window: c.window,
            inside: pairs(c.inside),
            cooc: pairs(c.cooc),
          })),
      })),
    };
  };
}

/** A node's counts in one unit while counting: counts by candidate number. */
interface PartNode {
  hits: number;
  nodeWords: number;
  window: number;
  inside: Int32Array;
  cooc: Int32Array;
}

/** The index of the first word whose end is after `at` (`ends`: the words' ends, in text order). */
function firstWordEndingAfter(ends: Int32Array, at: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of the first word that starts at or after `at` (`starts`: the words' starts, in text order). */
function firstWordStartingAtOrAfter(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! >= at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The non-zero counts as [number, count] pairs. */
function pairs(counts: Int32Array): Int32Array {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) n++;
  const out = new Int32Array(2 * n);
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    out[at++] = i;
    out[at++] = counts[i]!;
  }
  return out;
}

// ── Merge ────────────────────────────────────────────────────────────────────

export type GroupType = 'corpus' | 'side' | 'period' | 'side-period' | 'speaker';
const GROUP_ORDER: readonly GroupType[] = ['corpus', 'side', 'period', 'side-period', 'speaker'];

/** Counts by corpus word number (GroupCounts.forms), growing as words are numbered. */
export class Tally {
  counts = new Int32Array(64);

  add(word: number, n: number): void {
    if (word >= this.counts.length) {
      const grown = new Int32Array(Math.max(word + 1, 2 * this.counts.length));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[word]! += n;
  }

  get(word: number): number {
    return word < this.counts.length ? this.counts[word]! : 0;
  }
}

/** A node's counts in one group. */
export interface NodeAgg {
  hits: number;
  nodeWords: number;
  window: number;
  inside: Tally;
  cooc: Tally;
}

export interface GroupCounts {
  groupType: GroupType;
  group: string;
  words: number;
  /** The words the tallies number (shared by every group of one merge). */
  forms: readonly string[];
  freq: Tally;
  nodes: Map<string, NodeAgg>;
}

/** The name of the period a date falls in, or undefined outside every period. */
export function periodOf(
  date: string,
  periods: CollocateOptions['periods'] = COLLOCATE_DEFAULTS.periods,
): string | undefined {
  return periods.find((p) => inPeriod(date, p))?.name;
}

/**
 * The counts of every group, summed over the parts. Sums do not depend on
 * the order of the parts; the result is sorted by group type, then group.
 */
export function mergeCollocates(
  parts: Iterable<CollocatesPart>,
  periods: CollocateOptions['periods'] = COLLOCATE_DEFAULTS.periods,
): GroupCounts[] {
  const fold = new CollocatesFold(periods);
  for (const p of parts) fold.add(p);
  return fold.groups();
}

/**
 * mergeCollocates one part at a time, so that a caller can fold each
 * document's part in as it arrives and let it go (the sums are the same in
 * any order).
 */
export class CollocatesFold {
  private readonly byId = new Map<string, GroupCounts>();
  /** Corpus word numbers. */
  private readonly forms: string[] = [];
  private readonly number = new Map<string, number>();

  constructor(private readonly periods: CollocateOptions['periods'] = COLLOCATE_DEFAULTS.periods) {}

  add(p: CollocatesPart): void {
    const period = periodOf(p.date, this.periods);
    // The part's word numbers → the corpus's.
    const local = p.words === '' ? [] : p.words.split('\n');
    const corpus = Int32Array.from(local, (form) => {
      let id = this.number.get(form);
      if (id === undefined) {
        id = this.forms.length;
        this.number.set(form, id);
        this.forms.push(form);
      }
      return id;
    });
    for (const u of p.units) {
      this.into('corpus', 'all', u, corpus);
      this.into('side', u.side, u, corpus);
      if (period !== undefined) {
        this.into('period', period, u, corpus);
        this.into('side-period', `${u.side} ${period}`, u, corpus);
      }
      this.into('speaker', u.speaker, u, corpus);
    }
  }

  groups(): GroupCounts[] {
    return [...this.byId.values()].sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.groupType) - GROUP_ORDER.indexOf(b.groupType) ||
        cmp(a.group, b.group),
    );
  }

  private into(groupType: GroupType, group: string, u: CollocateUnit, corpus: Int32Array): void {
    const id = `${groupType}\u0000${group}`;
    let g = this.byId.get(id);
    if (!g) {
      g = { groupType, group, words: 0, forms: this.forms, freq: new Tally(), nodes: new Map() };
      this.byId.set(id, g);
    }
    g.words += u.words;
    addPairs(g.freq, u.freq, corpus);
    for (const c of u.nodes) {
      let d = g.nodes.get(c.node);
      if (!d) {
        d = { hits: 0, nodeWords: 0, window: 0, inside: new Tally(), cooc: new Tally() };
        g.nodes.set(c.node, d);
      }
      d.hits += c.hits;
      d.nodeWords += c.nodeWords;
      d.window += c.window;
      addPairs(d.inside, c.inside, corpus);
      addPairs(d.cooc, c.cooc, corpus);
    }
  }
}

/** Adds a part's [number, count] pairs to a tally, its numbers mapped by `corpus`. */
function addPairs(into: Tally, pairs: Int32Array, corpus: Int32Array): void {
  for (let i = 0; i < pairs.length; i += 2) into.add(corpus[pairs[i]!]!, pairs[i + 1]!);
}

// ── Measures and table ───────────────────────────────────────────────────────

export interface Association {
  expected: number;
  g2: number;
  mi: number;
  t_score: number;
  log_dice: number;
}

/**
 * The measures of one node–collocate pair from the cells described at the top:
 * o11 co-occurrences, fn node matches, fc collocate frequency, w window
 * words, n words in the table.
 */
export function association(
  o11: number,
  fn: number,
  fc: number,
  w: number,
  n: number,
): Association {
  const expected = n > 0 ? (w * fc) / n : 0;
  return {
    expected,
    // keyness.g2(a, b, n1, n2) is the G² of [[a, b], [n1 − a, n2 − b]]: columns
    // "c" / "not c" become rows "in window" / "outside" here (G² is symmetric).
    g2: g2(o11, fc - o11, w, n - w),
    mi: o11 > 0 && expected > 0 ? Math.log2(o11 / expected) : Number.NaN,
    t_score: o11 > 0 ? (o11 - expected) / Math.sqrt(o11) : Number.NaN,
    log_dice: o11 > 0 && fn + fc > 0 ? 14 + Math.log2((2 * o11) / (fn + fc)) : Number.NaN,
  };
}

export interface CollocateRow {
  group_type: string;
  group: string;
  node: string;
  node_kind: string;
  collocate: string;
  observed: number;
  expected: number;
  node_freq: number;
  collocate_freq: number;
  window_words: number;
  words: number;
  g2: number;
  mi: number;
  t_score: number;
  log_dice: number;
  rank_log_dice: number;
  /** null for a collocate that occurs less often than expected. */
  rank_g2: number | null;
}

export const COLLOCATE_COLUMNS: ReadonlyArray<keyof CollocateRow & string> = [
  'group_type',
  'group',
  'node',
  'node_kind',
  'collocate',
  'observed',
  'expected',
  'node_freq',
  'collocate_freq',
  'window_words',
  'words',
  'g2',
  'mi',
  't_score',
  'log_dice',
  'rank_log_dice',
  'rank_g2',
];

/** collocates.csv: sorted by group type, group, node (as listed), rank_log_dice. */
export function collocateRows(
  groups: readonly GroupCounts[],
  nodes: readonly CollocateNode[],
  minFrequency = COLLOCATE_DEFAULTS.minFrequency,
): CollocateRow[] {
  const out: CollocateRow[] = [];
  for (const g of groups) {
    for (const { node, kind } of nodes) {
      const c = g.nodes.get(node);
      if (!c) continue;
      const n = g.words - c.nodeWords;
      const rows: CollocateRow[] = [];
      const cooc = c.cooc.counts;
      for (let w = 0; w < cooc.length; w++) {
        const o11 = cooc[w]!;
        if (o11 === 0 || o11 < minFrequency) continue;
        const word = g.forms[w]!;
        const fc = g.freq.get(w) - c.inside.get(w);
        const a = association(o11, c.hits, fc, c.window, n);
        rows.push({
          group_type: g.groupType,
          group: g.group,
          node,
          node_kind: kind,
          collocate: word,
          observed: o11,
          expected: a.expected,
          node_freq: c.hits,
          collocate_freq: fc,
          window_words: c.window,
          words: n,
          g2: a.g2,
          mi: a.mi,
          t_score: a.t_score,
          log_dice: a.log_dice,
          rank_log_dice: 0,
          rank_g2: null,
        });
      }
      [...rows]
        .filter((r) => r.observed > r.expected)
        .sort((a, b) => b.g2 - a.g2 || cmp(a.collocate, b.collocate))
        .forEach((r, i) => {
          r.rank_g2 = i + 1;
        });
      rows.sort(
        (a, b) =>
          b.log_dice - a.log_dice || b.observed - a.observed || cmp(a.collocate, b.collocate),
      );
      rows.forEach((r, i) => {
        r.rank_log_dice = i + 1;
      });
      out.push(...rows);
    }
  }
  return out;
}

/** The methods sentence for the report. */
export function collocatesMethods(
  nodes: readonly CollocateNode[],
  options: Pick<CollocateOptions, 'window' | 'minFrequency'> = COLLOCATE_DEFAULTS,
): string {
  const list = nodes.map((n) => (n.kind === 'key' ? n.node : `"${n.node}"`)).join(', ');
  return (
    `Collocates of ${list || 'no node'} were counted in a window of ${options.window.left} words ` +
    `to the left and ${options.window.right} to the right of each match, within one stretch of ` +
    `speech (never across a turn, an editorial insertion, a stage direction or a paragraph ` +
    `break), and scored with log-likelihood G² (Dunning 1993), mutual information ` +
    `(Church & Hanks 1990), t-score and logDice (Rychlý 2008) from the 2×2 table of window ` +
    `against the rest of the group's speech; stop words were not ranked, and a collocate ` +
    `needed at least ${options.minFrequency} co-occurrences.`
  );
}

// ── Codebook ─────────────────────────────────────────────────────────────────

export const COLLOCATE_TABLES: TableSpec[] = [
  {
    name: 'collocates',
    key: 'collocates',
    rowLevel: false,
    unit: 'one collocate of one node in one group of speech',
    description:
      'Words near each node (a headline dictionary key or a --collocates term): within 5 words left and 5 right of a match, never across a turn, an editorial insertion, a stage direction or a paragraph break; stop words are not ranked but count as positions. Only collocates with observed ≥ 3. The 2×2 table behind each row: words of the group not in a match of the node, inside / outside its window × this word / other words.',
    order: 'group_type (corpus, side, period, side-period, speaker), group, node, rank_log_dice',
    columns: [
      {
        name: 'group_type',
        description:
          '"corpus" (everyone), "side", "period" (the documents in one of the two periods keyness compares: comparisons.periods in corpus.yaml, or the default from the dates), "side-period" or "speaker".',
      },
      {
        name: 'group',
        description:
          'The group: "all", a side, a period by its name (such as "1964-1966"), a side in a period ("DPRK 1964-1966"), or a speaker.',
      },
      {
        name: 'node',
        description: 'The node: a dictionary key, or a term given with --collocates.',
      },
      { name: 'node_kind', description: '"key" (dictionary key) or "term" (--collocates).' },
      {
        name: 'collocate',
        description: 'The word near the node (lower case, as spelt; not lemmatised).',
      },
      {
        name: 'observed',
        description:
          "O11: the word's occurrences inside the node's windows (a word in two overlapping windows counts once).",
      },
      {
        name: 'expected',
        description:
          'E11 = window_words × collocate_freq ÷ words: the occurrences expected inside the windows if the word were spread evenly.',
      },
      { name: 'node_freq', description: "f_n: the node's matches in the group." },
      {
        name: 'collocate_freq',
        description:
          "f_c: the word's occurrences in the group's speech (outside the node's matches).",
      },
      {
        name: 'window_words',
        description: "W: words inside the node's windows (outside its matches).",
      },
      { name: 'words', description: "N: words of the group's speech outside the node's matches." },
      {
        name: 'g2',
        description:
          'Log-likelihood G² of the 2×2 table (Dunning 1993): 2 Σ O·ln(O/E) over the four cells. 3.84 ≈ p 0.05, 10.83 ≈ p 0.001 (not corrected for the many words tested).',
      },
      {
        name: 'mi',
        description:
          'Mutual information log2(observed ÷ expected) (Church & Hanks 1990); favours rare words.',
      },
      {
        name: 't_score',
        description:
          '(observed − expected) ÷ √observed (Church et al. 1991); favours frequent words.',
      },
      {
        name: 'log_dice',
        description:
          'logDice = 14 + log2(2 × observed ÷ (node_freq + collocate_freq)) (Rychlý 2008); independent of corpus size; 14 at most when each occurrence of the word is next to one match.',
      },
      {
        name: 'rank_log_dice',
        description:
          'Rank within (group, node) by log_dice desc, then observed desc, then collocate.',
      },
      {
        name: 'rank_g2',
        description:
          'Rank within (group, node) by g2 desc, then collocate, among the words with observed > expected; empty for a word seen less often than expected.',
      },
    ],
  },
];

// ── The analysis (analyses/contract.ts) ──────────────────────────────────────

declare module './tables.js' {
  interface Results {
    collocates: CollocateRow[];
  }
}

const partFunctions = new WeakMap<AnalysisSettings, ReturnType<typeof collocatesPart>>();

/** The part function of one configuration (compiled once per settings object). */
function partFor(settings: AnalysisSettings): ReturnType<typeof collocatesPart> {
  let f = partFunctions.get(settings);
  if (!f) {
    f = collocatesPart({
      dictionary: settings.dictionary,
      keys: headlineKeys(settings.dictionary),
      terms: settings.collocateTerms ?? [],
      stopwords: stopwordSet(settings.stopwords),
    });
    partFunctions.set(settings, f);
  }
  return f;
}

/** The nodes of the rows, in the order the rows list them (keys as listed, then terms). */
export function nodesOf(rows: readonly CollocateRow[]): string[] {
  return [...new Set(rows.map((r) => r.node))];
}

/** The nodes a figure shows first: the --collocates terms (asked for by name), then the keys. */
function figureNodes(rows: readonly CollocateRow[]): string[] {
  const all = nodesOf(rows);
  const kind = new Map(rows.map((r) => [r.node, r.node_kind]));
  return [
    ...all.filter((n) => kind.get(n) === 'term'),
    ...all.filter((n) => kind.get(n) === 'key'),
  ];
}

const FIGURE_COLUMNS = [
  { name: 'node', description: 'The node (dictionary key or --collocates term).' },
  { name: 'group', description: 'The side, or the period.' },
  { name: 'side', description: 'The side (the colour); empty for periods.' },
  { name: 'collocate', description: 'The collocate; empty in the one row of a panel with none.' },
  {
    name: 'rank',
    description: 'Its rank by the measure shown (collocates.csv rank_log_dice or rank_g2).',
  },
  { name: 'value', description: 'The measure shown (the bar length): log_dice or g2.' },
  { name: 'observed', description: 'Occurrences in the windows.' },
  { name: 'expected', description: 'Occurrences expected in the windows.' },
  { name: 'node_freq', description: "The node's matches in the group." },
  { name: 'collocate_freq', description: "The collocate's occurrences in the group." },
  { name: 'log_dice', description: 'logDice (Rychlý 2008).' },
  { name: 'g2', description: 'Log-likelihood G² (Dunning 1993).' },
  { name: 'mi', description: 'Mutual information (Church & Hanks 1990).' },
  { name: 't_score', description: 't-score.' },
  {
    name: 'label',
    description:
      'The bar label: two-digit rank and collocate (the rank keeps each panel in order).',
  },
  {
    name: 'href',
    description:
      "Link to the report's concordance: the key's lines of that side or period whose context holds the collocate; empty for a --collocates term (no concordance lines unless also given with --kwic).",
  },
];

/** The two periods keyness compares, target first; none when there is no period comparison. */
export function comparedPeriods(c: Comparisons | undefined): Period[] {
  return c?.periods ? [c.periods.target, c.periods.reference] : [];
}

export const collocates = defineAnalysis<CollocatesPart>({
  id: 'collocates',
  description:
    'Collocates of the headline dictionary keys and of the --collocates terms, per corpus, side, period, side in a period and speaker: observed, expected, G², MI, t-score, logDice.',
  defaults: { ...COLLOCATE_DEFAULTS, nodes: 'the headline keys of dictionary.yaml' },
  tables: COLLOCATE_TABLES,
  perDocument: ({ transcript }, settings) => partFor(settings)(transcript),
  merge: (parts, ctx) => ({
    collocates: collocateRows(
      mergeCollocates(parts, comparedPeriods(ctx.comparisons)),
      collocateNodes({
        dictionary: ctx.dictionary,
        keys: headlineKeys(ctx.dictionary),
        terms: ctx.collocateTerms ?? [],
      }),
    ),
  }),
  figures: [
    (results, options) =>
      collocatesFigure(results.collocates, {
        nodes: figureNodes(results.collocates),
        sides: sidePalette(options),
        window: COLLOCATE_DEFAULTS.window,
        minFrequency: COLLOCATE_DEFAULTS.minFrequency,
      }),
    (results) =>
      collocatesFigure(results.collocates, {
        nodes: figureNodes(results.collocates),
        groupType: 'period',
        measure: 'g2',
        window: COLLOCATE_DEFAULTS.window,
        minFrequency: COLLOCATE_DEFAULTS.minFrequency,
      }),
  ],
  figureTables: [
    {
      id: 'collocates-by-side',
      unit: 'one collocate of one node for one side (its top 10 by logDice)',
      description:
        'The collocates figure by side: the top collocates of each node by logDice, for the two sides that spoke most.',
      order: 'node, side, rank',
      columns: FIGURE_COLUMNS,
    },
    {
      id: 'collocates-by-period',
      unit: 'one collocate of one node for one period (its top 10 by G², attracted only)',
      description:
        'The collocates figure by period: the top collocates of each node by G² in each of the two periods keyness compares.',
      order: 'node, period, rank',
      columns: FIGURE_COLUMNS,
    },
  ],
  methods: (results) =>
    results.collocates.length > 0
      ? collocatesMethods(
          nodesOf(results.collocates).map((node) => ({
            node,
            kind: results.collocates.find((r) => r.node === node)!
              .node_kind as CollocateNode['kind'],
          })),
        )
      : undefined,
});

// ── Figures ─────────────────────────────────────────────────────────────────

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
type Row = Record<string, string | number | boolean | null>;

/** Collocates shown per node and group. */
export const TOP_COLLOCATES = 10;
/** Nodes shown (one row of panels each); the rest are in collocates.csv. */
export const MAX_COLLOCATE_NODES = 6;

export type CollocateMeasure = 'log_dice' | 'g2';
const MEASURE_TITLE: Record<CollocateMeasure, string> = {
  log_dice: 'logDice (Rychlý 2008)',
  g2: 'log-likelihood G² (Dunning 1993)',
};

export interface CollocatesFigureOptions {
  /** Which groups are set side by side: the sides, or the periods. */
  groupType?: 'side' | 'period';
  measure?: CollocateMeasure;
  /** Nodes in the order wanted (the first MAX_COLLOCATE_NODES are drawn). */
  nodes: readonly string[];
  window: { left: number; right: number };
  minFrequency: number;
  /** The corpus's sides, their order and colours (FigureOptions.sides). */
  sides?: SideColours;
}

/**
 * Per node, the top collocates of two groups side by side (the two sides
 * that spoke most, or the two periods), bars as long as the measure.
 */
export function collocatesFigure(
  rows: readonly CollocateRow[],
  options: CollocatesFigureOptions,
): Figure | undefined {
  const groupType = options.groupType ?? 'side';
  const measure = options.measure ?? 'log_dice';
  const { window, minFrequency } = options;
  const ofType = rows.filter((r) => r.group_type === groupType);
  // The two groups with the most words (any node's N plus its node words is close; the
  // largest N over the nodes is used), shown in legend order.
  const size = new Map<string, number>();
  for (const r of ofType) size.set(r.group, Math.max(size.get(r.group) ?? 0, r.words));
  const top2 = [...size]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, 2)
    .map(([g]) => g);
  const palette = options.sides ?? NO_SIDES;
  const groups = groupType === 'side' ? sideOrder(top2, palette) : [...top2].sort(compareText);
  // More than two sides: the caption names the two shown and those left out.
  const leftOut =
    groupType === 'side' ? sideOrder(size.keys(), palette).filter((g) => !groups.includes(g)) : [];
  const leftOutText =
    leftOut.length > 0
      ? `, the two sides that spoke the most words; ${listText(leftOut)}, in collocates.csv, ${leftOut.length === 1 ? 'is' : 'are'} not shown`
      : '';
  const rank = (r: CollocateRow): number | null => (measure === 'g2' ? r.rank_g2 : r.rank_log_dice);
  const present = options.nodes.filter((n) =>
    ofType.some((r) => r.node === n && groups.includes(r.group)),
  );
  const nodes = present.slice(0, MAX_COLLOCATE_NODES);
  const data: Row[] = [];
  for (const node of nodes) {
    for (const group of groups) {
      const picked = ofType
        .filter(
          (r) => r.node === node && r.group === group && (rank(r) ?? Infinity) <= TOP_COLLOCATES,
        )
        .sort((a, b) => rank(a)! - rank(b)!);
      if (picked.length === 0) {
        // Vega lays facet cells out in the order they occur, so an empty cell would shift
        // the others: the cell gets one row saying it is empty (a bar of length 0; a
        // null would be filtered out before the facets are made).
        data.push({
          node,
          group,
          side: groupType === 'side' ? group : '',
          collocate: '',
          rank: null,
          value: 0,
          observed: null,
          expected: null,
          node_freq: null,
          collocate_freq: null,
          log_dice: null,
          g2: null,
          mi: null,
          t_score: null,
          label: `00 (none seen ${minFrequency}+ times)`,
          href: null,
        });
      }
      for (const r of picked) {
        data.push({
          node,
          group,
          side: groupType === 'side' ? group : '',
          collocate: r.collocate,
          rank: rank(r),
          value: round(measure === 'g2' ? r.g2 : r.log_dice),
          observed: r.observed,
          expected: round(r.expected),
          node_freq: r.node_freq,
          collocate_freq: r.collocate_freq,
          log_dice: round(r.log_dice),
          g2: round(r.g2),
          mi: round(r.mi),
          t_score: round(r.t_score),
          // The facet cell's own y key, so each panel lists its own words in rank order.
          label: `${String(rank(r)).padStart(2, '0')} ${r.collocate}`,
          href: r.node_kind === 'key' ? concordanceLink(node, group, groupType, r.collocate) : null,
        });
      }
    }
  }
  if (data.length === 0) return undefined;
  const what = groupType === 'side' ? 'side' : 'period';
  const measureTitle = MEASURE_TITLE[measure];
  const alt =
    `Bar charts, one row per node (${nodes.join(', ')}) and one column per ${what} ` +
    `(${groups.join(', ')}), of the top ${TOP_COLLOCATES} collocates by ${measureTitle}.`;
  const spec = {
    $schema: SCHEMA,
    title: {
      text: `Collocates by ${what}`,
      subtitle: `Top ${TOP_COLLOCATES} words within ${window.left} left / ${window.right} right of each node, by ${measureTitle}`,
    },
    description: alt,
    data: { values: data },
    config: themeConfig(),
    facet: {
      row: {
        field: 'node',
        type: 'nominal',
        sort: nodes,
        title: null,
        header: { labelAngle: 0, labelAlign: 'left' },
      },
      column: { field: 'group', type: 'nominal', sort: groups, title: null },
    },
    spec: {
      width: PANEL_WIDTH / 2,
      height: { step: 14 },
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'label',
          type: 'nominal',
          sort: 'ascending',
          title: null,
          axis: { labelExpr: 'slice(datum.label, 3)' },
        },
        x: { field: 'value', type: 'quantitative', title: measureTitle },
        color:
          groupType === 'side'
            ? { field: 'side', type: 'nominal', title: 'Side', scale: sideScale(groups, palette) }
            : { value: '#4C78A8' },
        tooltip: [
          { field: 'node', title: 'Node' },
          { field: 'group', title: groupType === 'side' ? 'Side' : 'Period' },
          { field: 'collocate', title: 'Collocate' },
          { field: 'observed', type: 'quantitative', title: 'Observed in window' },
          { field: 'expected', type: 'quantitative', title: 'Expected', format: '.2f' },
          { field: 'collocate_freq', type: 'quantitative', title: 'Collocate frequency' },
          { field: 'node_freq', type: 'quantitative', title: 'Node frequency' },
          { field: 'log_dice', type: 'quantitative', title: 'logDice', format: '.2f' },
          { field: 'g2', type: 'quantitative', title: 'G²', format: '.2f' },
          { field: 'mi', type: 'quantitative', title: 'MI', format: '.2f' },
          { field: 't_score', type: 'quantitative', title: 't-score', format: '.2f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
  const caption =
    `For each node (a dictionary key, with all its patterns, or a --collocates term) and each ` +
    `${what} (${groups.join(' and ')}${leftOutText}), the ${TOP_COLLOCATES} words that occur most strongly ` +
    `within ${window.left} words to the left and ${window.right} to the right of its matches, ranked ` +
    `by ${measureTitle}` +
    (measure === 'g2' ? ', among words seen more often than expected' : '') +
    `. The window stays inside one stretch of speech: it never crosses a turn, an editorial ` +
    `insertion, a stage direction or a paragraph break. Stop words are not ranked. Minimum ` +
    `frequency: a word must occur at least ${minFrequency} times in the windows. Each ` +
    `${what}'s measures come from its own speech (the 2×2 table of window against the rest of ` +
    `that ${what}'s words), so bars of different ${what}s compare association, not frequency; ` +
    `observed and expected counts are in the tooltip and in collocates.csv. In the report, a ` +
    `bar of a dictionary key leads to the key's concordance lines of that ${what} that hold the word.` +
    (present.length > nodes.length
      ? ` Shown: ${nodes.length} of ${present.length} nodes; all are in collocates.csv.`
      : '');
  return {
    id: `collocates-by-${what}`,
    title: `Collocates by ${what}`,
    caption,
    alt,
    spec,
    data,
    columns: [
      'node',
      'group',
      'side',
      'collocate',
      'rank',
      'value',
      'observed',
      'expected',
      'node_freq',
      'collocate_freq',
      'log_dice',
      'g2',
      'mi',
      't_score',
      'label',
      'href',
    ],
  };
}

/**
 * The report's concordance filtered to a node's lines (its dictionary key)
 * of one side or period whose context holds the collocate
 * (pipeline/report/client.ts reads "#concordance?…"). The concordance
 * shows more context than the window, so it may hold a few lines where the
 * word is further away.
 */
export function concordanceLink(
  node: string,
  group: string,
  groupType: 'side' | 'period',
  collocate: string,
): string {
  const p = new URLSearchParams({ phrase: node, q: collocate });
  if (groupType === 'side') p.set('side', group);
  else {
    const [from, to] = group.split('-');
    p.set('from', `${from}-01-01`);
    p.set('to', `${to}-12-31`);
  }
  return `#concordance?${p.toString()}`;
}
