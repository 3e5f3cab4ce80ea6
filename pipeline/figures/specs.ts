/**
 * Table → figure builders. Each is a pure function of the analysis tables
 * returning the rows it plots and a Vega-Lite v6 spec with those rows inlined,
 * so the spec, the CSV and the picture always show the same numbers.
 */

import { MIN_INTERVAL_N } from '../../analyses/sentiment/analysis.js';
import { stanceText } from '../../analyses/sentiment/stance.js';
import { KEPT_FUNCTION_WORDS } from '../../analyses/stopwords.js';
import type { Tables } from '../../analyses/types.js';
import {
  key,
  type Meeting,
  meetings,
  poissonInterval,
  round,
  weightedRolling,
  yearOf,
} from './data.js';

import { keyness, keynessPeriods } from './keyness-figures.js';
import { base, colour, dateX, figure, MAX_TIME_MEETINGS, type Row, range, sidesOf } from './kit.js';
import { compareText, PANEL_WIDTH, sideOrder } from './theme.js';
import type { Figure, FigureOptions } from './types.js';

export { keyness, keynessPeriods };

/** How many dictionary phrases the headline figure shows (most frequent first). */
export const HEADLINE_PHRASES = 9;
/**
 * Keys shown first in the headline figure when present (the language whose
 * shift the corpus is read for), before the most frequent other keys.
 */
export const HEADLINE_KEYS = [
  'marxist-leninist',
  'marxism-leninism',
  'revisionism',
  'khrushchev',
  'imperialism',
];
/**
 * A side's rate in a meeting is drawn only when it spoke at least this many
 * words there: below it a single match swings the rate by hundreds per 10,000
 * (an interpreter's one-line turn), which would set every panel's scale.
 */
export const MIN_RATE_WORDS = 50;
/** Terms per speaker in the top-terms figure. */
export const TOP_TERMS = 10;
/**
 * Fewest words a speaker must have spoken to be ranked in the top-terms
 * figure: below it one count moves a rate by 20 per 10,000 or more, and the
 * shared axis would be set by the speaker we know least about.
 */
export const MIN_TERM_WORDS = 500;
/**
 * Fewest sentences behind a mean drawn as a full estimate (filled point with
 * its interval) in the sentiment figures; fewer are drawn hollow.
 */
export const MIN_ESTIMATE_SENTENCES = 5;
/** Turns in the moving average of the sentiment arc. */
export const ARC_WINDOW = 5;
/**
 * Figure sizes are bounded, not proportional to the corpus: a figure shows
 * what a reader can see, the data tables under data/ keep everything.
 * Per-conversation panels (sentiment arc, dispersion): the most recent meetings.
 */
export const MAX_MEETING_PANELS = 12;
/** Meetings (strips per key) in the dispersion figure, so it fits a printed page. */
export const MAX_DISPERSION_MEETINGS = 10;
/** Bars in the share-of-speech figure: the most recent meetings. */
export const MAX_SHARE_BARS = 40;
export { MAX_TIME_MEETINGS };
/** Speakers in the per-speaker figures: those who spoke the most words. */
export const MAX_SPEAKERS = 12;

/** Panel widths of the small-multiple time series (three columns fit a page). */
const PHRASE_PANEL_WIDTH = 220;
const TARGET_PANEL_WIDTH = 220;

/**
 * Tooltip lines for the date and the meeting of a time-series mark. Without a
 * time unit and format the tooltip shows the parsed date in epoch
 * milliseconds; UTC, because the dates are calendar days, not instants.
 */
function whenTooltip(yearly: boolean): object[] {
  return [
    yearly
      ? { field: 'date', type: 'temporal', timeUnit: 'utcyear', format: '%Y', title: 'Year' }
      : {
          field: 'date',
          type: 'temporal',
          timeUnit: 'utcyearmonthdate',
          format: '%-d %B %Y',
          title: 'Date',
        },
    { field: 'title', title: 'Meeting' },
  ];
}

/** Archive title of each document, for tooltips ("" for documents without one). */
function titles(tables: Tables): Map<string, string> {
  return new Map(tables.documents.map((d) => [d.doc_id, d.title] as const));
}

/** Meetings per calendar year, from their dates. */
function meetingsPerYear(dates: Iterable<string>): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of dates) {
    const y = yearOf(d);
    if (y !== undefined) out.set(y, (out.get(y) ?? 0) + 1);
  }
  return out;
}

/** The `title` of a yearly point: what it pools. */
function yearTitle(year: number | string, meetingsInYear: number): string {
  return `${year}: ${meetingsInYear} meeting${meetingsInYear === 1 ? '' : 's'} pooled`;
}

/** One row of small multiples per meeting, labelled above its panel, in meeting order. */
function meetingRows(order: readonly string[]): object {
  return {
    field: 'meeting',
    type: 'nominal',
    sort: order,
    title: null,
    header: {
      labelAngle: 0,
      labelAlign: 'left',
      labelOrient: 'top',
      labelAnchor: 'start',
      labelLimit: 0,
    },
  };
}

/** Labels of the meetings that have rows in `data`, in meeting order (linear in both). */
function present(list: Meeting[], data: Row[]): string[] {
  const seen = new Set(data.map((d) => String(d.meeting)));
  return list.map((m) => m.label).filter((l) => seen.has(l));
}

/** The last `n` meetings of a date-ordered list (still in date order). */
function mostRecent(list: Meeting[], n: number): Meeting[] {
  return list.length > n ? list.slice(list.length - n) : list;
}

/** Speakers ranked by words spoken (then name), at most `n`. */
function topSpeakers(tables: Tables, n: number): Set<string> {
  const words = new Map<string, number>();
  for (const r of tables.turnStats) words.set(r.speaker, (words.get(r.speaker) ?? 0) + r.words);
  for (const r of tables.sentiment)
    if (r.level === 'speaker' && !words.has(r.speaker)) words.set(r.speaker, 0);
  return new Set(
    [...words.entries()]
      .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
      .slice(0, n)
      .map(([s]) => s),
  );
}

function yearDate(year: number): string {
  // Mid-year, so the point sits in the middle of its year on the calendar axis.
  return `${String(year).padStart(4, '0')}-07-01`;
}

/** Distinct meetings (doc ids) in the sentiment and turn tables. */
function meetingCount(tables: Tables): number {
  const ids = new Set<string>();
  for (const r of tables.turnStats) ids.add(r.doc_id);
  for (const r of tables.sentiment) ids.add(r.doc_id);
  return ids.size;
}

/**
 * Sentence sentiment per calendar year and side (or speaker): mean with a
 * normal-approximation 95% interval (mean ± 1.96·sd/√n), from the sentence table.
 */
