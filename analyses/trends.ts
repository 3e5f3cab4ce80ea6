/**
 * Term trends (trends.csv) and how the terms move together across meetings
 * (correlations.csv), in the spirit of Voyant's Trends and Correlations.
 *
 * Terms: every dictionary key (matched exactly as for phrases.csv, on each
 * speech turn's display text, so the counts are phrases.csv's summed over
 * the speakers of a side) and every term the user gave (`--kwic`,
 * `--collocates`: each its own pattern, analyses/dictionary.ts
 * dictionaryFromTerms).
 *
 * trends.csv: one row per meeting, side ("all" = every speaker, then each
 * side) and term: count, words spoken (the same words as every rate,
 * pipeline/words.ts), per_10k, and an exact 95% Poisson interval for the
 * count (Garwood 1936) scaled to per 10,000 words. The meeting axis is
 * categorical (`meeting`: position in date order; `label`: the date and the
 * people who spoke, in order of first turn: a record's own title is too long
 * for an axis and cannot be cut without cutting a name; `title` is the whole
 * title), and days_since_previous states the gaps the axis does not show.
 *
 * correlations.csv: for each side and each pair of terms that occur on that
 * side, Pearson's r of their per_10k across the meetings where the side
 * spoke at least minWords words (default 50: below it one match swings a
 * rate by hundreds); n is that number of meetings. p is two-sided, from
 * t = r √((n − 2) / (1 − r²)) with n − 2 degrees of freedom, and is left
 * empty when n < 5 (too few meetings to test) or r is undefined (a term
 * with the same rate in every meeting). Not corrected for the many pairs.
 */

import { poissonInterval, round } from '../pipeline/figures/data.js';
import {
  sideOrder as figureSideOrder,
  NO_SIDES,
  PANEL_WIDTH,
  type SideColours,
  sideScale,
  themeConfig,
} from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import type { Transcript } from '../pipeline/types.js';
import { type AnalysisSettings, defineAnalysis } from './contract.js';
import { dictionaryFromTerms, matcherFor } from './dictionary.js';
import { sidePalette } from './figure-options.js';
import { pearson as pearsonR } from './sentiment/metrics.js';
import type { TableSpec } from './tables.js';
import { cmp, rate } from './terms.js';
import type { Dictionary } from './types.js';

export interface TrendOptions {
  /** Fewest words a side must speak in a meeting for its rate to enter a correlation. */
  minWords: number;
  /** Fewest meetings for a p-value. */
  minMeetingsForP: number;
}

export const TREND_DEFAULTS: Readonly<TrendOptions> = Object.freeze({
  minWords: 50,
  minMeetingsForP: 5,
});

export interface TrendTerm {
  term: string;
  kind: 'key' | 'term';
}

/** Keys in dictionary order, then the user's terms not already keys. */
export function trendTerms(dictionary: Dictionary, terms: readonly string[]): TrendTerm[] {
  const keys = dictionary.entries.map((e) => e.key);
  const seen = new Set(keys);
  const user = dictionaryFromTerms(terms)
    .entries.map((e) => e.key)
    .filter((k) => !seen.has(k));
  return [
    ...keys.map((term) => ({ term, kind: 'key' as const })),
    ...user.map((term) => ({ term, kind: 'term' as const })),
  ];
}

/** The per-document part. */
export interface TrendsPart {
  docId: string;
  date: string;
  title: string;
  /** Speakers in order of first turn. */
  speakers: string[];
  /** Per side in order of first turn: words and the count of each term (trendTerms order). */
  sides: Array<{ side: string; words: number; counts: number[] }>;
}

export function trendsPart(settings: {
  dictionary: Dictionary;
  terms: readonly string[];
}): (t: Pick<Transcript, 'docId' | 'metadata' | 'turns'>) => TrendsPart {
  const list = trendTerms(settings.dictionary, settings.terms);
  const index = new Map(list.map((t, i) => [t.term, i]));
  const userDict = dictionaryFromTerms(list.filter((t) => t.kind === 'term').map((t) => t.term));
  return (t) => {
    const sides = new Map<string, { words: number; counts: number[] }>();
    const matchKeys = matcherFor(t, settings.dictionary);
    const matchTerms = matcherFor(t, userDict);
    for (const turn of t.turns) {
      let s = sides.get(turn.side);
      if (!s) {
        s = { words: 0, counts: new Array(list.length).fill(0) };
        sides.set(turn.side, s);
      }
      s.words += turn.words;
      const matches = [
        ...matchKeys(turn.text),
        ...(userDict.entries.length > 0 ? matchTerms(turn.text) : []),
      ];
      for (const m of matches) s.counts[index.get(m.key)!]!++;
    }
    return {
      docId: t.docId,
      date: t.metadata.date,
      title: t.metadata.title,
      speakers: [...new Set(t.turns.map((u) => u.speaker))],
      sides: [...sides].map(([side, s]) => ({ side, ...s })),
    };
  };
}

