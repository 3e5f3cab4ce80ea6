/**
 * 4. Keyness (keyness.csv): which terms one part of the corpus uses more (or
 * less) than another.
 *
 * Comparisons (which sides and periods: ./comparisons.ts, from corpus.yaml or
 * the data):
 * - "side:<target> vs <reference>"     two sides (each one side or a group);
 * - "speaker:<name> vs rest"           each speaker against everyone else;
 * - "period:<target> vs <reference>"   documents dated in two named periods.
 *
 * For each term with count_target + count_reference ≥ minFrequency:
 * - g2: log-likelihood G² of the 2×2 table (Dunning 1993, "Accurate methods
 *   for the statistics of surprise and coincidence"): rows = term / all other
 *   words, columns = target / reference, corpus sizes = words spoken
 *   (pipeline/words.ts). G² = 2 Σ O·ln(O/E) over the four cells, with
 *   E = row total × column total / grand total and 0·ln 0 = 0.
 * - p: upper tail of the chi-square distribution with 1 degree of freedom at
 *   G², i.e. erfc(√(G²/2)). Not corrected for the many terms tested.
 * - log_ratio: Log Ratio (Hardie 2014, "Log Ratio — an informal introduction",
 *   CASS), log2 of (count_target / words_target) ÷ (count_reference /
 *   words_reference). A zero count is replaced by 0.5 so the ratio stays
 *   finite (Hardie's suggested adjustment). Positive = more frequent in the
 *   target; each unit is a doubling.
 * - range_target, range_reference: number of documents in which the target,
 *   and the reference, used the term (dispersion on each side: a term key for
 *   one side may be absent from every document of that side, range 0).
 *
 * Rows sorted by comparison, g2 desc, term.
 */
import { type Comparisons, comparisonLabels, inPeriod, resolveComparisons } from './comparisons.js';
import { TermCounts } from './counts.js';
import { c, type TableSpec } from './tables.js';
import { cmp, type SpeakerDoc } from './terms.js';
import type { KeynessRow } from './types.js';

export interface KeynessOptions {
  /** Terms used fewer times than this in target + reference are left out. */
  minFrequency: number;
  /**
   * The sides and periods compared (resolveComparisons); when absent, both
   * are chosen from the data by the documented default rule.
   */
  comparisons?: Comparisons;
  /** Compare each speaker with the rest. */
  speakers: boolean;
}

export const KEYNESS_DEFAULTS: Readonly<KeynessOptions> = Object.freeze({
  minFrequency: 5,
  speakers: true,
});

export const KEYNESS_COLUMNS: ReadonlyArray<keyof KeynessRow & string> = [
  'comparison',
  'target',
  'reference',
  'term',
  'count_target',
  'count_reference',
  'g2',
  'p',
  'log_ratio',
  'range_target',
  'range_reference',
];

/**
 * Dunning's G² for the 2×2 table
 *   [a, b]   term in target, term in reference
 *   [c, d]   other words in target (n1 − a), other words in reference (n2 − b).
 */
export function g2(a: number, b: number, n1: number, n2: number): number {
  const c = Math.max(0, n1 - a);
  const d = Math.max(0, n2 - b);
  const n = a + b + c + d;
  if (n === 0) return 0;
  const col1 = a + c;
  const col2 = b + d;
  const row1 = a + b;
  const row2 = c + d;
  const term = (o: number, e: number): number => (o > 0 && e > 0 ? o * Math.log(o / e) : 0);
  const sum =
    term(a, (row1 * col1) / n) +
    term(b, (row1 * col2) / n) +
    term(c, (row2 * col1) / n) +
    term(d, (row2 * col2) / n);
  return Math.max(0, 2 * sum);
}

/** Log Ratio (Hardie 2014) with zero counts replaced by 0.5. */
export function logRatio(a: number, b: number, n1: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  return Math.log2((a === 0 ? 0.5 : a) / n1 / ((b === 0 ? 0.5 : b) / n2));
}

/** P(X ≥ x) for X ~ chi-square with 1 degree of freedom: erfc(√(x/2)). */
export function chiSquare1P(x: number): number {
  if (!(x > 0)) return 1;
  return erfc(Math.sqrt(x / 2));
}

/**
 * Complementary error function. For x < 2: 1 − erf(x) with erf from its
 * Maclaurin series, 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)), which converges
 * fast there and loses no relative precision worth noting (erfc(2) ≈ 0.005).
 * For x ≥ 2: the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x +
 * 1/(x + (3/2)/(x + …)))), evaluated backwards from a fixed depth, which is
 * accurate to ~1e-15 relative for x ≥ 2 and does not underflow until e^(−x²) does.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let sum = 0;
    let power = x; // x^(2n+1) / n!
    for (let n = 0; n < 60; n++) {
      const t = power / (2 * n + 1);
      sum += n % 2 === 0 ? t : -t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
      power *= (x * x) / (n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export interface Side {
  counts: Map<string, number>;
  words: number;
  /** Documents using each term (for `range_target` / `range_reference`). */
  docs: Map<string, number>;
}