function yearlySentiment(tables: Tables, level: 'side' | 'speaker', keep?: Set<string>): Row[] {
  const acc = new Map<
    string,
    { year: number; speaker: string; side: string; n: number; sum: number; sq: number; cov: number }
  >();
  for (const r of tables.sentences) {
    const year = yearOf(r.date);
    if (year === undefined) continue;
    if (keep && !keep.has(r.speaker)) continue;
    const speaker = level === 'speaker' ? r.speaker : '';
    const k = key(year, speaker, r.side);
    let a = acc.get(k);
    if (!a) {
      a = { year, speaker, side: r.side, n: 0, sum: 0, sq: 0, cov: 0 };
      acc.set(k, a);
    }
    a.n++;
    a.sum += r.sentiment;
    a.sq += r.sentiment * r.sentiment;
    if (r.covered) a.cov++;
  }
  const perYear = meetingsPerYear(tables.documents.map((d) => d.date));
  return [...acc.values()].map((a) => {
    const mean = a.sum / a.n;
    const sd = a.n > 1 ? Math.sqrt(Math.max(0, (a.sq - a.n * mean * mean) / (a.n - 1))) : 0;
    // No interval from one sentence (MIN_INTERVAL_N, as for the bootstrap intervals).
    const half = a.n >= MIN_INTERVAL_N ? (1.959964 * sd) / Math.sqrt(a.n) : Number.NaN;
    return {
      doc_id: '',
      date: yearDate(a.year),
      title: yearTitle(a.year, perYear.get(a.year) ?? 0),
      speaker: a.speaker,
      side: a.side,
      sentences: a.n,
      mean: round(mean),
      ci_low: end(mean - half),
      ci_high: end(mean + half),
      coverage: round(a.cov / a.n),
    };
  });
}

/**
 * Sentiment axes are fitted to the data (means and their intervals), always
 * including 0, which a dashed rule marks: on a fixed −1 … +1 axis the
 * differences the scores can show would be squeezed into a thin band.
 */
const sentimentScale = { zero: true, nice: true };
/** Short enough to fit beside the plot; the subtitles say the axis is fitted and where 0 is. */
const sentimentTitle = 'Mean sentence score';

// ── 1. Phrase rates over time by side (the headline figure) ──────────────────

