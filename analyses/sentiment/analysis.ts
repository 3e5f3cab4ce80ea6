/**
 * Sentiment analyses over the annotated corpus (GitHub issue 3, part 3):
 * sentence scores, per document × speaker and × side means with bootstrap
 * confidence intervals, the arc of tone through each conversation, the words
 * that drive each side's tone per year, and the tone of sentences that
 * mention a target (Soviet Union, China, …) per year.
 *
 * The sentence scores themselves come from ./scorer.ts via the annotator.
 * Everything here is a pure function of the AnnotatedDocuments and the
 * options: randomness is seeded per group, every table has a total order.
 */

import type { AnnotatedDocument } from '../../pipeline/types.js';
import { escapeRegExp } from '../../pipeline/words.js';
import { CI_HIGH, CI_LOW, DATE, DOC, SENTIMENT_NOTE, SIDE, SPEAKER, TURN } from '../columns.js';
import { c, type TableSpec } from '../tables.js';
import type {
  SentenceRow,
  SentimentArcRow,
  SentimentDriverRow,
  SentimentRow,
  SentimentTargetRow,
} from '../types.js';
import type { SentimentConfig } from './config.js';
import { seedFor } from './random.js';
import { type StanceSummary, stanceText } from './stance.js';

export interface SentimentOptions {
  /** Bootstrap resamples per group for the 95% interval. */
  bootstrap: number;
  /** Base seed; each group's generator is derived from it and the group's key. */
  seed: number;
  /** Driver words kept per year × side × polarity. */
  topDrivers: number;
  /** Targets from corpus/sentiment.yaml. */
  targets: SentimentConfig['targets'];
}

/**
 * Defaults: 2,000 resamples is the usual floor for percentile intervals at
 * 95% (Efron & Tibshirani 1993, ch. 13 and 19, suggest 1,000–2,000); seed
 * 1959, the corpus's first year; 15 driver words; no targets unless given.
 */
export const SENTIMENT_DEFAULTS: SentimentOptions = Object.freeze({
  bootstrap: 2000,
  seed: 1959,
  topDrivers: 15,
  targets: [],
}) as SentimentOptions;

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

function yearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return /^\d{4}/.test(date) && Number.isFinite(y) ? y : 0;
}

function meanOf(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return x.length === 0 ? 0 : s / x.length;
}

/** Linear-interpolation quantile of sorted values (Hyndman & Fan 1996, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Percentile bootstrap 95% interval of the mean (Efron 1979; Efron &
 * Tibshirani 1993, §13.3): `resamples` means of n draws with replacement,
 * their 2.5th and 97.5th percentiles (type-7 quantiles). The generator is
 * seeded from `seed` and `key`, so a group's interval does not depend on
 * which other groups exist or their order. One value (or none): no
 * interval (low and high NaN, written as empty cells): resampling a single
 * value gives a zero-width "interval" that would read as certainty.
 */
/** Fewest values an interval is computed from, here and in the figures' own intervals. */
export const MIN_INTERVAL_N = 2;

export function bootstrapMeanCi(
  values: readonly number[],
  resamples: number,
  seed: number,
  key: string,
): { mean: number; low: number; high: number } {
  const m = meanOf(values);
  const n = values.length;
  if (n < MIN_INTERVAL_N || resamples < 1) return { mean: m, low: Number.NaN, high: Number.NaN };
  // mulberry32 inlined (same sequence as random.ts's seededFor): this loop
  // runs resamples × n times per group and dominates the analyses' cost.
  // The state is kept as an int32 (same bits as the uint32 of random.ts, but
  // V8 keeps it a small integer), and the index floor(u / 2³² · n) is
  // computed as trunc(u · (n / 2³²)): n / 2³² is exact (a power of two) and
  // so is the product while u · n < 2⁵³, so the draws are the same, without
  // a division in the loop.
  if (n >= 2 ** 21) return bootstrapSlow(values, m, resamples, seedFor(seed, key));
  let a = seedFor(seed, key) | 0;
  const xs = Float64Array.from(values);
  const means = new Float64Array(resamples);
  const scale = n / 4294967296;
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      s += xs[(((t ^ (t >>> 14)) >>> 0) * scale) | 0]!;
    }
    means[b] = s / n;
  }
  means.sort();
  return { mean: m, low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
}