/** Speakers named in a label: the first few, then how many more. */
const LABEL_SPEAKERS = 6;

/** "1966-06-20 · Enver Hoxha – An Yong": the date and who spoke. */
export function meetingLabel(p: Pick<TrendsPart, 'docId' | 'date' | 'speakers'>): string {
  const names =
    p.speakers.length <= LABEL_SPEAKERS
      ? p.speakers.join(' – ')
      : `${p.speakers.slice(0, LABEL_SPEAKERS - 1).join(' – ')} and ${p.speakers.length - LABEL_SPEAKERS + 1} others`;
  return `${p.date || 'undated'} · ${names || p.docId}`;
}

// ── Tables ───────────────────────────────────────────────────────────────────

export interface TrendRow {
  meeting: number;
  doc_id: string;
  date: string;
  label: string;
  /** The record's title. */
  title: string;
  /** Days since the previous meeting on the axis; null for the first or an undated one. */
  days_since_previous: number | null;
  side: string;
  term: string;
  term_kind: string;
  count: number;
  words: number;
  per_10k: number;
  ci_low: number;
  ci_high: number;
}

export const TREND_COLUMNS: ReadonlyArray<keyof TrendRow & string> = [
  'meeting',
  'doc_id',
  'date',
  'label',
  'title',
  'days_since_previous',
  'side',
  'term',
  'term_kind',
  'count',
  'words',
  'per_10k',
  'ci_low',
  'ci_high',
];

/** "all" first, then the sides by name. */
function sideOrder(a: string, b: string): number {
  return (a === 'all' ? 0 : 1) - (b === 'all' ? 0 : 1) || cmp(a, b);
}

function days(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : null;
}

/** trends.csv rows: meetings in date order (then doc_id), sides, terms in trendTerms order. */
export function trendRows(parts: Iterable<TrendsPart>, terms: readonly TrendTerm[]): TrendRow[] {
  const docs = [...parts].sort((a, b) => cmp(a.date, b.date) || cmp(a.docId, b.docId));
  const out: TrendRow[] = [];
  docs.forEach((p, i) => {
    const prev = docs[i - 1];
    const gap = prev?.date && p.date ? days(prev.date, p.date) : null;
    const label = meetingLabel(p);
    const all = { side: 'all', words: 0, counts: new Array(terms.length).fill(0) as number[] };
    for (const s of p.sides) {
      all.words += s.words;
      s.counts.forEach((n, k) => {
        all.counts[k]! += n;
      });
    }
    const sides = [all, ...p.sides].sort((a, b) => sideOrder(a.side, b.side));
    for (const s of sides) {
      terms.forEach((t, k) => {
        const count = s.counts[k] ?? 0;
        const [lo, hi] = poissonInterval(count);
        out.push({
          meeting: i + 1,
          doc_id: p.docId,
          date: p.date,
          label,
          title: p.title,
          days_since_previous: gap,
          side: s.side,
          term: t.term,
          term_kind: t.kind,
          count,
          words: s.words,
          per_10k: rate(count, s.words),
          ci_low: rate(lo, s.words),
          ci_high: rate(hi, s.words),
        });
      });
    }
  });
  return out;
}

export interface CorrelationRow {
  side: string;
  term_a: string;
  term_b: string;
  /** Meetings in which the side spoke at least minWords words. */
  n: number;
  r: number | null;
  p: number | null;
}

export const CORRELATION_COLUMNS: ReadonlyArray<keyof CorrelationRow & string> = [
  'side',
  'term_a',
  'term_b',
  'n',
  'r',
  'p',
];

