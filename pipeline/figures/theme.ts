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

/** Fixed side colours: a side keeps its colour in every figure. */
export const SIDE_COLOURS: Readonly<Record<string, string>> = {
  Albania: '#D55E00',
  DPRK: '#0072B2',
};

/** Sides the registry declares beyond the two above take these, in name order. */
const EXTRA_COLOURS = ['#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

/** Unknown, unregistered or overflow sides. */
export const GREY = '#8C8C8C';

/**
 * Colour scale for the sides present in a figure: Albania and DPRK first in
 * their fixed colours, other declared sides after them in name order, and
 * "Unknown" (or any side beyond the palette) grey, so a legend never changes
 * meaning between figures.
 */
export function sideScale(sides: Iterable<string>): { domain: string[]; range: string[] } {
  const present = new Set(sides);
  const fixed = Object.keys(SIDE_COLOURS).filter((s) => present.has(s));
  const others = [...present]
    .filter((s) => !(s in SIDE_COLOURS) && s !== 'Unknown' && s !== '')
    .sort(compareText);
  const domain = [...fixed, ...others];
  const range = [
    ...fixed.map((s) => SIDE_COLOURS[s]!),
    ...others.map((_, i) => EXTRA_COLOURS[i] ?? GREY),
  ];
  if (present.has('Unknown') || present.has('')) {
    if (present.has('Unknown')) {
      domain.push('Unknown');
      range.push(GREY);
    }
    if (present.has('')) {
      domain.push('');
      range.push(GREY);
    }
  }
  return { domain, range };
}

/** Order sides the way the legend shows them (used to sort rows and facets). */
export function sideOrder(sides: Iterable<string>): string[] {
  return sideScale(sides).domain;
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