/** bootstrapMeanCi's loop as random.ts writes mulberry32 (for very large groups). */
function bootstrapSlow(
  values: readonly number[],
  m: number,
  resamples: number,
  seed: number,
): { mean: number; low: number; high: number } {
  const n = values.length;
  let a = seed;
  const xs = Float64Array.from(values);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      s += xs[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)]!;
    }
    means[b] = s / n;
  }
  means.sort();
  const sorted = Array.from(means);
  return { mean: m, low: quantileSorted(sorted, 0.025), high: quantileSorted(sorted, 0.975) };
}

/**
 * A matcher for a target's patterns: whole words, case ignored, a trailing
 * `*` matching any further letters or digits, several words matching in
 * sequence across any run of spaces.
 */
export function targetMatcher(patterns: readonly string[]): (text: string) => boolean {
  const alternatives = patterns.map((p) => {
    const star = p.endsWith('*');
    const body = (star ? p.slice(0, -1) : p).trim().split(/\s+/).map(escapeRegExp).join('\\s+');
    return `${body}${star ? '[\\p{L}\\p{N}]*' : ''}`;
  });
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  return (text) => re.test(text);
}

interface Group {
  scores: number[];
  covered: number;
}

function addTo<K>(map: Map<K, Group>, key: K, score: number, covered: boolean): void {
  let g = map.get(key);
  if (!g) {
    g = { scores: [], covered: 0 };
    map.set(key, g);
  }
  g.scores.push(score);
  if (covered) g.covered++;
}

const SEP = '\u0000';

/**
 * The per-document part of the sentiment tables (computed where the document
 * is annotated, e.g. in a worker thread): its sentence and arc rows, its
 * speaker and side rows (their bootstrap groups never span documents), and
 * what the corpus-wide groups need from it, in reading order so that sums
 * over the corpus add up in exactly the same order as in one pass.
 */
export interface SentimentDocPartial {
  docId: string;
  date: string;
  sentences: SentenceRow[];
  arc: SentimentArcRow[];
  /** Rows of level "speaker" and "side" for this document (unsorted). */
  rows: SentimentRow[];
  /** Target groups: key (year, target, side), the scores in reading order, sentences covered. */
  targets: Array<[key: string, scores: Iterable<number>, covered: number]>;
  /** Driver terms: key (year, side, term), each sentence's summed contribution in reading order. */
  drivers: Iterable<[key: string, weights: Iterable<number>]>;
}

type TargetMatchers = Array<{ key: string; test: (text: string) => boolean }>;

function optionsOf(options: Partial<SentimentOptions>): SentimentOptions {
  return { ...SENTIMENT_DEFAULTS, ...options };
}

function matchersOf(opt: SentimentOptions): TargetMatchers {
  return opt.targets.map((t) => ({ key: t.key, test: targetMatcher(t.patterns) }));
}

/** A function giving each document's SentimentDocPartial (target matchers compiled once). */
export function sentimentDocPartials(
  options: Partial<SentimentOptions> = {},
): (doc: AnnotatedDocument) => SentimentDocPartial {
  const opt = optionsOf(options);
  const matchers = matchersOf(opt);
  return (doc) => docPartial(doc, opt, matchers);
}