/** Pearson's r (analyses/sentiment/metrics.ts), null where it is undefined (fewer than two meetings, a constant series). */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const r = pearsonR(x, y);
  return Number.isNaN(r) ? null : Math.max(-1, Math.min(1, r));
}

/**
 * Two-sided P(|T| ≥ |t|) for Student's t with a whole number of degrees of
 * freedom, by the finite series for integer df (Abramowitz & Stegun 26.7.3
 * and 26.7.4): with θ = atan(|t| / √df), A = the probability inside ±|t| is
 * (2/π)(θ + sin θ (cos θ + (2/3) cos³θ + … )) for odd df and
 * sin θ (1 + (1/2) cos²θ + (1·3)/(2·4) cos⁴θ + …) for even df; p = 1 − A.
 */
export function studentTwoSided(t: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  let a: number;
  if (df % 2 === 1) {
    let sum = 0;
    let term = c;
    for (let k = 3; k <= df; k += 2) {
      sum += term;
      term *= (c * c * (k - 1)) / k;
    }
    a = (2 / Math.PI) * (theta + s * sum);
  } else {
    let sum = 1;
    let term = 1;
    for (let k = 2; k < df; k += 2) {
      term *= (c * c * (k - 1)) / k;
      sum += term;
    }
    a = s * sum;
  }
  return Math.min(1, Math.max(0, 1 - a));
}