/**
 * Sums the counts and words of some speaker-documents, and counts the
 * documents using each term (the range columns). The units of one document
 * must be adjacent (as speakerDocs and the terms analysis's parts give
 * them), so a document is counted once per term by remembering the last
 * document that used it, without a set of documents per term.
 */
function pool(units: readonly SpeakerDoc[]): Side {
  const side: Side = { counts: new Map(), words: 0, docs: new Map() };
  const lastDoc = new Map<string, number>();
  const seen = new Set<string>();
  let doc = -1;
  let current: string | undefined;
  for (const u of units) {
    if (u.doc_id !== current) {
      if (seen.has(u.doc_id))
        throw new Error(`keyness: the units of document ${u.doc_id} are not adjacent`);
      seen.add(u.doc_id);
      current = u.doc_id;
      doc++;
    }
    side.words += u.words;
    for (const [term, n] of u.counts) {
      side.counts.set(term, (side.counts.get(term) ?? 0) + n);
      if (lastDoc.get(term) === doc) continue;
      lastDoc.set(term, doc);
      side.docs.set(term, (side.docs.get(term) ?? 0) + 1);
    }
  }
  return side;
}

/**
 * Per speaker, for each term, the number of documents in which that speaker
 * was its only user: a speaker's "rest" used a term in every document that
 * uses it except those. Counted one document at a time (a document's units
 * are adjacent), so nothing keyed by document and term is held.
 */