export function phraseRates(tables: Tables): Figure | undefined {
  const words = new Map<string, number>();
  const dates = new Map<string, string>();
  for (const r of tables.turnStats) {
    const k = key(r.doc_id, r.side);
    words.set(k, (words.get(k) ?? 0) + r.words);
    dates.set(r.doc_id, r.date);
  }
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of tables.phrases) {
    const k = key(r.doc_id, r.side, r.phrase);
    counts.set(k, (counts.get(k) ?? 0) + r.count);
    totals.set(r.phrase, (totals.get(r.phrase) ?? 0) + r.count);
    if (!dates.has(r.doc_id)) dates.set(r.doc_id, r.date);
  }
  const byCount = [...totals.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([p]) => p);
  // The doctrinal vocabulary leads when the dictionary has it; the rest by frequency.
  const lead = HEADLINE_KEYS.filter((k) => totals.has(k) && totals.get(k)! > 0);
  const phrases = [...lead, ...byCount.filter((p) => !lead.includes(p))];
  const shown = phrases.slice(0, HEADLINE_PHRASES);
  if (shown.length === 0) return undefined;
  const data: Row[] = [];
  // Many meetings: one point per calendar year and side (summed counts over summed words).
  const yearly = dates.size > MAX_TIME_MEETINGS;
  let unitWords = words;
  let unitCounts = counts;
  if (yearly) {
    unitWords = new Map();
    unitCounts = new Map();
    const unitOf = (docId: string) => String(yearOf(dates.get(docId) ?? '') ?? '');
    for (const [k, w] of words) {
      const [docId, side] = k.split('\u0000') as [string, string];
      const u = key(unitOf(docId), side);
      unitWords.set(u, (unitWords.get(u) ?? 0) + w);
    }
    for (const [k, c] of counts) {
      const [docId, side, phrase] = k.split('\u0000') as [string, string, string];
      const u = key(unitOf(docId), side, phrase);
      unitCounts.set(u, (unitCounts.get(u) ?? 0) + c);
    }
  }
  const units = [...unitWords.entries()].sort((a, b) => compareText(a[0], b[0]));
  const titleOf = titles(tables);
  const perYear = meetingsPerYear(dates.values());
  // Zero-filled: a meeting where a side spoke but never used the phrase is a real 0.
  for (const phrase of shown) {
    for (const [k, w] of units) {
      if (w < MIN_RATE_WORDS) continue;
      const [unit, side] = k.split('\u0000') as [string, string];
      if (yearly && unit === '') continue;
      const count = unitCounts.get(key(unit, side, phrase)) ?? 0;
      const [lo, hi] = poissonInterval(count);
      data.push({
        phrase,
        doc_id: yearly ? '' : unit,
        date: yearly ? yearDate(Number(unit)) : (dates.get(unit) ?? ''),
        title: yearly ? yearTitle(unit, perYear.get(Number(unit)) ?? 0) : (titleOf.get(unit) ?? ''),
        side,
        count,
        words: w,
        per_10k: round((count / w) * 1e4),
        ci_low: round((lo / w) * 1e4),
        ci_high: round((hi / w) * 1e4),
      });
    }
  }
  if (data.length === 0) return undefined;
  const sideList = sidesOf(data);
  data.sort(
    (a, b) =>
      shown.indexOf(String(a.phrase)) - shown.indexOf(String(b.phrase)) ||
      compareText(String(a.date), String(b.date)) ||
      compareText(String(a.doc_id), String(b.doc_id)) ||
      sideList.indexOf(String(a.side)) - sideList.indexOf(String(b.side)),
  );
  const x = dateX(
    data.map((d) => String(d.date)),
    'date',
    PHRASE_PANEL_WIDTH,
  );
  const omitted = phrases.length - shown.length;
  const alt =
    `Small multiples, one panel per phrase (${shown.join(', ')}), of occurrences per 10,000 words ` +
    `on a calendar axis, one line per side (${sideList.join(', ')}); rates range ` +
    `${range(data.map((d) => Number(d.per_10k)))}.`;
  const tooltip = [
    { field: 'phrase', title: 'Phrase' },
    ...whenTooltip(yearly),
    { field: 'side', title: 'Side' },
    { field: 'count', type: 'quantitative', title: 'Occurrences' },
    { field: 'words', type: 'quantitative', title: 'Words spoken by the side' },
    { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words', format: '.1f' },
    { field: 'ci_low', type: 'quantitative', title: '95% interval, low', format: '.1f' },
    { field: 'ci_high', type: 'quantitative', title: '95% interval, high', format: '.1f' },
  ];
  const spec = {
    ...base(
      'Dictionary phrases over time, by side',
      yearly
        ? 'Occurrences per 10,000 words spoken by each side in each year; bars: exact 95% Poisson interval'
        : 'Occurrences per 10,000 words spoken by each side in each meeting; bars: exact 95% Poisson interval',
      alt,
      data,
    ),
    facet: { field: 'phrase', type: 'nominal', title: null, sort: shown },
    columns: 3,
    spec: {
      width: PHRASE_PANEL_WIDTH,
      height: 140,
      encoding: {
        x: x,
        color: colour(sideList),
      },
      layer: [
        {
          mark: { type: 'rule', opacity: 0.6 },
          encoding: {
            y: { field: 'ci_low', type: 'quantitative' },
            y2: { field: 'ci_high' },
          },
        },
        {
          mark: { type: 'line', opacity: 0.7 },
          encoding: {
            y: { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words' },
          },
        },
        {
          mark: { type: 'point', size: 45 },
          encoding: {
            y: { field: 'per_10k', type: 'quantitative' },
            tooltip,
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
  const caption =
    `Each point counts the matches of one dictionary phrase (all its surface forms, e.g. ` +
    `"Marxist-Leninist", "Marxism-Leninism") in the speech turns of one side in one meeting, ` +
    `divided by the words that side spoke in that meeting and multiplied by 10,000. ` +
    `Words are counted in speech only: editorial insertions, stage directions and the recorder's ` +
    `narrative are excluded. Vertical bars give an exact 95% Poisson interval for the count ` +
    `(Garwood), scaled the same way; wide bars mean few words. Each panel has its own ` +
    `vertical scale. A side that spoke fewer than ${MIN_RATE_WORDS} words in a meeting is left out ` +
    `of that meeting (its rate would rest on a handful of words). ` +
    (omitted > 0
      ? `Shown: ${lead.length > 0 ? `${lead.join(', ')} first, then ` : ''}the most frequent others, ${shown.length} of ${phrases.length} phrases; all are in the data table phrases.csv.`
      : `All ${phrases.length} dictionary phrases found are shown.`) +
    (yearly
      ? ` With ${dates.size} meetings (more than ${MAX_TIME_MEETINGS}), each point is one calendar year ` +
        `instead of one meeting: the side's matches in that year over the words it spoke that year; ` +
        `per-meeting counts are in phrases.csv and turn_stats.csv.`
      : '');
  return figure('phrase-rates', 'Dictionary phrases over time, by side', caption, alt, spec, data, [
    'phrase',
    'doc_id',
    'date',
    'title',
    'side',
    'count',
    'words',
    'per_10k',
    'ci_low',
    'ci_high',
  ]);
}

// ── 2–3. Sentiment over time by side and by speaker ─────────────────────────

const sentimentColumns = [
  'doc_id',
  'date',
  'title',
  'speaker',
  'side',
  'sentences',
  'mean',
  'ci_low',
  'ci_high',
  'coverage',
];

function sentimentTooltip(withSpeaker: boolean, yearly: boolean): object[] {
  return [
    ...whenTooltip(yearly),
    ...(withSpeaker ? [{ field: 'speaker', title: 'Speaker' }] : []),
    { field: 'side', title: 'Side' },
    { field: 'mean', type: 'quantitative', title: 'Mean sentiment', format: '.3f' },
    { field: 'ci_low', type: 'quantitative', title: '95% CI, low', format: '.3f' },
    { field: 'ci_high', type: 'quantitative', title: '95% CI, high', format: '.3f' },
    { field: 'sentences', type: 'quantitative', title: 'Sentences' },
    { field: 'coverage', type: 'quantitative', title: 'Share with sentiment words', format: '.0%' },
  ];
}

/**
 * Mean-with-interval layers shared by the sentiment figures: a zero line,
 * interval bars, a line through the means and a point per mean. Estimates
 * from fewer than MIN_ESTIMATE_SENTENCES sentences are drawn as hollow points
 * without bar or line, so a one-sentence year does not look like a forty-
 * sentence one; their values stay in the CSV and the tooltip.
 */
function sentimentLayers(
  x: object,
  sides: string[],
  tooltip: object[],
  yTitle: string,
  detail?: string,
): object[] {
  const solid = { filter: `datum.sentences >= ${MIN_ESTIMATE_SENTENCES}` };
  const few = { filter: `datum.sentences < ${MIN_ESTIMATE_SENTENCES}` };
  const lineDetail = detail ? { detail: { field: detail } } : {};
  return [
    {
      mark: { type: 'rule', color: '#999999', strokeDash: [3, 3] },
      encoding: { y: { datum: 0 } },
    },
    {
      transform: [solid],
      mark: { type: 'rule', opacity: 0.6 },
      encoding: {
        x,
        y: { field: 'ci_low', type: 'quantitative', scale: sentimentScale, title: yTitle },
        y2: { field: 'ci_high' },
        color: colour(sides),
        tooltip,
      },
    },
    {
      transform: [solid],
      mark: { type: 'line', opacity: 0.7 },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color: colour(sides),
        ...lineDetail,
      },
    },
    {
      transform: [solid],
      mark: { type: 'point' },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color: colour(sides),
        tooltip,
      },
    },
    {
      transform: [few],
      mark: { type: 'point', filled: false, strokeWidth: 1.5 },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color: colour(sides),
        tooltip,
      },
    },
  ];
}

/** The caption sentence for the hollow points. */
const fewNote =
  `Means from fewer than ${MIN_ESTIMATE_SENTENCES} sentences are drawn as hollow points without ` +
  `interval or line; a mean from a single sentence has no interval at all (empty in the CSV).`;

/** An interval end for the data: null (missing) when none was computed. */
function end(x: number): number | null {
  return Number.isFinite(x) ? round(x) : null;
}

function sentimentRows(tables: Tables, level: 'side' | 'speaker'): Row[] {
  const titleOf = titles(tables);
  return tables.sentiment
    .filter((r) => r.level === level)
    .map((r) => ({
      doc_id: r.doc_id,
      date: r.date,
      title: titleOf.get(r.doc_id) ?? '',
      speaker: r.speaker,
      side: r.side,
      sentences: r.sentences,
      mean: round(r.mean),
      ci_low: end(r.ci_low),
      ci_high: end(r.ci_high),
      coverage: round(r.coverage),
    }));
}

/** What the builders need beyond the tables: the configuration the run used. */
/** Override words quoted as examples in captions. */
const OVERRIDE_EXAMPLES = 4;

/** A signed score as printed: "−0.6", "+0.3", "0". */
function signed(x: number): string {
  const v = round(x, 2);
  return v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0';
}

/**
 * What the scorer was told about the corpus's own vocabulary, from the
 * overrides actually used, never written by hand: a caption that says
 * "revisionists are neutral" while the configuration scores them −0.6 misleads.
 */
export function vocabularyNote(overrides: ReadonlyMap<string, number> = new Map()): string {
  if (overrides.size === 0) {
    return (
      `No domain corrections were configured (corpus/sentiment.yaml sets no overrides), so words ` +
      `the general lexicon does not know, much political vocabulary among them, count as neutral; ` +
      `these scores measure general tone, not political stance.`
    );
  }
  const entries = [...overrides.entries()];
  const neg = entries.filter(([, v]) => v < 0).length;
  const pos = entries.filter(([, v]) => v > 0).length;
  const zero = entries.length - neg - pos;
  const examples = entries
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || compareText(a[0], b[0]))
    .slice(0, OVERRIDE_EXAMPLES)
    .map(([w, v]) => `"${w}" ${signed(v)}`);
  const counts = [
    neg > 0 ? `${neg} negative` : '',
    pos > 0 ? `${pos} positive` : '',
    zero > 0 ? `${zero} set to neutral` : '',
  ].filter(Boolean);
  return (
    `The general lexicon is corrected for this corpus by ${entries.length} word score` +
    `${entries.length === 1 ? '' : 's'} from corpus/sentiment.yaml (${counts.join(', ')}; ` +
    `strongest: ${examples.join(', ')}); words it lists neither there nor in the lexicon count ` +
    `as neutral. Even so these scores measure tone, not political stance.`
  );
}

function sentimentCaption(options: FigureOptions): string {
  return (
    `Each sentence of speech is scored from −1 (negative) to +1 (positive) by the dictionary ` +
    `method described under Methods; a point is the mean over the sentences in one meeting, and ` +
    `the vertical bar its 95% confidence interval. Sentences with no sentiment-bearing word or negator count ` +
    `as 0 and pull means toward 0; the tooltip gives the share of sentences with at least one ` +
    `such word (coverage). ${fewNote} ${vocabularyNote(options.sentimentOverrides)}`
  );
}

const yearlyCaption = (n: number) =>
  ` With ${n} meetings (more than ${MAX_TIME_MEETINGS}), each point is one calendar year instead of ` +
  `one meeting: the mean over all that year's sentences, with a normal-approximation 95% interval ` +
  `(mean ± 1.96 standard errors); per-meeting values with bootstrap intervals are in sentiment.csv.`;

export function sentimentBySide(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const n = meetingCount(tables);
  const yearly = n > MAX_TIME_MEETINGS;
  const data = yearly ? yearlySentiment(tables, 'side') : sentimentRows(tables, 'side');
  if (data.length === 0) return undefined;
  data.sort(
    (a, b) =>
      compareText(String(a.date), String(b.date)) ||
      compareText(String(a.doc_id), String(b.doc_id)) ||
      compareText(String(a.side), String(b.side)),
  );
  const sides = sidesOf(data);
  const x = dateX(data.map((d) => String(d.date)));
  const alt =
    `Line chart of mean sentence sentiment per meeting on a calendar axis, one line per side ` +
    `(${sides.join(', ')}) with 95% confidence intervals; means range ${range(data.map((d) => Number(d.mean)))}.`;
  const spec = {
    ...base(
      'Sentiment over time, by side',
      `Mean sentence score per meeting (axis fitted to the data; dashed: 0); bars: 95% interval; hollow: n < ${MIN_ESTIMATE_SENTENCES}`,
      alt,
      data,
    ),
    width: PANEL_WIDTH,
    height: 240,
    layer: sentimentLayers(x, sides, sentimentTooltip(false, yearly), sentimentTitle),
  };
  return figure(
    'sentiment-by-side',
    'Sentiment over time, by side',
    sentimentCaption(options) + (yearly ? yearlyCaption(n) : ''),
    alt,
    spec,
    data,
    sentimentColumns,
  );
}

export function sentimentBySpeaker(
  tables: Tables,
  options: FigureOptions = {},
): Figure | undefined {
  const n = meetingCount(tables);
  const yearly = n > MAX_TIME_MEETINGS;
  const all = sentimentRows(tables, 'speaker');
  const speakerCount = new Set(all.map((r) => String(r.speaker))).size;
  const keep = speakerCount > MAX_SPEAKERS ? topSpeakers(tables, MAX_SPEAKERS) : undefined;
  const data = yearly
    ? yearlySentiment(tables, 'speaker', keep)
    : keep
      ? all.filter((r) => keep.has(String(r.speaker)))
      : all;
  if (data.length === 0) return undefined;
  const sides = sidesOf(data);
  const speakerSide = new Map<string, string>();
  for (const d of data) speakerSide.set(String(d.speaker), String(d.side));
  const speakers = [...speakerSide.keys()].sort(
    (a, b) =>
      sides.indexOf(speakerSide.get(a)!) - sides.indexOf(speakerSide.get(b)!) || compareText(a, b),
  );
  data.sort(
    (a, b) =>
      speakers.indexOf(String(a.speaker)) - speakers.indexOf(String(b.speaker)) ||
      compareText(String(a.date), String(b.date)) ||
      compareText(String(a.doc_id), String(b.doc_id)),
  );
  const x = dateX(data.map((d) => String(d.date)));
  const alt =
    `Small multiples, one row per speaker (${speakers.join(', ')}), of mean sentence sentiment ` +
    `per meeting on a calendar axis with 95% confidence intervals, coloured by side.`;
  const spec = {
    ...base(
      'Sentiment over time, by speaker',
      `Mean sentence score per meeting (axis fitted to the data; dashed: 0); bars: 95% interval; hollow: n < ${MIN_ESTIMATE_SENTENCES}`,
      alt,
      data,
    ),
    facet: {
      row: {
        field: 'speaker',
        type: 'nominal',
        sort: speakers,
        title: null,
        header: {
          labelAngle: 0,
          labelAlign: 'left',
          labelOrient: 'top',
          labelAnchor: 'start',
          labelLimit: 0,
        },
      },
    },
    spec: {
      width: PANEL_WIDTH,
      height: 90,
      layer: sentimentLayers(x, sides, sentimentTooltip(true, yearly), 'Mean score', 'speaker'),
    },
  };
  return figure(
    'sentiment-by-speaker',
    'Sentiment over time, by speaker',
    sentimentCaption(options) +
      (yearly ? yearlyCaption(n) : '') +
      (keep
        ? ` The ${keep.size} of ${speakerCount} speakers who spoke the most words are shown; all are in sentiment.csv.`
        : ''),
    alt,
    spec,
    data,
    sentimentColumns,
  );
}

// ── 4. Top terms per speaker ─────────────────────────────────────────────────

export function topTerms(tables: Tables): Figure | undefined {
  const words = new Map<string, number>();
  const sideOf = new Map<string, string>();
  for (const r of tables.turnStats) {
    words.set(r.speaker, (words.get(r.speaker) ?? 0) + r.words);
    sideOf.set(r.speaker, r.side);
  }
  // From terms_by_speaker (terms.csv summed over documents), which every run has;
  // terms.csv's rows are not held in memory for large corpora.
  const bySpeaker = tables.termsBySpeaker;
  const counts = new Map<string, Map<string, number>>();
  for (const r of bySpeaker) {
    const m = counts.get(r.speaker) ?? new Map<string, number>();
    m.set(r.term, (m.get(r.term) ?? 0) + r.count);
    counts.set(r.speaker, m);
    if (!sideOf.has(r.speaker)) sideOf.set(r.speaker, r.side);
  }
  const sides = sideOrder(sideOf.values());
  const speakers = [...counts.keys()].sort(
    (a, b) => sides.indexOf(sideOf.get(a)!) - sides.indexOf(sideOf.get(b)!) || compareText(a, b),
  );
  const keep = speakers.length > MAX_SPEAKERS ? topSpeakers(tables, MAX_SPEAKERS) : undefined;
  const data: Row[] = [];
  const tooFew: string[] = [];
  // When nobody reaches the minimum (a small corpus), nobody can dominate a
  // better-measured speaker: all with MIN_RATE_WORDS are ranked, and the
  // caption says the rates rest on few words.
  const minWords = speakers.some(
    (sp) => (!keep || keep.has(sp)) && (words.get(sp) ?? 0) >= MIN_TERM_WORDS,
  )
    ? MIN_TERM_WORDS
    : MIN_RATE_WORDS;
  for (const speaker of speakers) {
    if (keep && !keep.has(speaker)) continue;
    const w = words.get(speaker) ?? 0;
    if (w < minWords) {
      tooFew.push(`${speaker} (${w.toLocaleString('en-US')})`);
      continue;
    }
    const ranked = [...counts.get(speaker)!.entries()]
      .filter(([term]) => !KEPT_FUNCTION_WORDS.has(term))
      .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
      .slice(0, TOP_TERMS);
    ranked.forEach(([term, count], i) => {
      data.push({
        speaker,
        side: sideOf.get(speaker)!,
        rank: i + 1,
        term,
        label: `${term} (${count})`,
        count,
        words: w,
        per_10k: w > 0 ? round((count / w) * 1e4) : 0,
      });
    });
  }
  if (data.length === 0) return undefined;
  const alt =
    `Bar charts, one per speaker (${[...new Set(data.map((d) => String(d.speaker)))].join(', ')}), of each speaker's ${TOP_TERMS} most ` +
    `frequent content terms in occurrences per 10,000 words, coloured by side.`;
  const spec = {
    ...base(
      'Most frequent terms, by speaker',
      `The ${TOP_TERMS} most frequent content terms of each speaker, per 10,000 words they spoke`,
      alt,
      data,
    ),
    facet: { field: 'speaker', type: 'nominal', title: null, sort: speakers },
    columns: 2,
    spec: {
      width: 200,
      height: { step: 16 },
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'label',
          type: 'nominal',
          title: null,
          sort: { field: 'rank', op: 'min', order: 'ascending' },
        },
        x: { field: 'per_10k', type: 'quantitative', title: 'Occurrences per 10,000 words' },
        color: colour(sides),
        tooltip: [
          { field: 'speaker', title: 'Speaker' },
          { field: 'term', title: 'Term' },
          { field: 'count', type: 'quantitative', title: 'Occurrences' },
          { field: 'words', type: 'quantitative', title: 'Words spoken' },
          { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words', format: '.1f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
  const caption =
    `Content terms are lemmas in lower case with the corpus stop words removed, and also the ` +
    `function words the stop-word list keeps for keyness (${[...KEPT_FUNCTION_WORDS].join(', ')}); ` +
    `multi-word names and dictionary phrases count as one term. Counts are summed over all ` +
    `meetings of a speaker and divided by all the words that speaker spoke (×10,000); the number ` +
    `after each term is its raw count. Ties are broken alphabetically. ` +
    (minWords === MIN_TERM_WORDS
      ? `Only speakers with at least ${MIN_TERM_WORDS.toLocaleString('en-US')} words in all are ` +
        `ranked: below that a single occurrence moves a rate by 20 per 10,000 or more.`
      : `No speaker spoke ${MIN_TERM_WORDS.toLocaleString('en-US')} words, the minimum for a ` +
        `stable rate: these rates rest on few words (speakers with fewer than ` +
        `${MIN_RATE_WORDS} are left out); compare the raw counts.`) +
    (tooFew.length > 0
      ? ` Left out for fewer words (words spoken): ${tooFew.join(', ')}; their counts are in terms_by_speaker.csv.`
      : '') +
    (keep
      ? ` The ${keep.size} of ${speakers.length} speakers who spoke the most words are shown; all are in terms.csv.`
      : '');
  return figure('top-terms', 'Most frequent terms, by speaker', caption, alt, spec, data, [
    'speaker',
    'side',
    'rank',
    'term',
    'label',
    'count',
    'words',
    'per_10k',
  ]);
}

// ── 5. Keyness: ./keyness-figures.ts (sides, and periods) ──────────────────

// ── 6. Share of speech per meeting ───────────────────────────────────────────

export function speechShare(tables: Tables): Figure | undefined {
  const allMeetings = meetings(tables);
  const meetingList = mostRecent(allMeetings, MAX_SHARE_BARS);
  const labelOf = new Map(meetingList.map((m) => [m.docId, m] as const));
  const totals = new Map<string, number>();
  for (const r of tables.turnStats) totals.set(r.doc_id, (totals.get(r.doc_id) ?? 0) + r.words);
  const sides = sideOrder(tables.turnStats.map((r) => r.side));
  const capped = meetingList.length < allMeetings.length;
  const data: Row[] = tables.turnStats
    .filter((r) => !capped || labelOf.has(r.doc_id))
    .map((r) => {
      const total = totals.get(r.doc_id) ?? 0;
      return {
        doc_id: r.doc_id,
        date: r.date,
        meeting: labelOf.get(r.doc_id)?.label ?? r.doc_id,
        speaker: r.speaker,
        side: r.side,
        side_order: sides.indexOf(r.side),
        turns: r.turns,
        words: r.words,
        share_words: total > 0 ? round(r.words / total) : 0,
      };
    })
    .sort(
      (a, b) =>
        compareText(a.date, b.date) ||
        compareText(a.doc_id, b.doc_id) ||
        a.side_order - b.side_order ||
        compareText(a.speaker, b.speaker),
    );
  if (data.length === 0) return undefined;
  const order = present(meetingList, data);
  const alt =
    `Stacked horizontal bars, one per meeting (${order.length}), showing each speaker's share of ` +
    `the words spoken, coloured by side.`;
  const spec = {
    ...base(
      'Share of speech in each meeting',
      'Share of the words spoken in the meeting; each segment one speaker',
      alt,
      data,
    ),
    width: PANEL_WIDTH,
    height: { step: 26 },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1.5 },
    encoding: {
      y: { field: 'meeting', type: 'nominal', sort: order, title: null, axis: { labelLimit: 420 } },
      x: {
        field: 'share_words',
        type: 'quantitative',
        stack: 'zero',
        title: 'Share of words spoken',
        axis: { format: '.0%' },
        scale: { domain: [0, 1] },
      },
      color: colour(sides),
      order: { field: 'side_order', type: 'quantitative' },
      detail: { field: 'speaker' },
      tooltip: [
        { field: 'meeting', title: 'Meeting' },
        { field: 'speaker', title: 'Speaker' },
        { field: 'side', title: 'Side' },
        { field: 'turns', type: 'quantitative', title: 'Turns' },
        { field: 'words', type: 'quantitative', title: 'Words' },
        { field: 'share_words', type: 'quantitative', title: 'Share of words', format: '.1%' },
      ],
    },
  };
  const caption =
    `For each meeting, the words each speaker spoke (speech turns only; the recorder's narrative, ` +
    `editorial insertions and stage directions excluded) as a share of all words spoken. ` +
    `Segments are ordered by side, then speaker name; the tooltip gives turns and words.` +
    (capped
      ? ` The ${meetingList.length} most recent of ${allMeetings.length} meetings are shown; all are in turn_stats.csv.`
      : '');
  return figure('speech-share', 'Share of speech in each meeting', caption, alt, spec, data, [
    'doc_id',
    'date',
    'meeting',
    'speaker',
    'side',
    'side_order',
    'turns',
    'words',
    'share_words',
  ]);
}

// ── 7. Sentiment arc within each conversation ────────────────────────────────

export function sentimentArc(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const allMeetings = meetings(tables);
  const meetingList = mostRecent(allMeetings, MAX_MEETING_PANELS);
  const capped = meetingList.length < allMeetings.length;
  const labelOf = new Map(meetingList.map((m) => [m.docId, m.label] as const));
  const byDoc = new Map<string, typeof tables.sentimentArc>();
  for (const r of tables.sentimentArc) {
    const list = byDoc.get(r.doc_id) ?? [];
    list.push(r);
    byDoc.set(r.doc_id, list);
  }
  const data: Row[] = [];
  for (const m of meetingList) {
    const rows = [...(byDoc.get(m.docId) ?? [])].sort((a, b) => a.turn - b.turn);
    const rolling = weightedRolling(rows, ARC_WINDOW);
    rows.forEach((r, i) => {
      data.push({
        doc_id: r.doc_id,
        date: r.date,
        meeting: labelOf.get(r.doc_id) ?? r.doc_id,
        turn: r.turn,
        speaker: r.speaker,
        side: r.side,
        sentences: r.sentences,
        sentences_covered: r.sentences_covered,
        mean: round(r.mean),
        rolling_mean: round(rolling[i]!),
      });
    });
  }
  if (data.length === 0) return undefined;
  const order = present(meetingList, data);
  const sides = sidesOf(data);
  const alt =
    `Small multiples, one row per meeting (${order.length}), of the mean sentiment of each speech ` +
    `turn against the turn number, points coloured by side, with a ${ARC_WINDOW}-turn moving average.`;
  const spec = {
    ...base(
      'The sentiment arc of each conversation',
      `Mean sentence score of each turn; grey line: ${ARC_WINDOW}-turn moving average`,
      alt,
      data,
    ),
    facet: { row: meetingRows(order) },
    spec: {
      width: PANEL_WIDTH,
      height: 90,
      layer: [
        {
          mark: { type: 'rule', color: '#bbbbbb', strokeDash: [3, 3] },
          encoding: { y: { datum: 0 } },
        },
        {
          mark: { type: 'line', color: '#666666', strokeWidth: 1.5 },
          encoding: {
            x: {
              field: 'turn',
              type: 'quantitative',
              title: 'Turn in the conversation',
              axis: { format: 'd', tickMinStep: 1 },
            },
            y: { field: 'rolling_mean', type: 'quantitative' },
          },
        },
        {
          mark: { type: 'point', opacity: 0.85 },
          encoding: {
            x: { field: 'turn', type: 'quantitative' },
            y: {
              field: 'mean',
              type: 'quantitative',
              scale: sentimentScale,
              title: 'Mean score',
            },
            color: colour(sides),
            size: {
              field: 'sentences',
              type: 'quantitative',
              title: 'Sentences in turn',
              scale: { range: [15, 160] },
            },
            tooltip: [
              { field: 'meeting', title: 'Meeting' },
              { field: 'turn', type: 'quantitative', title: 'Turn' },
              { field: 'speaker', title: 'Speaker' },
              { field: 'mean', type: 'quantitative', title: 'Mean sentiment', format: '.3f' },
              { field: 'sentences', type: 'quantitative', title: 'Sentences' },
              { field: 'sentences_covered', type: 'quantitative', title: 'With sentiment words' },
            ],
          },
        },
      ],
    },
  };
  const caption =
    `Each point is one speech turn: the mean score of its sentences (−1 to +1), sized by the number ` +
    `of sentences. The grey line is a centred moving average over ${ARC_WINDOW} turns, weighted by ` +
    `sentences, so brief courtesies weigh less than long statements. Turns without any ` +
    `sentiment-bearing word or negator score 0. Read the turns themselves (Reading view) before ` +
    `interpreting a dip. ${vocabularyNote(options.sentimentOverrides)}` +
    (capped
      ? ` The ${meetingList.length} most recent of ${allMeetings.length} meetings are shown; every turn of every meeting is in sentiment_arc.csv.`
      : '');
  return figure(
    'sentiment-arc',
    'The sentiment arc of each conversation',
    caption,
    alt,
    spec,
    data,
    [
      'doc_id',
      'date',
      'meeting',
      'turn',
      'speaker',
      'side',
      'sentences',
      'sentences_covered',
      'mean',
      'rolling_mean',
    ],
  );
}

// ── 8. Dispersion of dictionary terms across each conversation ───────────────

/** Dictionary keys in the dispersion figure: the headline keys first, then the most frequent. */
export const DISPERSION_KEYS = 4;

/**
 * Which phrases the dispersion figure shows: the headline keys present, then
 * the most frequent others, at most DISPERSION_KEYS.
 */
function dispersionKeys(kwic: Tables['kwic']): { shown: string[]; all: number } {
  const totals = new Map<string, number>();
  for (const r of kwic) totals.set(r.phrase, (totals.get(r.phrase) ?? 0) + 1);
  const lead = HEADLINE_KEYS.filter((k) => totals.has(k));
  const rest = [...totals.entries()]
    .filter(([p]) => !lead.includes(p))
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([p]) => p);
  return { shown: [...lead, ...rest].slice(0, DISPERSION_KEYS), all: totals.size };
}

/**
 * AntConc-style dispersion plot: one panel per headline key, one strip per
 * meeting, a tick wherever the key was spoken. Sized for a printed page
 * (at most DISPERSION_KEYS × MAX_DISPERSION_MEETINGS strips, meetings labelled
 * by date), not one row per phrase and meeting.
 */
export function dispersion(tables: Tables): Figure | undefined {
  const { shown, all } = dispersionKeys(tables.kwic);
  const keys = new Set(shown);
  const withMatches = new Set(tables.kwic.filter((r) => keys.has(r.phrase)).map((r) => r.doc_id));
  const allMeetings = meetings(tables).filter((m) => withMatches.has(m.docId));
  const meetingList = mostRecent(allMeetings, MAX_DISPERSION_MEETINGS);
  const capped = meetingList.length < allMeetings.length;
  // Short strip labels: the date, with the document id where two meetings share one.
  const dateCount = new Map<string, number>();
  for (const m of meetingList) dateCount.set(m.date, (dateCount.get(m.date) ?? 0) + 1);
  const labelOf = new Map(
    meetingList.map(
      (m) =>
        [
          m.docId,
          (dateCount.get(m.date) ?? 0) > 1 || !m.date
            ? `${m.date || 'undated'} (${m.docId})`
            : m.date,
        ] as const,
    ),
  );
  const data: Row[] = tables.kwic
    .filter((r) => keys.has(r.phrase) && labelOf.has(r.doc_id))
    .map((r) => ({
      doc_id: r.doc_id,
      date: r.date,
      meeting: labelOf.get(r.doc_id)!,
      phrase: r.phrase,
      position: round(r.position),
      turn: r.turn,
      speaker: r.speaker,
      side: r.side,
      match: r.match,
    }))
    .sort(
      (a, b) =>
        shown.indexOf(a.phrase) - shown.indexOf(b.phrase) ||
        compareText(a.date, b.date) ||
        compareText(a.doc_id, b.doc_id) ||
        a.position - b.position ||
        a.turn - b.turn,
    );
  if (data.length === 0) return undefined;
  const order = meetingList.map((m) => labelOf.get(m.docId)!);
  const sides = sidesOf(data);
  const alt =
    `Dispersion plot: for each of ${shown.length} dictionary keys (${shown.join(', ')}), one strip ` +
    `per meeting (${order.length}) with a tick at each place in the conversation where the key ` +
    `was spoken, coloured by the speaker's side.`;
  const spec = {
    ...base(
      'Where the headline keys occur in each conversation',
      'One strip per meeting; a tick per occurrence, at the share of words spoken before it',
      alt,
      data,
    ),
    facet: {
      row: {
        field: 'phrase',
        type: 'nominal',
        sort: shown,
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top' },
      },
    },
    spec: {
      width: PANEL_WIDTH,
      height: { step: 14 },
      mark: { type: 'tick', thickness: 1.5, bandSize: 11 },
      encoding: {
        x: {
          field: 'position',
          type: 'quantitative',
          title: 'Position in the conversation (share of words spoken so far)',
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
        },
        y: {
          field: 'meeting',
          type: 'nominal',
          sort: order,
          title: null,
          scale: { domain: order },
        },
        color: colour(sides),
        tooltip: [
          { field: 'phrase', title: 'Key' },
          { field: 'meeting', title: 'Meeting' },
          { field: 'match', title: 'As written' },
          { field: 'speaker', title: 'Speaker' },
          { field: 'turn', type: 'quantitative', title: 'Turn' },
          { field: 'position', type: 'quantitative', title: 'Position', format: '.1%' },
        ],
      },
    },
  };
  const caption =
    `Every match of ${shown.length === all ? 'each dictionary key' : `${shown.length} of the ${all} dictionary keys`} ` +
    `(${shown.join(', ')}${HEADLINE_KEYS.some((k) => keys.has(k)) ? '; the headline keys first' : ''}) ` +
    `in the speech of a meeting, placed at the share of the meeting's spoken words that precede ` +
    `it (0% = first word spoken, 100% = last): one panel per key, one strip per meeting (labelled ` +
    `by date), ticks coloured by the side of the speaker. An empty strip means the key was not ` +
    `spoken in that meeting. Clusters show where a topic was discussed; the concordance below ` +
    `lists each occurrence in context.` +
    (capped
      ? ` The ${meetingList.length} most recent of ${allMeetings.length} meetings with matches are shown; every match is in kwic.csv.`
      : ' Every match of every key is in kwic.csv.');
  return figure(
    'dispersion',
    'Where the headline keys occur in each conversation',
    caption,
    alt,
    spec,
    data,
    ['doc_id', 'date', 'meeting', 'phrase', 'position', 'turn', 'speaker', 'side', 'match'],
  );
}

// ── 9. Tone toward targets per year ──────────────────────────────────────────

/** How targets are found, quoting the configuration's first target with patterns. */
function targetExample(targets: FigureOptions['sentimentTargets'] = []): string {
  const first = targets.find((t) => t.patterns.length > 0);
  if (!first) return 'by the patterns of corpus/sentiment.yaml';
  const patterns = first.patterns.slice(0, 3).map((p) => `"${p}"`);
  return (
    `by the patterns of corpus/sentiment.yaml, ${targets.length} target` +
    `${targets.length === 1 ? '' : 's'}; e.g. ${patterns.join(', ')} for ${first.key}`
  );
}

/** Named for what it measures: the tone of sentences, not an attitude toward the target. */
export const TARGET_TITLE = 'Tone of the sentences that mention each target, per year';

export function targetTone(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const data: Row[] = tables.sentimentTargets
    .map((r) => ({
      year: r.year,
      // Mid-year, so the point sits in the middle of its year on the calendar axis.
      date: `${String(r.year).padStart(4, '0')}-07-01`,
      target: r.target,
      side: r.side,
      sentences: r.sentences,
      mean: round(r.mean),
      ci_low: end(r.ci_low),
      ci_high: end(r.ci_high),
      coverage: round(r.coverage),
    }))
    .sort(
      (a, b) => compareText(a.target, b.target) || a.year - b.year || compareText(a.side, b.side),
    );
  if (data.length === 0) return undefined;
  const targets = [...new Set(data.map((d) => String(d.target)))].sort(compareText);
  const sides = sidesOf(data);
  const x = {
    ...(dateX(
      data.map((d) => String(d.date)),
      'date',
      TARGET_PANEL_WIDTH,
    ) as Record<string, unknown>),
    title: 'Year',
  };
  const alt =
    `Small multiples, one panel per target (${targets.join(', ')}), of the mean tone score of ` +
    `the sentences that mention the target per year, by side, with 95% confidence intervals.`;
  const spec = {
    ...base(
      TARGET_TITLE,
      `Mean tone score of the sentences that mention each target; bars: 95% interval; hollow: n < ${MIN_ESTIMATE_SENTENCES}`,
      alt,
      data,
    ),
    facet: { field: 'target', type: 'nominal', title: null, sort: targets },
    columns: 3,
    spec: {
      width: TARGET_PANEL_WIDTH,
      height: 130,
      layer: sentimentLayers(
        x,
        sides,
        [
          { field: 'target', title: 'Target' },
          { field: 'year', title: 'Year' },
          { field: 'side', title: 'Side' },
          { field: 'sentences', type: 'quantitative', title: 'Sentences (n)' },
          { field: 'mean', type: 'quantitative', title: 'Mean sentiment', format: '.3f' },
          { field: 'ci_low', type: 'quantitative', title: '95% CI, low', format: '.3f' },
          { field: 'ci_high', type: 'quantitative', title: '95% CI, high', format: '.3f' },
          { field: 'coverage', type: 'quantitative', title: 'Coverage', format: '.0%' },
        ],
        'Mean score',
      ),
    },
  };
  const caption =
    `This figure measures the tone of the words in the sentences that mention a target, not ` +
    `the speakers' attitude toward it. Sentences that mention a target ` +
    `(${targetExample(options.sentimentTargets)}) are scored as in the sentiment figures and ` +
    `averaged per side and calendar year; bars are 95% bootstrap intervals. ${fewNote} ` +
    `The tooltip and target-tone.csv give each mean's number of sentences. A sentence ` +
    `mentioning two targets counts for both. ${stanceText(options.stance)}`;
  return figure('target-tone', TARGET_TITLE, caption, alt, spec, data, [
    'year',
    'date',
    'target',
    'side',
    'sentences',
    'mean',
    'ci_low',
    'ci_high',
    'coverage',
  ]);
}

/** Every builder, in the order the report shows them. */
/** Driver words shown per side, year and polarity in the drivers figure. */
export const DRIVERS_SHOWN = 6;
/** Most recent years shown in the drivers figure (all are in sentiment_drivers.csv). */
export const DRIVER_YEARS = 8;

/**
 * The words that move each side's sentence scores, per year: the strongest
 * positive and negative contributors (sentiment_drivers.csv), as diverging bars.
 */
export function sentimentDrivers(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const years = [...new Set(tables.sentimentDrivers.map((r) => r.year))].sort((a, b) => a - b);
  const shownYears = new Set(years.slice(-DRIVER_YEARS));
  const data: Row[] = tables.sentimentDrivers
    .filter((r) => shownYears.has(r.year) && r.rank <= DRIVERS_SHOWN)
    .map((r) => ({
      year: r.year,
      side: r.side,
      polarity: r.polarity,
      rank: r.rank,
      term: r.term,
      sentences: r.sentences,
      contribution: round(r.contribution),
    }))
    .sort(
      (a, b) =>
        a.year - b.year ||
        compareText(a.side, b.side) ||
        compareText(a.polarity, b.polarity) ||
        a.rank - b.rank,
    );
  if (data.length === 0) return undefined;
  const sides = sidesOf(data);
  const alt =
    `Diverging bar charts, one panel per side and year, of the ${DRIVERS_SHOWN} words that raise ` +
    `and the ${DRIVERS_SHOWN} that lower that side's sentence scores most.`;
  const spec = {
    ...base(
      'What drives the sentiment scores',
      'Summed contribution of each word to the sentence scores of a side in a year',
      alt,
      data,
    ),
    facet: {
      row: { field: 'year', type: 'ordinal', title: null },
      column: { field: 'side', type: 'nominal', title: null, sort: sides },
    },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 200,
      height: { step: 11 },
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'term',
          type: 'nominal',
          title: null,
          sort: { field: 'contribution', order: 'descending' },
        },
        x: { field: 'contribution', type: 'quantitative', title: 'Summed contribution' },
        color: {
          field: 'polarity',
          type: 'nominal',
          title: 'Effect',
          scale: { domain: ['positive', 'negative'], range: ['#009E73', '#CC79A7'] },
        },
        tooltip: [
          { field: 'term', title: 'Word' },
          { field: 'side', title: 'Side' },
          { field: 'year', title: 'Year' },
          { field: 'contribution', type: 'quantitative', title: 'Contribution', format: '.2f' },
          { field: 'sentences', type: 'quantitative', title: 'Sentences' },
        ],
      },
    },
  };
  const caption =
    `For each side and year, each word's signed contributions to the scores of the sentences it ` +
    `appears in, summed (after negation, intensifiers` +
    ((options.sentimentOverrides?.size ?? 0) > 0
      ? ` and the ${options.sentimentOverrides!.size} domain overrides in corpus/sentiment.yaml). `
      : `; no domain overrides were configured). `) +
    `The ${DRIVERS_SHOWN} strongest positive and negative words are shown` +
    (years.length > DRIVER_YEARS ? ` for the ${DRIVER_YEARS} most recent years` : '') +
    `; every ranked word is in sentiment_drivers.csv. "(negation)" sums the small negative term ` +
    `each "not", "no", "never" … adds. A word that dominates a panel is worth ` +
    `checking in the concordance: the lexicon scores tone, not stance.`;
  return figure('sentiment-drivers', 'What drives the sentiment scores', caption, alt, spec, data, [
    'year',
    'side',
    'polarity',
    'rank',
    'term',
    'sentences',
    'contribution',
  ]);
}

export const BUILDERS: ReadonlyArray<
  (tables: Tables, options: FigureOptions) => Figure | undefined
> = [
  phraseRates,
  sentimentBySide,
  sentimentBySpeaker,
  topTerms,
  keyness,
  keynessPeriods,
  speechShare,
  sentimentArc,
  dispersion,
  targetTone,
  sentimentDrivers,
];

export type { Meeting };