function docPartial(
  doc: AnnotatedDocument,
  opt: SentimentOptions,
  matchers: TargetMatchers,
): SentimentDocPartial {
  const sentences: SentenceRow[] = [];
  const arcRows: SentimentArcRow[] = [];
  const bySpeaker = new Map<string, Group>();
  const bySide = new Map<string, Group>();
  const byTarget = new Map<string, Group>();
  const drivers = new Map<string, number[]>();
  const year = yearOf(doc.date);
  const turns = [...doc.turns].sort((a, b) => a.turn - b.turn);
  for (const turn of turns) {
    const arc = { scores: [] as number[], covered: 0 };
    const ss = [...turn.sentences].sort((a, b) => a.index - b.index);
    const speakerKey = [doc.docId, turn.speaker, turn.side].join(SEP);
    const sideKey = [doc.docId, turn.side].join(SEP);
    for (const s of ss) {
      sentences.push({
        doc_id: doc.docId,
        date: doc.date,
        speaker: turn.speaker,
        side: turn.side,
        turn: turn.turn,
        sentence: s.index,
        sentiment: s.score,
        covered: s.covered,
        text: s.text,
      });
      arc.scores.push(s.score);
      if (s.covered) arc.covered++;
      addTo(bySpeaker, speakerKey, s.score, s.covered);
      addTo(bySide, sideKey, s.score, s.covered);
      for (const m of matchers) {
        if (m.test(s.text)) addTo(byTarget, [year, m.key, turn.side].join(SEP), s.score, s.covered);
      }
      // A term counts once per sentence in `sentences`, with all its contributions summed.
      if (s.contributions.length === 0) continue;
      const perSentence = new Map<string, number>();
      for (const [term, w] of s.contributions)
        perSentence.set(term, (perSentence.get(term) ?? 0) + w);
      for (const [term, w] of perSentence) {
        const key = [year, turn.side, term].join(SEP);
        const ws = drivers.get(key);
        if (ws) ws.push(w);
        else drivers.set(key, [w]);
      }
    }
    if (ss.length > 0) {
      arcRows.push({
        doc_id: doc.docId,
        date: doc.date,
        turn: turn.turn,
        speaker: turn.speaker,
        side: turn.side,
        sentences: ss.length,
        mean: meanOf(arc.scores),
        sentences_covered: arc.covered,
      });
    }
  }

  const rows: SentimentRow[] = [];
  const row = (
    level: 'speaker' | 'side',
    key: string,
    speaker: string,
    side: string,
    g: { scores: number[]; covered: number },
  ): SentimentRow => {
    const ci = bootstrapMeanCi(g.scores, opt.bootstrap, opt.seed, `${level}${SEP}${key}`);
    return {
      doc_id: key.split(SEP)[0]!,
      date: doc.date,
      level,
      speaker,
      side,
      sentences: g.scores.length,
      mean: ci.mean,
      ci_low: ci.low,
      ci_high: ci.high,
      coverage: g.covered / g.scores.length,
    };
  };
  for (const [key, g] of bySpeaker) {
    const [, speaker, side] = key.split(SEP) as [string, string, string];
    rows.push(row('speaker', key, speaker, side, g));
  }
  for (const [key, g] of bySide) {
    const [, side] = key.split(SEP) as [string, string];
    rows.push(row('side', key, '', side, g));
  }
  return {
    docId: doc.docId,
    date: doc.date,
    sentences,
    arc: arcRows,
    rows,
    targets: [...byTarget].map(([key, g]) => [key, g.scores, g.covered]),
    drivers: [...drivers],
  };
}

/**
 * A document's sentiment part as the main thread keeps it until the merge:
 * sentences without their text (sentences.csv is written from the parts;
 * the merged rows are counted, not read), strings shared, the drivers packed.
 */
export function keptSentimentPart(
  p: SentimentDocPartial,
  s: (x: string) => string,
): SentimentDocPartial {
  return {
    docId: s(p.docId),
    date: s(p.date),
    sentences: p.sentences.map((r) => ({
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
      turn: r.turn,
      sentence: r.sentence,
      sentiment: r.sentiment,
      covered: r.covered,
      text: '',
    })),
    arc: p.arc.map((r) => ({
      ...r,
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
    })),
    rows: p.rows,
    targets: p.targets.map(([key, scores, covered]) => [s(key), scores, covered]),
    drivers: PackedDrivers.from(p.drivers, s),
  };
}

/**
 * A document's driver terms (key, each sentence's contribution) packed into
 * three arrays instead of an array and a small array of numbers per term
 * (a few hundred terms a document); iterates as the pairs it was made from.
 */
class PackedDrivers implements Iterable<[string, Float64Array]> {
  private constructor(
    private readonly keys: string[],
    private readonly ends: Uint32Array,
    private readonly weights: Float64Array,
  ) {}

  static from(
    drivers: Iterable<[string, Iterable<number>]>,
    intern: (s: string) => string,
  ): PackedDrivers {
    const keys: string[] = [];
    const ends: number[] = [];
    const weights: number[] = [];
    for (const [key, ws] of drivers) {
      keys.push(intern(key));
      for (const w of ws) weights.push(w);
      ends.push(weights.length);
    }
    return new PackedDrivers(keys, Uint32Array.from(ends), Float64Array.from(weights));
  }

  *[Symbol.iterator](): Generator<[string, Float64Array]> {
    let start = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const end = this.ends[i]!;
      yield [this.keys[i]!, this.weights.subarray(start, end)];
      start = end;
    }
  }
}

/** All sentiment tables. See the row types in ../types.ts for the columns. */
export function sentimentTables(
  docs: AnnotatedDocument[],
  options: Partial<SentimentOptions> = {},
): SentimentTables {
  const partial = sentimentDocPartials(options);
  return mergeSentimentPartials(
    docs.map((d) => partial(d)),
    options,
  );
}

