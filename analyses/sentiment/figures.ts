/**
 * The sentiment analysis's figures: sentiment over time by side and by
 * speaker, the arc of each conversation, the tone of the sentences that
 * mention each target, and the words that drive the scores.
 */
import { key, meetings, round, weightedRolling, yearOf } from '../../pipeline/figures/data.js';
import {
  base,
  colour,
  dateX,
  figure,
  MAX_SPEAKERS,
  MAX_TIME_MEETINGS,
  meetingRows,
  meetingsPerYear,
  mostRecent,
  panelRows,
  present,
  type Row,
  range,
  sidesOf,
  titles,
  topSpeakers,
  whenTooltip,
  yearDate,
  yearTitle,
} from '../../pipeline/figures/kit.js';
import { compareText, PANEL_WIDTH } from '../../pipeline/figures/theme.js';
import type { Figure } from '../../pipeline/figures/types.js';
import type { FigureOptions } from '../contract.js';
import { sidePalette } from '../figure-options.js';
import type { Tables } from '../types.js';
import { MIN_INTERVAL_N } from './analysis.js';
import { stanceText } from './stance.js';

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

const TARGET_PANEL_WIDTH = 220;

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
  color: object,
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
        color,
        tooltip,
      },
    },
    {
      transform: [solid],
      mark: { type: 'line', opacity: 0.7 },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color,
        ...lineDetail,
      },
    },
    {
      transform: [solid],
      mark: { type: 'point' },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color,
        tooltip,
      },
    },
    {
      transform: [few],
      mark: { type: 'point', filled: false, strokeWidth: 1.5 },
      encoding: {
        x,
        y: { field: 'mean', type: 'quantitative', scale: sentimentScale, title: yTitle },
        color,
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
  const palette = sidePalette(options);
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
  const sides = sidesOf(data, palette);
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
    layer: sentimentLayers(
      x,
      colour(sides, palette),
      sentimentTooltip(false, yearly),
      sentimentTitle,
    ),
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
  const palette = sidePalette(options);
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
  const sides = sidesOf(data, palette);
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
      row: panelRows('speaker', speakers),
    },
    spec: {
      width: PANEL_WIDTH,
      height: 90,
      layer: sentimentLayers(
        x,
        colour(sides, palette),
        sentimentTooltip(true, yearly),
        'Mean score',
        'speaker',
      ),
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

// ── 7. Sentiment arc within each conversation ────────────────────────────────

export function sentimentArc(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
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
  const sides = sidesOf(data, palette);
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
            color: colour(sides, palette),
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
  const palette = sidePalette(options);
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
  const sides = sidesOf(data, palette);
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
        colour(sides, palette),
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

/** Driver words shown per side, year and polarity in the drivers figure. */
export const DRIVERS_SHOWN = 6;
/** Most recent years shown in the drivers figure (all are in sentiment_drivers.csv). */
export const DRIVER_YEARS = 8;

/**
 * The words that move each side's sentence scores, per year: the strongest
 * positive and negative contributors (sentiment_drivers.csv), as diverging bars.
 */
export function sentimentDrivers(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
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
  const sides = sidesOf(data, palette);
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
