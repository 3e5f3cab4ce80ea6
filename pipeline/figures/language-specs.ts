/**
 * Figures of the collocate and trend analyses (analyses/collocates.ts,
 * analyses/trends.ts): pure functions of their rows returning a Figure (the
 * rows plotted and a Vega-Lite v6 spec with those rows inlined), like the
 * builders in specs.ts.
 */
import type { CollocateRow } from '../../analyses/collocates.js';
import type { TrendRow } from '../../analyses/trends.js';
import { poissonInterval, round } from './data.js';
import { compareText, PANEL_WIDTH, sideOrder, sideScale, themeConfig } from './theme.js';
import type { Figure } from './types.js';

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
  const groups = groupType === 'side' ? sideOrder(top2) : [...top2].sort(compareText);
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
            ? { field: 'side', type: 'nominal', title: 'Side', scale: sideScale(groups) }
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
    `${what} (${groups.join(' and ')}), the ${TOP_COLLOCATES} words that occur most strongly ` +
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
  const sides = sideOrder(data.map((d) => String(d.side)));
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
        color: { field: 'side', type: 'nominal', title: 'Side', scale: sideScale(sides) },
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