export interface SentimentTables {
  sentences: SentenceRow[];
  sentiment: SentimentRow[];
  sentimentArc: SentimentArcRow[];
  sentimentDrivers: SentimentDriverRow[];
  sentimentTargets: SentimentTargetRow[];
}

/**
 * The sentiment tables from every document's partial (in any order: they
 * are put in date, then document order here, as the documents are in one pass).
 */
export function mergeSentimentPartials(
  partials: Iterable<SentimentDocPartial>,
  options: Partial<SentimentOptions> = {},
): SentimentTables {
  const opt = optionsOf(options);
  const ordered = [...partials].sort((a, b) => cmp(a.date, b.date) || cmp(a.docId, b.docId));
  const sentences: SentenceRow[] = [];
  const sentimentArc: SentimentArcRow[] = [];
  const sentiment: SentimentRow[] = [];
  const byTarget = new Map<string, Group>();
  const drivers = new Map<string, { sentences: number; contribution: number }>();
  for (const p of ordered) {
    for (const r of p.sentences) sentences.push(r);
    for (const r of p.arc) sentimentArc.push(r);
    for (const r of p.rows) sentiment.push(r);
    for (const [key, scores, covered] of p.targets) {
      let g = byTarget.get(key);
      if (!g) {
        g = { scores: [], covered: 0 };
        byTarget.set(key, g);
      }
      for (const x of scores) g.scores.push(x);
      g.covered += covered;
    }
    for (const [key, ws] of p.drivers) {
      let d = drivers.get(key);
      if (!d) {
        d = { sentences: 0, contribution: 0 };
        drivers.set(key, d);
      }
      for (const w of ws) {
        d.sentences++;
        d.contribution += w;
      }
    }
  }
  sentiment.sort(
    (a, b) =>
      cmp(a.date, b.date) ||
      cmp(a.doc_id, b.doc_id) ||
      cmp(a.level, b.level) ||
      cmp(a.side, b.side) ||
      cmp(a.speaker, b.speaker),
  );

  const sentimentTargets: SentimentTargetRow[] = [];
  for (const [key, g] of byTarget) {
    const [year, target, side] = key.split(SEP) as [string, string, string];
    const ci = bootstrapMeanCi(g.scores, opt.bootstrap, opt.seed, `target${SEP}${key}`);
    sentimentTargets.push({
      year: Number(year),
      target,
      side,
      sentences: g.scores.length,
      mean: ci.mean,
      ci_low: ci.low,
      ci_high: ci.high,
      coverage: g.covered / g.scores.length,
    });
  }
  sentimentTargets.sort(
    (a, b) => a.year - b.year || cmp(a.target, b.target) || cmp(a.side, b.side),
  );

  const candidates: Array<Omit<SentimentDriverRow, 'rank'>> = [];
  for (const [key, d] of drivers) {
    if (d.contribution === 0) continue;
    const [year, side, term] = key.split(SEP) as [string, string, string];
    candidates.push({
      year: Number(year),
      side,
      term,
      polarity: d.contribution > 0 ? 'positive' : 'negative',
      sentences: d.sentences,
      contribution: d.contribution,
    });
  }
  candidates.sort(
    (a, b) =>
      a.year - b.year ||
      cmp(a.side, b.side) ||
      cmp(a.polarity, b.polarity) ||
      Math.abs(b.contribution) - Math.abs(a.contribution) ||
      cmp(a.term, b.term),
  );
  const sentimentDrivers: SentimentDriverRow[] = [];
  let groupKey = '';
  let rank = 0;
  for (const c of candidates) {
    const k = [c.year, c.side, c.polarity].join(SEP);
    rank = k === groupKey ? rank + 1 : 1;
    groupKey = k;
    if (rank <= opt.topDrivers) sentimentDrivers.push({ ...c, rank });
  }

  return { sentences, sentiment, sentimentArc, sentimentDrivers, sentimentTargets };
}

/** Pearson r published by Hutto & Gilbert (2014, Table 4) for VADER and one human rater vs the rest. */
export const PUBLISHED_AGREEMENT: Readonly<
  Record<'nyt' | 'movie' | 'amazon' | 'tweets', { label: string; vader: number; human: number }>
> = Object.freeze({
  nyt: { label: 'New York Times editorials', vader: 0.492, human: 0.745 },
  movie: { label: 'movie reviews', vader: 0.451, human: 0.899 },
  amazon: { label: 'Amazon product reviews', vader: 0.565, human: 0.911 },
  tweets: { label: 'tweets', vader: 0.881, human: 0.888 },
});

