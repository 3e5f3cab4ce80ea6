/**
 * The two keyness figures: the side comparison and, next to it, the period
 * comparison. Which sides and periods were compared comes from the keyness
 * rows themselves (their `comparison`, `target` and `reference`), and how
 * they were chosen from the configuration (FigureOptions.comparisons), so no
 * side or period is written into a figure by hand. The CSV columns are the
 * same for both: count_target, count_reference, range_target, range_reference.
 */
import { round } from '../pipeline/figures/data.js';
import { base, colour, figure, type Row, range } from '../pipeline/figures/kit.js';
import { compareText, PANEL_WIDTH } from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import { comparisonsText, periodText } from './comparisons.js';
import type { FigureOptions } from './contract.js';
import { sidePalette } from './figure-options.js';
import type { KeynessRow, Tables } from './types.js';

/** Terms per side in the keyness figure. */
export const KEY_TERMS = 12;

/** Colours of the period figure: earlier light, later dark (periods are not sides). */
export const PERIOD_COLOURS = ['#9A9A9A', '#333333'] as const;

export const KEYNESS_FIGURE_COLUMNS = [
  'term',
  'key_for',
  'log_ratio',
  'g2',
  'p',
  'significance',
  'count_target',
  'count_reference',
  'range_target',
  'range_reference',
];

type Kind = 'side' | 'period';

/** The rows of the one comparison of this kind ("side:…" or "period:…"). */
function rowsOf(rows: readonly KeynessRow[], kind: Kind): KeynessRow[] {
  const first = rows.find((r) => r.comparison.startsWith(`${kind}:`));
  return first ? rows.filter((r) => r.comparison === first.comparison) : [];
}

/** The KEY_TERMS strongest terms (G²) in favour of each part, ordered by Log Ratio. */
function picked(rows: readonly KeynessRow[], field: string): Row[] {
  const all: Row[] = rows.map((r) => {
    const forTarget = r.log_ratio >= 0;
    return {
      term: r.term,
      key_for: forTarget ? r.target : r.reference,
      [field]: forTarget ? r.target : r.reference,
      log_ratio: round(r.log_ratio),
      g2: round(r.g2),
      p: round(r.p, 6),
      significance: r.p < 0.05 ? 'p < 0.05' : 'p ≥ 0.05',
      count_target: r.count_target,
      count_reference: r.count_reference,
      range_target: r.range_target,
      range_reference: r.range_reference,
    };
  });
  const pick = (name: string) =>
    all
      .filter((r) => r.key_for === name)
      .sort((a, b) => Number(b.g2) - Number(a.g2) || compareText(String(a.term), String(b.term)))
      .slice(0, KEY_TERMS);
  const first = rows[0];
  if (!first) return [];
  return [...pick(first.target), ...pick(first.reference)].sort(
    (a, b) =>
      Number(b.log_ratio) - Number(a.log_ratio) || compareText(String(a.term), String(b.term)),
  );
}

