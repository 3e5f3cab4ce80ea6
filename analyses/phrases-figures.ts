/**
 * The phrases analysis's figure: the headline figure, dictionary phrase rates
 * over time by side (phrases.csv over the words each side spoke, turn_stats.csv).
 */
import { key, poissonInterval, round, yearOf } from '../pipeline/figures/data.js';
import {
  base,
  colour,
  dateX,
  figure,
  MAX_TIME_MEETINGS,
  MIN_RATE_WORDS,
  meetingsPerYear,
  type Row,
  range,
  sidesOf,
  titles,
  whenTooltip,
  yearDate,
  yearTitle,
} from '../pipeline/figures/kit.js';
import { compareText } from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import { type FigureOptions, sidePalette } from './figure-options.js';
import type { Tables } from './types.js';

/** How many dictionary phrases the headline figure shows (most frequent first). */
export const HEADLINE_PHRASES = 9;
/** Panel widths of the small-multiple time series (three columns fit a page). */
const PHRASE_PANEL_WIDTH = 220;

// ── 1. Phrase rates over time by side (the headline figure) ──────────────────

export function phraseRates(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
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
  // The dictionary's headline keys lead (those spoken); the rest by frequency.
  const lead = (options.headline ?? []).filter((k) => totals.has(k) && totals.get(k)! > 0);
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
  const sideList = sidesOf(data, palette);
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
        color: colour(sideList, palette),
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