function soleUses(units: readonly SpeakerDoc[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  let from = 0;
  while (from < units.length) {
    let to = from + 1;
    while (to < units.length && units[to]!.doc_id === units[from]!.doc_id) to++;
    // The one speaker who used each term in this document, or '' when several did.
    const user = new Map<string, string>();
    for (let i = from; i < to; i++) {
      const u = units[i]!;
      for (const term of u.counts.keys()) {
        const was = user.get(term);
        user.set(term, was === undefined || was === u.speaker ? u.speaker : '');
      }
    }
    for (let i = from; i < to; i++) {
      const u = units[i]!;
      let own = out.get(u.speaker);
      if (!own) {
        own = new Map();
        out.set(u.speaker, own);
      }
      for (const term of u.counts.keys())
        if (user.get(term) === u.speaker) own.set(term, (own.get(term) ?? 0) + 1);
    }
    from = to;
  }
  return out;
}

/**
 * `all` less one speaker's `part` (counts, words and documents): the "rest" of
 * a one-against-the-rest comparison, without pooling the rest again. `sole`:
 * that speaker's soleUses.
 */
function minus(all: Side, part: Side, sole: ReadonlyMap<string, number> | undefined): Side {
  const counts = new Map(all.counts);
  for (const [term, n] of part.counts) {
    const left = (counts.get(term) ?? 0) - n;
    if (left > 0) counts.set(term, left);
    else counts.delete(term);
  }
  const docs = new Map(all.docs);
  for (const [term, n] of sole ?? []) {
    const left = (docs.get(term) ?? 0) - n;
    if (left > 0) docs.set(term, left);
    else docs.delete(term);
  }
  return { counts, words: all.words - part.words, docs };
}

/**
 * The speaker-documents without the names of the people present at each
 * meeting (`present`: doc_id → their term forms). A speaker addressing his
 * host by name ("Comrade Enver Hoxha, …") makes the name key to the guest's
 * side without saying anything about either side's language, so keyness
 * leaves those names out by default (--keyness-keep-names keeps them). The
 * words are unchanged: the names were spoken; they are only not compared.
 */
export function withoutPresentNames(
  units: readonly SpeakerDoc[],
  present: ReadonlyMap<string, ReadonlySet<string>>,
): SpeakerDoc[] {
  return units.map((u) => {
    const names = present.get(u.doc_id);
    if (!names || ![...names].some((n) => u.counts.has(n))) return u;
    if (u.counts instanceof TermCounts) return { ...u, counts: u.counts.without(names) };
    const counts = new Map(u.counts);
    for (const n of names) counts.delete(n);
    return { ...u, counts };
  });
}

/** One comparison's rows (unsorted). Empty when either part has no words. */
export function compare(
  comparison: string,
  targetName: string,
  referenceName: string,
  target: readonly SpeakerDoc[] | Side,
  reference: readonly SpeakerDoc[] | Side,
  minFrequency: number,
): KeynessRow[] {
  const t = Array.isArray(target) ? pool(target) : (target as Side);
  const r = Array.isArray(reference) ? pool(reference) : (reference as Side);
  if (t.words === 0 || r.words === 0) return [];
  const rows: KeynessRow[] = [];
  const terms = new Set([...t.counts.keys(), ...r.counts.keys()]);
  for (const term of terms) {
    const a = t.counts.get(term) ?? 0;
    const b = r.counts.get(term) ?? 0;
    if (a + b < minFrequency) continue;
    const g = g2(a, b, t.words, r.words);
    rows.push({
      comparison,
      target: targetName,
      reference: referenceName,
      term,
      count_target: a,
      count_reference: b,
      g2: g,
      p: chiSquare1P(g),
      log_ratio: logRatio(a, b, t.words, r.words),
      range_target: t.docs.get(term) ?? 0,
      range_reference: r.docs.get(term) ?? 0,
    });
  }
  return rows;
}

/** The keyness rows from speaker-documents already counted (speakerDocs, in document order). */
export function keynessFromUnits(
  units: readonly SpeakerDoc[],
  options: Partial<KeynessOptions> = {},
): KeynessRow[] {
  const o = { ...KEYNESS_DEFAULTS, ...options };
  const chosen = o.comparisons ?? resolveComparisons(undefined, units);
  const labels = comparisonLabels(chosen);
  const rows: KeynessRow[] = [];

  if (chosen.sides && labels.side) {
    const { target, reference } = chosen.sides;
    const t = new Set(target.sides);
    const r = new Set(reference.sides);
    rows.push(
      ...compare(
        labels.side,
        target.name,
        reference.name,
        units.filter((u) => t.has(u.side)),
        units.filter((u) => r.has(u.side)),
        o.minFrequency,
      ),
    );
  }

  if (o.speakers) {
    // The corpus is pooled once; each speaker's "rest" is the whole less that speaker.
    const all = pool(units);
    const sole = soleUses(units);
    const names = [...new Set(units.map((u) => u.speaker))].sort(cmp);
    for (const name of names) {
      const own = units.filter((u) => u.speaker === name);
      const target = pool(own);
      rows.push(
        ...compare(
          `speaker:${name} vs rest`,
          name,
          'rest',
          target,
          minus(all, target, sole.get(name)),
          o.minFrequency,
        ),
      );
    }
  }

  if (chosen.periods && labels.period) {
    const { target, reference } = chosen.periods;
    rows.push(
      ...compare(
        labels.period,
        target.name,
        reference.name,
        units.filter((u) => inPeriod(u.date, target)),
        units.filter((u) => inPeriod(u.date, reference)),
        o.minFrequency,
      ),
    );
  }

  rows.sort((a, b) => cmp(a.comparison, b.comparison) || b.g2 - a.g2 || cmp(a.term, b.term));
  return rows;
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const KEYNESS_TABLES: TableSpec[] = [
  {
    name: 'keyness',
    key: 'keyness',
    rowLevel: false,
    unit: 'one term in one comparison',
    description:
      'Terms one part of the corpus uses more (log_ratio > 0) or less (< 0) than another: "side:<target> vs <reference>" (two sides, from comparisons.sides in corpus.yaml or else the two sides that spoke the most words), "speaker:<name> vs rest" (each speaker against everyone else), "period:<target> vs <reference>" (two named date ranges, from comparisons.periods in corpus.yaml or else the first and last third of the span of meeting dates). Only terms with count_target + count_reference ≥ 5. Corpus sizes are words spoken (see documents.csv).',
    order: 'comparison, g2 desc, term',
    columns: [
      c(
        'comparison',
        'Which comparison, e.g. "side:Albania vs DPRK" or "period:1959-1961 vs 1964-1966".',
      ),
      c('target', 'The part tested (side, speaker or period).'),
      c('reference', 'What it is compared with ("rest" = all other speakers).'),
      c('term', 'The term (as in terms.csv).'),
      c('count_target', 'Uses in the target.'),
      c('count_reference', 'Uses in the reference.'),
      c(
        'g2',
        'Log-likelihood G² (Dunning 1993) of the 2×2 table term/other words × target/reference: 2 Σ O·ln(O/E) over the four cells. 3.84 ≈ p 0.05, 6.63 ≈ p 0.01, 10.83 ≈ p 0.001.',
      ),
      c(
        'p',
        'Chi-square (1 degree of freedom) upper-tail probability of g2; not corrected for multiple testing. Written with 6 decimals, so values below 0.0000005 show as 0.',
      ),
      c(
        'log_ratio',
        "Log Ratio (Hardie 2014): log2 of the term's relative frequency in the target ÷ that in the reference; a zero count is replaced by 0.5. +1 = twice as frequent in the target, −1 = half.",
      ),
      c(
        'range_target',
        'Number of documents in which the target used the term (its dispersion on the target side).',
      ),
      c(
        'range_reference',
        'Number of documents in which the reference used the term (its dispersion on the reference side); a term key for the target may have range_reference 0.',
      ),
    ],
  },
];
