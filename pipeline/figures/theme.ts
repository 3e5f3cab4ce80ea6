/**
 * One look for every figure: DejaVu Sans (the font shipped to resvg and
 * pdfkit, so the text measured by Vega is the text drawn), sizes readable when
 * a chart is printed at journal column width, and the Okabe–Ito palette
 * (Okabe & Ito 2008), which stays distinguishable under the common forms of
 * colour-vision deficiency.
 */

export const FONT_FAMILY = 'DejaVu Sans';

/** Width of a single plot panel in pixels (≈ one journal column at 2× print scale). */
export const PANEL_WIDTH = 400;

/**
 * The Okabe–Ito colours sides take, in the order the corpus declares its
 * sides (vermillion, blue, bluish green, reddish purple, orange, sky blue;
 * the palette's yellow and black are left out: too faint on white, and the
 * colour of the text).
 */
export const SIDE_PALETTE: readonly string[] = [
  '#D55E00',
  '#0072B2',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
];

/** Unknown, unregistered or overflow sides. */
export const GREY = '#8C8C8C';

/**
 * A corpus's sides in the order it declares them (corpus/speakers.yaml: its
 * `sides:` list, then the sides of its speakers in the order they first
 * appear), with the colours it chose for some of them. Built once per run
 * and handed to every figure and to the report, so a side keeps its place
 * and its colour everywhere.
 */
export interface SideColours {
  readonly declared: readonly string[];
  /** Colours the configuration chose, side → #RRGGBB. */
  readonly chosen?: ReadonlyMap<string, string>;
}

/** No sides declared: the sides present, in name order. */
export const NO_SIDES: SideColours = { declared: [] };

/** Whether `side` is the unregistered side ("Unknown", or no side at all), always grey. */
export function isUnknownSide(side: string): boolean {
  return side === 'Unknown' || side === '';
}

/**
 * Colour scale for the sides present in a figure: the declared sides in their
 * order, each in its chosen colour or else the next palette colour no side
 * chose (by its place among the declared sides, not among those present, so
 * a legend never changes meaning between figures); sides nobody declared after
 * them in name order; "Unknown" (and no side) last, grey. Sides beyond the
 * palette are grey too.
 */
export function sideScale(
  sides: Iterable<string>,
  palette: SideColours,
): { domain: string[]; range: string[] } {
  const present = new Set(sides);
  const declared = new Set(palette.declared);
  const others = [...present]
    .filter((s) => !declared.has(s) && !isUnknownSide(s))
    .sort(compareText);
  const colours = assignColours([...palette.declared, ...others], palette.chosen);
  const domain = [
    ...palette.declared.filter((s) => present.has(s) && !isUnknownSide(s)),
    ...others,
  ];
  const range = domain.map((s) => colours.get(s) ?? GREY);
  for (const s of ['Unknown', '']) {
    if (present.has(s)) {
      domain.push(s);
      range.push(GREY);
    }
  }
  return { domain, range };
}

/** Each side's colour: its chosen one, or the next palette colour nobody chose. */
function assignColours(
  order: readonly string[],
  chosen: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const taken = new Set([...chosen.values()].map((c) => c.toUpperCase()));
  const free = SIDE_PALETTE.filter((c) => !taken.has(c));
  const out = new Map<string, string>();
  let next = 0;
  for (const s of order) {
    if (out.has(s) || isUnknownSide(s)) continue;
    const c = chosen.get(s) ?? free[next++];
    if (c !== undefined) out.set(s, c);
  }
  return out;
}

/** Order sides the way the legend shows them (used to sort rows and facets). */
export function sideOrder(sides: Iterable<string>, palette: SideColours): string[] {
  return sideScale(sides, palette).domain;
}

/** Locale-independent string comparison (code-point order), for total orders. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The Vega-Lite `config` block shared by every figure. */
export function themeConfig(): Record<string, unknown> {
  return {
    font: FONT_FAMILY,
    background: '#ffffff',
    padding: 8,
    view: { stroke: '#d0d0d0', continuousWidth: PANEL_WIDTH, continuousHeight: 220 },
    title: {
      font: FONT_FAMILY,
      fontSize: 15,
      fontWeight: 'bold',
      anchor: 'start',
      subtitleFontSize: 12,
      subtitleColor: '#444444',
      offset: 10,
    },
    axis: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      labelColor: '#222222',
      titleColor: '#222222',
      gridColor: '#e6e6e6',
      domainColor: '#888888',
      tickColor: '#888888',
      labelLimit: 220,
    },
    legend: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: 'normal',
      orient: 'bottom',
      direction: 'horizontal',
      labelLimit: 260,
    },
    header: {
      labelFont: FONT_FAMILY,
      titleFont: FONT_FAMILY,
      labelFontSize: 12,
      titleFontSize: 12,
      labelFontWeight: 'bold',
      labelLimit: 300,
    },
    text: { font: FONT_FAMILY, fontSize: 11 },
    line: { strokeWidth: 2 },
    point: { size: 60, filled: true },
    bar: { discreteBandSize: { band: 0.8 } },
  };
}
