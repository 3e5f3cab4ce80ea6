/**
 * The figure kit every figure builder draws on (pipeline/figures/specs.ts and
 * the analyses' own figures): the spec's frame and theme, the calendar-time
 * axis, colour by side, and the Figure record. Pure; no analysis imported.
 */
import { round, yearSpan } from './data.js';
import { PANEL_WIDTH, sideOrder, sideScale, themeConfig } from './theme.js';
import type { Figure } from './types.js';

/** Above this many meetings, the time-series figures show one point per calendar year. */
export const MAX_TIME_MEETINGS = 60;

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A plotted row; null is a missing value (an empty CSV cell, a mark Vega leaves out). */
export type Row = Record<string, string | number | boolean | null>;

const SIDE_TITLE = 'Side';

export function colour(sides: Iterable<string>, title: string | null = SIDE_TITLE): Row | object {
  return {
    field: 'side',
    type: 'nominal',
    title,
    scale: sideScale(sides),
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
export function sidesOf(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  return sideOrder(rows.map((r) => String(r.side)));
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