/** correlations.csv rows: by side ("all" first), then term_a, term_b in trendTerms order. */
export function correlationRows(
  trends: readonly TrendRow[],
  terms: readonly TrendTerm[],
  options: TrendOptions = TREND_DEFAULTS,
): CorrelationRow[] {
  // side → term → per_10k by meeting (only meetings with enough words).
  const series = new Map<string, Map<string, number[]>>();
  const totals = new Map<string, Map<string, number>>();
  for (const r of trends) {
    if (r.words < options.minWords) continue;
    let s = series.get(r.side);
    if (!s) {
      s = new Map();
      series.set(r.side, s);
      totals.set(r.side, new Map());
    }
    const list = s.get(r.term) ?? [];
    list.push(r.per_10k);
    s.set(r.term, list);
    totals.get(r.side)!.set(r.term, (totals.get(r.side)!.get(r.term) ?? 0) + r.count);
  }
  const out: CorrelationRow[] = [];
  for (const side of [...series.keys()].sort(sideOrder)) {
    const s = series.get(side)!;
    const used = terms.filter((t) => (totals.get(side)!.get(t.term) ?? 0) > 0);
    for (let i = 0; i < used.length; i++) {
      for (let j = i + 1; j < used.length; j++) {
        const x = s.get(used[i]!.term)!;
        const y = s.get(used[j]!.term)!;
        const n = x.length;
        const r = pearson(x, y);
        let p: number | null = null;
        if (r !== null && n >= options.minMeetingsForP) {
          p = Math.abs(r) === 1 ? 0 : studentTwoSided(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
        }
        out.push({ side, term_a: used[i]!.term, term_b: used[j]!.term, n, r, p });
      }
    }
  }
  return out;
}

export function trendsMethods(options: TrendOptions = TREND_DEFAULTS): string {
  return (
    `Term trends give each dictionary key's and each requested term's count per 10,000 words ` +
    `spoken in every meeting, for all speakers and for each side, with exact 95% Poisson ` +
    `intervals (Garwood 1936), on a categorical meeting axis; correlations are Pearson's r ` +
    `of these rates across the meetings in which a side spoke at least ${options.minWords} ` +
    `words, with a two-sided p-value only where there were at least ${options.minMeetingsForP} ` +
    `such meetings, not corrected for multiple comparisons.`
  );
}

// ── Codebook ─────────────────────────────────────────────────────────────────

export const TREND_TABLES: TableSpec[] = [
  {
    name: 'trends',
    key: 'trends',
    rowLevel: true,
    unit: 'one term in one meeting for one side (or "all")',
    description:
      'Each dictionary key and each term given with --kwic or --collocates, per meeting: count, rate and exact interval, for all speakers and for each side. Counts are those of phrases.csv summed over a side.',
    order: 'meeting, side ("all" first), term (dictionary order, then the given terms)',
    columns: [
      {
        name: 'meeting',
        description:
          'Position of the meeting on the axis: 1 = earliest (date, then doc_id). The axis is categorical; see days_since_previous.',
      },
      { name: 'doc_id', description: 'Document id.' },
      { name: 'date', description: 'Meeting date, ISO YYYY-MM-DD; empty if unknown.' },
      {
        name: 'label',
        description:
          'Axis label: the date and the people who spoke, in order of first turn (the first five and how many more when there are more than six).',
      },
      { name: 'title', description: "The record's title (documents.csv)." },
      {
        name: 'days_since_previous',
        description:
          'Days between this meeting and the previous one on the axis; empty for the first or when a date is unknown.',
      },
      { name: 'side', description: '"all" (every speaker) or a side.' },
      { name: 'term', description: 'Dictionary key or given term.' },
      { name: 'term_kind', description: '"key" or "term".' },
      { name: 'count', description: 'Matches in the speech of that side in that meeting.' },
      { name: 'words', description: 'Words that side spoke in that meeting.' },
      { name: 'per_10k', description: 'count ÷ words × 10,000 (0 when words is 0).' },
      {
        name: 'ci_low',
        description:
          'Lower end of the exact 95% Poisson interval for the count (Garwood 1936), per 10,000 words.',
      },
      {
        name: 'ci_high',
        description: 'Upper end of the exact 95% Poisson interval, per 10,000 words.',
      },
    ],
  },
  {
    name: 'correlations',
    key: 'correlations',
    rowLevel: false,
    unit: 'one pair of terms for one side (or "all")',
    description:
      "How the terms' rates move together across meetings (Voyant's Correlations): Pearson's r of per_10k over the meetings in which the side spoke at least 50 words. Only terms that occur on that side.",
    order: 'side ("all" first), term_a, term_b (dictionary order)',
    columns: [
      { name: 'side', description: '"all" or a side.' },
      { name: 'term_a', description: 'First term.' },
      { name: 'term_b', description: 'Second term.' },
      { name: 'n', description: 'Meetings the correlation is computed over.' },
      {
        name: 'r',
        description: "Pearson's r, −1 to 1; empty when a term has the same rate in every meeting.",
      },
      {
        name: 'p',
        description:
          'Two-sided p-value of r (t test, n − 2 degrees of freedom); empty when n < 5. Not corrected for the many pairs: with 5 meetings, read r as description, not evidence.',
      },
    ],
  },
];

// ── The analysis (analyses/contract.ts) ──────────────────────────────────────

declare module './tables.js' {
  interface Results {
    trends: TrendRow[];
    correlations: CorrelationRow[];
  }
}

/** The user's terms: --kwic, then --collocates. */
function userTerms(s: {
  kwicTerms: readonly string[];
  collocateTerms?: readonly string[];
}): string[] {
  return [...s.kwicTerms, ...(s.collocateTerms ?? [])];
}

const partFunctions = new WeakMap<AnalysisSettings, ReturnType<typeof trendsPart>>();

function partFor(settings: AnalysisSettings): ReturnType<typeof trendsPart> {
  let f = partFunctions.get(settings);
  if (!f) {
    f = trendsPart({ dictionary: settings.dictionary, terms: userTerms(settings) });
    partFunctions.set(settings, f);
  }
  return f;
}

export const trends = defineAnalysis<TrendsPart>({
  id: 'trends',
  description:
    'Per meeting and side: count and rate of each dictionary key and user term with exact Poisson intervals; Pearson correlations of the rates across meetings.',
  defaults: { ...TREND_DEFAULTS },
  tables: TREND_TABLES,
  perDocument: ({ transcript }, settings) => partFor(settings)(transcript),
  // A part is a few numbers per side: kept in memory rather than spooled.
  keep: (p, kit) => ({
    docId: p.docId,
    date: kit.intern(p.date),
    title: p.title,
    speakers: p.speakers.map(kit.intern),
    sides: p.sides.map((s) => ({
      side: kit.intern(s.side),
      words: s.words,
      counts: [...s.counts],
    })),
  }),
  merge: (parts, ctx) => {
    const terms = trendTerms(ctx.dictionary, userTerms(ctx));
    const rows = trendRows(parts, terms);
    return { trends: rows, correlations: correlationRows(rows, terms) };
  },
  figures: [
    (results, options) => {
      const user = [
        ...new Set(results.trends.filter((r) => r.term_kind === 'term').map((r) => r.term)),
      ];
      return trendsFigure(
        results.trends,
        [...(options.headline ?? []), ...user],
        sidePalette(options),
      );
    },
  ],
  figureTables: [
    {
      id: 'term-trends',
      unit: 'one term, meeting and side',
      description:
        "The trends figure: the headline keys and the user's terms per meeting and side (sides that spoke at least 50 words there).",
      order: 'as trends.csv',
      columns: [
        { name: 'term', description: 'Dictionary key or given term.' },
        { name: 'meeting', description: 'Position on the meeting axis (1 = earliest).' },
        { name: 'label', description: 'Axis label: date and the people who spoke.' },
        {
          name: 'days_since_previous',
          description: 'Days since the previous meeting; empty for the first.',
        },
        { name: 'side', description: 'The side.' },
        { name: 'count', description: "Matches in the side's speech in the meeting." },
        { name: 'words', description: 'Words the side spoke there.' },
        { name: 'per_10k', description: 'count ÷ words × 10,000.' },
        {
          name: 'ci_low',
          description: 'Lower end of the exact 95% Poisson interval, per 10,000 words.',
        },
        {
          name: 'ci_high',
          description: 'Upper end of the exact 95% Poisson interval, per 10,000 words.',
        },
      ],
    },
  ],
  methods: (results) => (results.trends.length > 0 ? trendsMethods() : undefined),
});

// ── Figures ─────────────────────────────────────────────────────────────────

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
type Row = Record<string, string | number | boolean | null>;
/** Terms shown in the trends figure (one panel each); all are in trends.csv. */
export const MAX_TREND_TERMS = 6;
/** A side's rate in a meeting is drawn only when it spoke at least this many words there. */
export const MIN_TREND_WORDS = 50;
/** Above this many meetings the trends figure pools each calendar year (an axis of 1,000 meetings says nothing). */
export const MAX_TREND_MEETINGS = 40;

/** The rows of the shown terms pooled per calendar year and side ("meeting" = the year). */
function byYear(rows: readonly TrendRow[], terms: readonly string[]): TrendRow[] {
  const pooled = new Map<string, TrendRow>();
  for (const r of rows) {
    const year = Number(r.date.slice(0, 4));
    if (r.side === 'all' || !terms.includes(r.term) || !/^\d{4}/.test(r.date)) continue;
    const k = `${year}\u0000${r.side}\u0000${r.term}`;
    const p = pooled.get(k);
    if (p) {
      p.count += r.count;
      p.words += r.words;
    } else
      pooled.set(k, {
        ...r,
        meeting: year,
        doc_id: '',
        date: `${year}`,
        label: `${year}`,
        title: '',
        days_since_previous: null,
      });
  }
  return [...pooled.values()].map((p) => {
    const [lo, hi] = poissonInterval(p.count);
    const per = (x: number) => (p.words > 0 ? (x * 10_000) / p.words : 0);
    return { ...p, per_10k: per(p.count), ci_low: per(lo), ci_high: per(hi) };
  });
}

/**
 * Per term, the rate per meeting of each side on a categorical meeting axis
 * (date and who spoke) with the exact Poisson interval.
 */
export function trendsFigure(
  rows: readonly TrendRow[],
  terms: readonly string[],
  palette: SideColours = NO_SIDES,
): Figure | undefined {
  const totals = new Map<string, number>();
  for (const r of rows)
    if (r.side !== 'all') totals.set(r.term, (totals.get(r.term) ?? 0) + r.count);
  const shown = terms.filter((t) => (totals.get(t) ?? 0) > 0).slice(0, MAX_TREND_TERMS);
  const meetingCount = new Set(rows.map((r) => r.meeting)).size;
  const yearly = meetingCount > MAX_TREND_MEETINGS;
  const data: Row[] = (yearly ? byYear(rows, shown) : rows)
    .filter((r) => r.side !== 'all' && shown.includes(r.term) && r.words >= MIN_TREND_WORDS)
    .map((r) => ({
      term: r.term,
      meeting: r.meeting,
      label: r.label,
      days_since_previous: r.days_since_previous,
      side: r.side,
      count: r.count,
      words: r.words,
      per_10k: round(r.per_10k),
      ci_low: round(r.ci_low),
      ci_high: round(r.ci_high),
    }));
  if (data.length === 0) return undefined;
  const sides = figureSideOrder(
    data.map((d) => String(d.side)),
    palette,
  );
  const labels = [...new Map(data.map((d) => [Number(d.meeting), String(d.label)])).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, l]) => l);
  const gaps = [...new Map(data.map((d) => [Number(d.meeting), d.days_since_previous])).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, g]) => g)
    .filter((g): g is number => typeof g === 'number');
  const alt =
    `Small multiples, one panel per term (${shown.join(', ')}), of occurrences per 10,000 words ` +
    `in each of ${labels.length} meetings, one point per side (${sides.join(', ')}) with its 95% interval.`;
  const spec = {
    $schema: SCHEMA,
    title: {
      text: 'Term trends by meeting',
      subtitle: yearly
        ? 'Occurrences per 10,000 words spoken by each side, meetings pooled per year; bars: exact 95% Poisson interval'
        : 'Occurrences per 10,000 words spoken by each side; bars: exact 95% Poisson interval; meetings evenly spaced',
    },
    description: alt,
    data: { values: data },
    config: themeConfig(),
    facet: { field: 'term', type: 'nominal', title: null, sort: shown },
    columns: 2,
    spec: {
      width: PANEL_WIDTH * 0.75,
      height: 130,
      encoding: {
        x: {
          field: 'label',
          type: 'ordinal',
          sort: labels,
          title: null,
          axis: { labelAngle: -40, labelLimit: 320 },
        },
        xOffset: { field: 'side', type: 'nominal', sort: sides },
        color: { field: 'side', type: 'nominal', title: 'Side', scale: sideScale(sides, palette) },
      },
      layer: [
        {
          mark: { type: 'rule' },
          encoding: {
            y: { field: 'ci_low', type: 'quantitative' },
            y2: { field: 'ci_high' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 40 },
          encoding: {
            y: { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words' },
            tooltip: [
              { field: 'term', title: 'Term' },
              { field: 'label', title: 'Meeting' },
              {
                field: 'days_since_previous',
                type: 'quantitative',
                title: 'Days since the previous meeting',
              },
              { field: 'side', title: 'Side' },
              { field: 'count', type: 'quantitative', title: 'Occurrences' },
              { field: 'words', type: 'quantitative', title: 'Words spoken by the side' },
              { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words', format: '.1f' },
              { field: 'ci_low', type: 'quantitative', title: '95% interval, low', format: '.1f' },
              {
                field: 'ci_high',
                type: 'quantitative',
                title: '95% interval, high',
                format: '.1f',
              },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
  const omitted = terms.filter((t) => (totals.get(t) ?? 0) > 0).length - shown.length;
  const caption =
    `Each point is the count of one term (a dictionary key with all its patterns, or a term given ` +
    `with --kwic or --collocates) in one side's speech in one meeting per 10,000 words that side ` +
    `spoke there; bars are exact 95% Poisson intervals for the count (Garwood 1936), scaled the ` +
    `same way. ` +
    (yearly
      ? `With ${meetingCount} meetings (more than ${MAX_TREND_MEETINGS}), each point pools one calendar ` +
        `year's meetings (their counts over their words); undated meetings are left out; trends.csv ` +
        `has every meeting. `
      : `The meetings are spaced evenly in date order and labelled by date and the people ` +
        `who spoke: the axis does not show time. `) +
    (!yearly && gaps.length > 0
      ? `Gaps between consecutive meetings range from ${Math.min(...gaps)} to ${Math.max(...gaps)} days (tooltip and trends.csv). `
      : '') +
    `A side that spoke fewer than ${MIN_TREND_WORDS} words in a meeting is left out there. Each ` +
    `panel has its own scale. ` +
    (omitted > 0
      ? `Shown: ${shown.length} of ${shown.length + omitted} terms found; all are in trends.csv.`
      : `All terms asked for that occur are shown.`);
  return {
    id: 'term-trends',
    title: 'Term trends by meeting',
    caption,
    alt,
    spec,
    data,
    columns: [
      'term',
      'meeting',
      'label',
      'days_since_previous',
      'side',
      'count',
      'words',
      'per_10k',
      'ci_low',
      'ci_high',
    ],
  };
}
