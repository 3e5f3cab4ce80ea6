/**
 * Which parts of the corpus keyness compares: two sides (target against
 * reference) and two periods (named date ranges). They come from the
 * `comparisons:` section of corpus/corpus.yaml (pipeline/comparisons-config.ts)
 * or, when a part is absent there, from the data by DEFAULT_RULE:
 *
 * - sides: the two sides that spoke the most words (ties by name), the
 *   larger as target; "Unknown" (unregistered speakers) is not chosen while
 *   two registered sides spoke. With three or more sides the others are in no
 *   side comparison, and `left_out` names them (a diagnostic and the caption
 *   say so) — a clear choice, never a silent pooling.
 * - periods: the earliest and the latest third of the span from the first to
 *   the last dated meeting, in days, so the two periods are equally long and
 *   separated by the middle third. Undated meetings are in neither.
 *
 * A part that cannot be formed (fewer than two sides; fewer than two dates,
 * or all on one day) is undefined, and keyness leaves that comparison out.
 */

import { listText } from '../pipeline/figures/kit.js';

/** One side of a comparison: a name and the corpus sides pooled under it (usually one). */
export interface SideGroup {
  name: string;
  sides: readonly string[];
}

/** An inclusive date range, YYYY-MM-DD, under a name ("1959-1961"). */
export interface Period {
  name: string;
  from: string;
  to: string;
}

/** Where a part of the comparison came from. */
export type ComparisonSource = 'corpus.yaml' | 'default';

export interface Comparisons {
  sides?: {
    target: SideGroup;
    reference: SideGroup;
    source: ComparisonSource;
    /** Sides that spoke but are in neither group. */
    left_out: readonly string[];
  };
  periods?: { target: Period; reference: Period; source: ComparisonSource };
}

/** What corpus.yaml may say (each part optional). */
export interface ComparisonsConfig {
  sides?: { target: SideGroup; reference: SideGroup };
  periods?: { target: Period; reference: Period };
}

/** The rule the defaults follow, for the methods text and the captions. */
export const DEFAULT_RULE = {
  sides: 'the two sides that spoke the most words',
  periods:
    'the earliest and the latest third of the span of meeting dates (equal lengths of time, the middle third left out)',
} as const;

/** The side unregistered speakers get (pipeline/registry.ts). */
const UNKNOWN_SIDE = 'Unknown';

/** What the defaults need of each speaker-document. */
export interface ComparisonUnit {
  side: string;
  words: number;
  date: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The sides by words spoken (most first, ties by name), registered sides before "Unknown". */
function sidesByWords(units: readonly ComparisonUnit[]): string[] {
  const words = new Map<string, number>();
  for (const u of units) words.set(u.side, (words.get(u.side) ?? 0) + u.words);
  const ranked = [...words.entries()]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([s]) => s);
  const known = ranked.filter((s) => s !== UNKNOWN_SIDE);
  return known.length >= 2 ? [...known, ...ranked.filter((s) => s === UNKNOWN_SIDE)] : ranked;
}

/** The default periods: first and last third of the dated span (see the module comment). */
export function defaultPeriods(
  dates: Iterable<string>,
): { target: Period; reference: Period } | undefined {
  let lo = '';
  let hi = '';
  for (const d of dates) {
    if (!DATE.test(d)) continue;
    if (lo === '' || d < lo) lo = d;
    if (hi === '' || d > hi) hi = d;
  }
  if (lo === '' || lo === hi) return undefined;
  const a = Date.parse(`${lo}T00:00:00Z`);
  const b = Date.parse(`${hi}T00:00:00Z`);
  const third = Math.floor((b - a) / DAY_MS / 3);
  if (third < 1) return undefined;
  const firstEnd = isoDay(a + third * DAY_MS);
  const lastStart = isoDay(b - third * DAY_MS);
  return {
    target: { name: `${lo} to ${firstEnd}`, from: lo, to: firstEnd },
    reference: { name: `${lastStart} to ${hi}`, from: lastStart, to: hi },
  };
}

/** The comparisons for this corpus: the configured parts, the others by DEFAULT_RULE. */
export function resolveComparisons(
  config: ComparisonsConfig | undefined,
  units: readonly ComparisonUnit[],
): Comparisons {
  const out: Comparisons = {};
  const spoken = sidesByWords(units);
  if (config?.sides) {
    const used = new Set([...config.sides.target.sides, ...config.sides.reference.sides]);
    out.sides = {
      ...config.sides,
      source: 'corpus.yaml',
      left_out: spoken.filter((s) => !used.has(s)).sort(),
    };
  } else if (spoken.length >= 2) {
    const [t, r] = spoken as [string, string];
    out.sides = {
      target: { name: t, sides: [t] },
      reference: { name: r, sides: [r] },
      source: 'default',
      left_out: spoken.slice(2).sort(),
    };
  }
  if (config?.periods) out.periods = { ...config.periods, source: 'corpus.yaml' };
  else {
    const p = defaultPeriods(units.map((u) => u.date));
    if (p) out.periods = { ...p, source: 'default' };
  }
  return out;
}

/** Whether a date falls in a period (both ends included). */
export function inPeriod(date: string, p: Period): boolean {
  return DATE.test(date) && date >= p.from && date <= p.to;
}

/** The keyness comparison labels these produce ("side:A vs B", "period:X vs Y"). */
export function comparisonLabels(c: Comparisons): { side?: string; period?: string } {
  return {
    side: c.sides ? `side:${c.sides.target.name} vs ${c.sides.reference.name}` : undefined,
    period: c.periods
      ? `period:${c.periods.target.name} vs ${c.periods.reference.name}`
      : undefined,
  };
}

/** A period as a reader reads it: its name, with its dates when the name does not give them. */
export function periodText(p: Period): string {
  return p.name === `${p.from} to ${p.to}` ? p.name : `${p.name} (${p.from} to ${p.to})`;
}

/**
 * One sentence saying what was compared and how it was chosen, for the
 * captions and the methods paragraph (generated, never written by hand).
 */
export function comparisonsText(c: Comparisons): string {
  const parts: string[] = [];
  if (c.sides) {
    const g = (s: SideGroup) =>
      s.sides.length === 1 && s.sides[0] === s.name ? s.name : `${s.name} (${s.sides.join(', ')})`;
    parts.push(
      `the side comparison sets ${g(c.sides.target)} against ${g(c.sides.reference)}` +
        (c.sides.source === 'corpus.yaml'
          ? ' as set in corpus.yaml'
          : `, ${DEFAULT_RULE.sides} (no comparisons.sides in corpus.yaml)`) +
        (c.sides.left_out.length > 0
          ? `; ${listText(c.sides.left_out)} ${c.sides.left_out.length === 1 ? 'is' : 'are'} in no side comparison`
          : ''),
    );
  } else parts.push('there is no side comparison (fewer than two sides spoke)');
  if (c.periods) {
    parts.push(
      `the period comparison sets ${periodText(c.periods.target)} against ${periodText(c.periods.reference)}` +
        (c.periods.source === 'corpus.yaml'
          ? ' as set in corpus.yaml'
          : `, ${DEFAULT_RULE.periods} (no comparisons.periods in corpus.yaml)`),
    );
  } else parts.push('there is no period comparison (fewer than two distinct meeting dates)');
  const s = parts.join('; ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}