/** Which benchmark a ground-truth file name belongs to, or undefined. */
export function benchmarkOf(file: string): keyof typeof PUBLISHED_AGREEMENT | undefined {
  const f = file.toLowerCase();
  if (f.includes('nyt')) return 'nyt';
  if (f.includes('movie')) return 'movie';
  if (f.includes('amazon')) return 'amazon';
  if (f.includes('tweet')) return 'tweets';
  return undefined;
}

const r3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * A paragraph for the report's methods section: how sentences are scored,
 * the scorer's measured agreement with human ratings per benchmark file next
 * to VADER's published figure, the corpus coverage when given, and the
 * limits. `measured` are rows of the harness (agreement.json); rows of other
 * scorers than "project" are ignored.
 */
/** The methods sentence on domain corrections, from the overrides actually used. */
function domainText(overrides: ReadonlyMap<string, number>): string {
  if (overrides.size === 0)
    return 'No domain corrections were configured (corpus/sentiment.yaml sets no overrides): words the lexicon does not know count as neutral.';
  const neg = [...overrides.values()].filter((v) => v < 0).length;
  const pos = [...overrides.values()].filter((v) => v > 0).length;
  const zero = overrides.size - neg - pos;
  return (
    `Domain corrections for the vocabulary of these records are applied on top: ${overrides.size} word scores from corpus/sentiment.yaml ` +
    `(${neg} negative, ${pos} positive, ${zero} set to neutral; each listed in the manifest); they are not part of the measured agreement.`
  );
}