function build(tables: Tables, options: FigureOptions, kind: Kind): Figure | undefined {
  const rows = rowsOf(tables.keyness, kind);
  const field = kind === 'side' ? 'side' : 'period';
  const data = picked(rows, field);
  if (data.length === 0) return undefined;
  const target = rows[0]!.target;
  const reference = rows[0]!.reference;
  const order = data.map((d) => String(d.term));
  // A legend with one entry explains nothing: when every bar is significant the
  // opacity channel is dropped and the subtitle says so instead.
  const allSignificant = data.every((d) => d.significance === 'p < 0.05');
  const where = kind === 'side' ? (n: string) => `speech by ${n}` : (n: string) => `speech of ${n}`;
  const title =
    kind === 'side'
      ? `Key terms: ${target} vs ${reference}`
      : `Key terms of the periods: ${target} vs ${reference}`;
  const alt =
    `Diverging bar chart of the ${data.length} terms most characteristic of the ${where(target)} ` +
    `and of the ${where(reference)} by log-likelihood; bars to the right are relatively more ` +
    `frequent in the ${where(target)}, to the left in the ${where(reference)}; Log Ratio ranges ` +
    `${range(data.map((d) => Number(d.log_ratio)))}.`;
  const colourEncoding =
    kind === 'side'
      ? colour([target, reference], sidePalette(options), 'More frequent in')
      : {
          field: 'period',
          type: 'nominal',
          title: 'More frequent in',
          scale: { domain: [target, reference], range: [...PERIOD_COLOURS] },
        };
  const used = kind === 'side' ? 'used it' : 'using it';
  const meetingsOf = (n: string) =>
    kind === 'side' ? `Meetings where ${n} used it` : `Meetings of ${n} ${used}`;
  const spec = {
    ...base(
      title,
      `Right: relatively more frequent in ${target}; left: in ${reference}; ` +
        (allSignificant ? 'all bars significant at p < 0.05' : 'faded: p ≥ 0.05'),
      alt,
      data,
    ),
    width: PANEL_WIDTH,
    height: { step: 15 },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'term', type: 'nominal', sort: order, title: null },
          x: {
            field: 'log_ratio',
            type: 'quantitative',
            title: 'Log Ratio (binary log of the ratio of rates per word)',
          },
          color: colourEncoding,
          ...(allSignificant
            ? {}
            : {
                opacity: {
                  field: 'significance',
                  type: 'ordinal',
                  title: 'Log-likelihood G²',
                  scale: { domain: ['p < 0.05', 'p ≥ 0.05'], range: [1, 0.35] },
                },
              }),
          tooltip: [
            { field: 'term', title: 'Term' },
            { field: 'key_for', title: 'More frequent in' },
            { field: 'count_target', type: 'quantitative', title: `Count, ${target}` },
            { field: 'count_reference', type: 'quantitative', title: `Count, ${reference}` },
            { field: 'log_ratio', type: 'quantitative', title: 'Log Ratio', format: '.2f' },
            { field: 'g2', type: 'quantitative', title: 'G²', format: '.2f' },
            { field: 'p', type: 'quantitative', title: 'p', format: '.4f' },
            { field: 'range_target', type: 'quantitative', title: meetingsOf(target) },
            { field: 'range_reference', type: 'quantitative', title: meetingsOf(reference) },
          ],
        },
      },
      {
        mark: { type: 'rule', color: '#555555' },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
  const c = options.comparisons;
  const what =
    kind === 'side'
      ? `Terms are compared between all speech by ${target} and all speech by ${reference}. `
      : `Terms are compared between all speech in the meetings of ${c?.periods ? periodText(c.periods.target) : target} ` +
        `and all speech in those of ${c?.periods ? periodText(c.periods.reference) : reference}, every side pooled; ` +
        `meetings between the two periods or undated are in neither. `;
  const caption =
    what +
    (c ? `${comparisonsText(c)} ` : '') +
    `For each part the ${KEY_TERMS} terms with the highest log-likelihood G² (Dunning 1993) ` +
    `in its favour are shown; bar length is the Log Ratio (Hardie 2014), the binary logarithm of ` +
    `the ratio of the term's relative frequencies (1 = twice as frequent). ` +
    (allSignificant
      ? `Every bar shown is significant at p < 0.05 `
      : `Faded bars are not significant at p < 0.05 `) +
    `(G², 1 degree of freedom, no correction for multiple comparisons). ` +
    `The tooltip gives raw counts and each part's range (the number of meetings in which it ` +
    `used the term). ` +
    (options.keynessKeepsPresentNames
      ? `Names of the people present at each meeting are included (--keyness-keep-names).`
      : `Names of the people present at each meeting (its speakers and participants) are left ` +
        `out, since addressing one's host by name says nothing about a side's language.`);
  return figure(kind === 'side' ? 'keyness' : 'keyness-periods', title, caption, alt, spec, data, [
    'term',
    'key_for',
    field,
    ...KEYNESS_FIGURE_COLUMNS.slice(2),
  ]);
}

/** Key terms of the side comparison. */
export function keyness(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  return build(tables, options, 'side');
}

/** Key terms of the period comparison, next to the side comparison. */
export function keynessPeriods(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  return build(tables, options, 'period');
}
