/**
 * Figure → SVG (headless vega View), PNG (resvg) and PDF (pdfkit +
 * svg-to-pdfkit). The only state kept between calls is the font bytes, so
 * figures can be rendered in any order or in parallel workers and still give
 * the same bytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import * as vega from 'vega';
import { toVega } from './compile.js';
import { FONT_FAMILY } from './theme.js';
import type { Figure, Rendered } from './types.js';

export { toVega };

/** PNG scale over the SVG's pixel size: 2× ≈ 230 dpi at journal column width (the PDF is vector). */
export const PNG_SCALE = 2;

interface Fonts {
  regular: Buffer;
  bold: Buffer;
  regularPath: string;
  boldPath: string;
}

let fonts: Fonts | undefined;

/**
 * DejaVu Sans from the dejavu-fonts-ttf package. Without explicit font files
 * resvg silently drops all text and pdfkit's Helvetica lacks "−", so the
 * same two files serve both renderers.
 */
export function loadFonts(): Fonts {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const regularPath = join(dir, 'DejaVuSans.ttf');
  const boldPath = join(dir, 'DejaVuSans-Bold.ttf');
  fonts = {
    regular: readFileSync(regularPath),
    bold: readFileSync(boldPath),
    regularPath,
    boldPath,
  };
  return fonts;
}

/**
 * Vega numbers clip paths and gradients from a process-wide counter, so the
 * same chart gets different ids depending on what was rendered before it.
 * Renumbering them per document, in order of first appearance, makes the
 * SVG a function of the figure alone.
 */
export function normaliseSvgIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="((?:clip|gradient|pattern)\d+)"/g)) {
    const id = m[1]!;
    if (!ids.has(id)) ids.set(id, `${id.replace(/\d+$/, '')}${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/\b(clip|gradient|pattern)\d+\b/g, (id) => ids.get(id) ?? id);
}

/** Text widths already measured, by font, size and text (labels repeat across panels). */
const widths = new Map<string, number>();
let measurer: PDFKit.PDFDocument | undefined;

/**
 * Width of a text item in DejaVu Sans as drawn. Without a canvas, Vega guesses
 * 0.8 em per character, about a third wider than DejaVu's letters: titles then
 * reserve wide empty bands, axis labels are hidden as "overlapping" and
 * label limits cut text that would fit. The font's own advance widths
 * (through pdfkit, which embeds the same file in the PDF) make the layout
 * the one resvg and pdfkit draw.
 */
export function measureText(
  item: { font?: string; fontSize?: number; fontWeight?: string | number; text?: unknown },
  text?: unknown,
): number {
  const raw = text ?? item.text;
  const value = Array.isArray(raw) ? raw.join(' ') : raw == null ? '' : String(raw);
  const size = item.fontSize ?? 11;
  if (value === '' || !(size > 0)) return 0;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const k = `${bold ? 'b' : 'r'}${size}\u0000${value}`;
  let w = widths.get(k);
  if (w === undefined) {
    const f = loadFonts();
    measurer ??= new PDFDocument({ autoFirstPage: false });
    w = measurer
      .font(bold ? f.boldPath : f.regularPath)
      .fontSize(size)
      .widthOfString(value);
    widths.set(k, w);
  }
  return w;
}

// vega re-exports vega-scenegraph's textMetrics, which its typings do not declare;
// replacing `width` is the documented hook (vl-convert does the same).
(vega as unknown as { textMetrics: { width: typeof measureText } }).textMetrics.width = measureText;

export async function renderSvg(fig: Pick<Figure, 'spec'>): Promise<string> {
  const view = new vega.View(vega.parse(toVega(fig)), { renderer: 'none' });
  try {
    return normaliseSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const f = loadFonts();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: [f.regularPath, f.boldPath],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}

function svgSize(svg: string): [number, number] {
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(svg);
  return [Number(w?.[1] ?? 400), Number(h?.[1] ?? 300)];
}

/**
 * Vector PDF, one page the size of the chart (1 px = 1 pt), DejaVu embedded
 * as a subset. CreationDate is fixed because pdfkit otherwise stamps the
 * clock and derives the file ID from it.
 */
export function renderPdf(svg: string, title: string): Promise<Uint8Array> {
  const f = loadFonts();
  const [width, height] = svgSize(svg);
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: true,
    info: {
      Title: title,
      Creator: 'archival-transcripts figures',
      Producer: 'pdfkit + svg-to-pdfkit',
      CreationDate: new Date(0),
    },
  });
  doc.registerFont('DejaVuSans', f.regular);
  doc.registerFont('DejaVuSans-Bold', f.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    assumePt: true,
    fontCallback: (_family, bold) => (bold ? 'DejaVuSans-Bold' : 'DejaVuSans'),
  });
  doc.end();
  return done;
}

export async function renderFigure(fig: Figure): Promise<Rendered> {
  const svg = await renderSvg(fig);
  return { svg, png: renderPng(svg), pdf: await renderPdf(svg, fig.title) };
}