export function sentimentMethods(
  measured: Array<{ file: string; scorer: string; n: number; pearson: number }>,
  coverage?: number,
  /** The domain overrides the scorer used (corpus/sentiment.yaml); the text reports what was configured. */
  overrides: ReadonlyMap<string, number> = new Map(),
  /** The stance benchmark's result (stance.json); undefined: not measured, and the text says so. */
  stance?: StanceSummary,
): string {
  const rows = measured
    .filter((m) => m.scorer === 'project')
    .map((m) => ({ ...m, bench: benchmarkOf(m.file) }))
    .sort((a, b) => cmp(a.bench ?? a.file, b.bench ?? b.file) || cmp(a.file, b.file));
  const parts = rows.map((m) => {
    const pub = m.bench ? PUBLISHED_AGREEMENT[m.bench] : undefined;
    const heldOut = m.file.toLowerCase().includes('.dev.') ? ' (development half)' : '';
    return pub
      ? `${pub.label}${heldOut} r = ${r3(m.pearson)} (n = ${m.n}; VADER ${r3(pub.vader)}, one human rater against the others ${r3(pub.human)})`
      : `${m.file} r = ${r3(m.pearson)} (n = ${m.n})`;
  });
  const agreementText =
    parts.length > 0
      ? ` Against the mean ratings of about 20 people per sentence in the benchmark of Hutto and Gilbert (2014), its Pearson correlation is: ${parts.join('; ')}.`
      : ' Its agreement with human ratings has not been measured for this report.';
  const coverageText =
    coverage !== undefined && Number.isFinite(coverage)
      ? ` In this corpus ${(coverage * 100).toFixed(1)}% of spoken sentences contain at least one sentiment-bearing word or negator; the others score 0.`
      : '';
  return (
    'Sentence sentiment is scored with wink-nlp\u2019s English sentiment lexicon (values from \u22121 to 1) and its negation detection, adjusted by a few rules: ' +
    'the values of a sentence\u2019s sentiment words are summed rather than averaged and scaled into (\u22121, 1), intensifiers and dampeners strengthen or weaken the next word, ' +
    'words conceded before \u201cbut\u201d, \u201chowever\u201d or \u201cyet\u201d or in a clause opened by \u201calthough\u201d count less, an exclamation mark strengthens its sentence\u2019s sentiment words, negation weakens rather than reverses and each negator (\u201cnot\u201d, \u201cnever\u201d \u2026) adds a small negative term, negative words weigh more than positive ones, nouns and verbs count less than adjectives, a word the lexicon lacks takes the value of the word it derives from by English suffixes and negative prefixes (\u201cgenerosity\u201d from \u201cgenerous\u201d, \u201charmless\u201d as the opposite of \u201charm\u201d), a sentence\u2019s score is diluted by its words without sentiment, and the lexicon\u2019s multi-word entries are matched as wink-nlp matches them. ' +
    'The handful of coefficients of these rules were fitted with five-fold cross-validation on human-rated benchmark sentences only, never on this corpus. ' +
    domainText(overrides) +
    agreementText +
    coverageText +
    ' These scores measure tone (the words\u2019 emotional colour), not stance: a warm sentence can announce a disagreement, a harsh one can attack a common enemy, and sarcasm, diplomatic formula and translation all blur the signal. ' +
    `${stanceText(stance)} ` +
    'Differences between speakers or years should be read with the confidence intervals and checked against the sentences themselves.'
  );
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const SENTIMENT_TABLES: TableSpec[] = [
  {
    name: 'sentences',
    key: 'sentences',
    rowLevel: true,
    unit: 'one sentence of a speech turn',
    description: `Every sentence (wink-nlp sentence splitting, per paragraph) with its score. ${SENTIMENT_NOTE}`,
    order: 'date, doc_id, turn, sentence',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      TURN,
      c('sentence', 'Sentence number, 1-based within the turn.'),
      c('sentiment', 'Sentence score in [-1, 1].'),
      c(
        'covered',
        'true if the sentence has at least one sentiment-bearing word or negator (else its score is 0).',
      ),
      c('text', 'The sentence as written.'),
    ],
  },
  {
    name: 'sentiment',
    key: 'sentiment',
    rowLevel: false,
    unit: 'one speaker (level "speaker") or one side (level "side") in one document',
    description: `Mean sentence sentiment with an uncertainty interval. ${SENTIMENT_NOTE} ci_low/ci_high: 95% percentile bootstrap interval of the mean over sentences (2,000 resamples, seeded per group; analyses/sentiment/analysis.ts).`,
    order: 'date, doc_id, level, side, speaker',
    columns: [
      DOC,
      DATE,
      c('level', '"speaker" or "side".'),
      c('speaker', 'Speaker for level "speaker"; empty for level "side".'),
      SIDE,
      c('sentences', 'Sentences scored.'),
      c('mean', 'Mean sentence score.'),
      CI_LOW,
      CI_HIGH,
      c(
        'coverage',
        'Share of sentences with at least one sentiment-bearing word or negator (0–1).',
      ),
    ],
  },
  {
    name: 'sentiment_arc',
    key: 'sentimentArc',
    rowLevel: false,
    unit: 'one speech turn',
    description: 'Sentiment through each meeting, turn by turn.',
    order: 'date, doc_id, turn',
    columns: [
      DOC,
      DATE,
      TURN,
      SPEAKER,
      SIDE,
      c('sentences', 'Sentences in the turn.'),
      c('mean', 'Mean sentence score within the turn.'),
      c(
        'sentences_covered',
        "Number of the turn's sentences with at least one sentiment-bearing word or negator.",
      ),
    ],
  },
  {
    name: 'sentiment_drivers',
    key: 'sentimentDrivers',
    rowLevel: false,
    unit: 'one word driving sentiment for one side in one year, by polarity',
    description:
      "The words that move the scores: each sentiment-bearing word's summed contribution.",
    order: 'year, side, polarity, rank',
    columns: [
      c('year', 'Year of the meeting date.'),
      SIDE,
      c(
        'term',
        'The sentiment-bearing word (lower case); "(negation)" is every negator ("not", "no", "never", …), each of which adds a small negative term.',
      ),
      c('polarity', '"positive" or "negative".'),
      c('sentences', 'Sentences of that side and year in which the word contributed.'),
      c('contribution', 'Sum of its signed contributions to sentence scores.'),
      c('rank', '1-based rank within (year, side, polarity) by |contribution| desc, ties by term.'),
    ],
  },
  {
    name: 'sentiment_targets',
    key: 'sentimentTargets',
    rowLevel: false,
    unit: 'one target (e.g. the Soviet Union) for one side in one year',
    description:
      'Mean sentiment of the sentences that mention a target (targets and their patterns in corpus/sentiment.yaml).',
    order: 'year, target, side',
    columns: [
      c('year', 'Year of the meeting date.'),
      c('target', 'Target key, e.g. "soviet-union", "china", "united-states", "yugoslavia".'),
      SIDE,
      c('sentences', 'Sentences mentioning the target.'),
      c('mean', 'Mean score of those sentences.'),
      CI_LOW,
      CI_HIGH,
      c(
        'coverage',
        'Share of those sentences with at least one sentiment-bearing word or negator (0–1).',
      ),
    ],
  },
];
