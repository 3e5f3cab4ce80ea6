/**
 * The figure kit every analysis's figures draw on: the spec's frame and
 * theme, the calendar-time axis, colour by side, the tooltips, titles and
 * panel rows shared by the time series and per-meeting figures, the caps
 * several figures share, and the Figure record. Pure; no analysis imported
 * (the tables are read through the few fields the helpers need).
 */
import { type Meeting, round, yearOf, yearSpan } from './data.js';
import {
  compareText,
  PANEL_WIDTH,
  type SideColours,
  sideOrder,
  sideScale,
  themeConfig,
} from './theme.js';
import type { Figure } from './types.js';

/** Above this many meetings, the time-series figures show one point per calendar year. */
export const MAX_TIME_MEETINGS = 60;

/**
 * A side's (or speaker's) rate in a meeting is drawn only when it spoke at
 * least this many words there: below it a single match swings the rate by
 * hundreds per 10,000 (an interpreter's one-line turn), which would set every
 * panel's scale.
 */
export const MIN_RATE_WORDS = 50;
/** Speakers in the per-speaker figures: those who spoke the most words. */
export const MAX_SPEAKERS = 12;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A plotted row; null is a missing value (an empty CSV cell, a mark Vega leaves out). */
export type Row = Record<string, string | number | boolean | null>;

const SIDE_TITLE = 'Side';

/** Colour by side: the sides present, in the corpus's order and colours (`palette`). */
export function colour(
  sides: Iterable<string>,
  palette: SideColours,
  title: string | null = SIDE_TITLE,
): Row | object {
  return {
    field: 'side',
    type: 'nominal',
    title,
    scale: sideScale(sides, palette),
  };
}

/** Horizontal room a year label ("1966", 11 px DejaVu Sans ≈ 28 px) needs, with a gap. */
const YEAR_LABEL_PX = 40;

/**
 * Calendar-time x axis spanning whole years of the data (1959 → 1966 for the
 * corpus). Labels every `step` years, with `step` chosen so the labels fit
 * `width`, and the domain's first year moved back so the last year of the data
 * is always labelled: a reader sees where the data end.
 */
export function dateX(dates: Iterable<string>, field = 'date', width = PANEL_WIDTH): object {
  const [first, hi] = yearSpan(dates);
  const years = hi - first + 1;
  const step = Math.max(1, Math.ceil((YEAR_LABEL_PX * years) / width));
  const lo = hi - step * Math.ceil((hi - first) / step);
  // Explicit tick values: d3's every-k-years ticks fall on years divisible by k,
  // which would leave the last year unlabelled.
  const values: object[] = [];
  for (let y = lo; y <= hi; y += step) values.push({ year: y, month: 1, date: 1, utc: true });
  return {
    field,
    type: 'temporal',
    title: 'Date of meeting',
    scale: {
      type: 'utc',
      domain: [
        { year: lo, month: 1, date: 1, utc: true },
        { year: hi, month: 12, date: 31, utc: true },
      ],
    },
    axis: {
      format: '%Y',
      values,
      labelFlush: false,
      labelOverlap: false,
    },
  };
}

export function base(
  title: string,
  subtitle: string,
  alt: string,
  data: Row[],
): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle },
    description: alt,
    data: { values: data },
    config: themeConfig(),
  };
}

export function figure(
  id: string,
  title: string,
  caption: string,
  alt: string,
  spec: object,
  data: Row[],
  columns: string[],
): Figure {
  return { id, title, caption, alt, spec, data, columns };
}

/** The sides present in `rows`, in legend order. */
export function sidesOf(
  rows: ReadonlyArray<Record<string, unknown>>,
  palette: SideColours,
): string[] {
  return sideOrder(
    rows.map((r) => String(r.side)),
    palette,
  );
}

/** Items as a sentence lists them: "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "lo to hi" of `values`, rounded to 2 decimals (for alt texts and captions). */
export function range(values: number[]): string {
  if (values.length === 0) return 'no values';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `${fmt(lo)} to ${fmt(hi)}`;
}

function fmt(x: number): string {
  return String(round(x, 2));
}

/**
 * Tooltip lines for the date and the meeting of a time-series mark. Without a
 * time unit and format the tooltip shows the parsed date in epoch
 * milliseconds; UTC, because the dates are calendar days, not instants.
 */
export function whenTooltip(yearly: boolean): object[] {
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
export function titles(tables: {
  documents: ReadonlyArray<{ doc_id: string; title: string }>;
}): Map<string, string> {
  return new Map(tables.documents.map((d) => [d.doc_id, d.title] as const));
}

/** Meetings per calendar year, from their dates. */
export function meetingsPerYear(dates: Iterable<string>): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of dates) {
    const y = yearOf(d);
    if (y !== undefined) out.set(y, (out.get(y) ?? 0) + 1);
  }
  return out;
}

/** The `title` of a yearly point: what it pools. */
export function yearTitle(year: number | string, meetingsInYear: number): string {
  return `${year}: ${meetingsInYear} meeting${meetingsInYear === 1 ? '' : 's'} pooled`;
}

/** One row of small multiples per meeting, labelled above its panel, in meeting order. */
export function meetingRows(order: readonly string[]): object {
  return panelRows('meeting', order);
}

/** One row of small multiples per value of `field`, labelled above its panel, in `order`. */
export function panelRows(field: string, order: readonly string[]): object {
  return {
    field,
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
export function present(list: Meeting[], data: Row[]): string[] {
  const seen = new Set(data.map((d) => String(d.meeting)));
  return list.map((m) => m.label).filter((l) => seen.has(l));
}

/** The last `n` meetings of a date-ordered list (still in date order). */
export function mostRecent(list: Meeting[], n: number): Meeting[] {
  return list.length > n ? list.slice(list.length - n) : list;
}

/** Speakers ranked by words spoken (then name), at most `n`. */
export function topSpeakers(
  tables: {
    turnStats: ReadonlyArray<{ speaker: string; words: number }>;
    sentiment: ReadonlyArray<{ level: string; speaker: string }>;
  },
  n: number,
): Set<string> {
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

/** A calendar year as a date for the time axis. */
export function yearDate(year: number): string {
  // Mid-year, so the point sits in the middle of its year on the calendar axis.
  return `${String(year).padStart(4, '0')}-07-01`;
}
