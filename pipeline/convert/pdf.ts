/**
 * An archive's PDF (of a translation, a typed transcript) → its text, one
 * paragraph a line. pdfjs-dist (Mozilla's PDF.js, legacy build for Node; in
 * Node it parses on this thread, no worker) gives the positioned text items
 * of each page; from them:
 * - items on one baseline, in content order (the reading order of the
 *   PDFs archives produce), make a line;
 * - a running header or footer (the first or last line of a page that
 *   recurs, numbers aside, on at least half the pages) and a bare page
 *   number ("3", "- 3 -", "Page 3 of 9") are dropped;
 * - lines are joined into paragraphs; a paragraph ends at a vertical gap
 *   wider than the usual line step, or after a short line ending a sentence;
 * - a word hyphenated at a line end is rejoined ("Marx-" + "ism" →
 *   "Marxism") as the document spells it elsewhere (see joinLines);
 * - pages are separated by a form feed on a line of its own, as pdftotext
 *   does, so the page breaks stay visible in the original text; each page
 *   ends a paragraph (a break segment) unless the layout shows the sentence
 *   runs on to the next page (see pagesToText).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LABEL_START } from '../normalize.js';
import type { Conversion } from './conversion.js';

interface Line {
  text: string;
  x: number;
  /** Baseline, PDF units from the page's bottom. */
  y: number;
  right: number;
  size: number;
}

/** pdfjs's text item (the fields used here). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export async function pdfToText(bytes: Uint8Array): Promise<Conversion> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: a copy keeps the file's bytes intact.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  });
  let pages: Line[][];
  try {
    const pdf = await task.promise;
    pages = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.flatMap((i) => ('str' in i ? [i] : []))));
      page.cleanup();
    }
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException')
      return {
        rule: 'ingest/pdf-encrypted',
        message:
          'the PDF is encrypted with a password: open it, save an unprotected copy (or its text as .txt) and put that in raw/',
      };
    return {
      rule: 'ingest/pdf-broken',
      message: `could not be read as a PDF (${(e as Error).message ?? String(e)})`,
    };
  } finally {
    await task.destroy();
  }
  const body = dropRunningLines(pages);
  if (body.every((lines) => lines.length === 0))
    return {
      rule: 'ingest/pdf-no-text',
      message: `the PDF has no text layer (${pages.length} page(s) of images: a scan?); run OCR on it first (e.g. ocrmypdf) and put the searchable PDF in raw/`,
    };
  return { text: pagesToText(body), encoding: 'utf-8' };
}

const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** Text items → lines: a new line where pdfjs marks an end of line or the baseline moves. */
export function linesOf(items: readonly TextItem[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  for (const it of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = it.transform;
    const size = Math.hypot(c, d) || it.height || 1;
    if (it.str.trim() !== '') {
      if (cur && Math.abs(y - cur.y) <= size * 0.3 && x >= cur.right - size) {
        const gap = x - cur.right;
        if (gap > size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(it.str)) cur.text += ' ';
        cur.text += it.str;
        cur.right = x + it.width;
      } else {
        cur = { text: it.str, x, y, right: x + it.width, size };
        lines.push(cur);
      }
    }
    if (it.hasEOL) cur = undefined;
  }
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text !== '');
}

/** A line that is only a page number: "3", "- 3 -", "Page 3", "3 of 9", "3/9", "iv". */
const PAGE_NUMBER =
  /^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** How many lines at each end of a page may be running headers or footers. */
const EDGE = 2;

/**
 * Drops running headers and footers: page numbers at a page's top or
 * bottom, and edge lines whose text (digits aside) recurs at the edges of at
 * least half the pages (and two or more). A page's edges are its top and
 * bottom lines on the page, whatever their place in the content stream (a
 * PDF may draw its header and footer first, before the text).
 */
export function dropRunningLines(pages: readonly Line[][]): Line[][] {
  const key = (l: Line) => l.text.replace(/\d+/g, '#').toLowerCase();
  const onPage = pages.map((lines) => [...lines].sort((a, b) => b.y - a.y));
  const seen = new Map<string, number>();
  for (const lines of onPage) {
    const edges = new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)].map(key));
    for (const k of edges) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const running = (l: Line) => {
    if (PAGE_NUMBER.test(l.text)) return true;
    const n = seen.get(key(l)) ?? 0;
    return n >= 2 && n >= pages.length / 2;
  };
  return pages.map((lines, p) => {
    const sorted = onPage[p]!;
    let from = 0;
    let to = sorted.length;
    while (from < Math.min(EDGE, to) && running(sorted[from]!)) from++;
    while (to > from && sorted.length - to < EDGE && running(sorted[to - 1]!)) to--;
    const dropped = new Set([...sorted.slice(0, from), ...sorted.slice(to)]);
    return lines.filter((l) => !dropped.has(l));
  });
}

/**
 * Pages of lines → paragraphs, one a line, separated by a blank line; pages
 * by a form feed line. A paragraph a page break cuts mid-sentence is one
 * paragraph: the page's last line runs to the column's edge without ending a
 * sentence (or ends on a hyphenated word), and the next page does not open
 * with a speaker label or a bracket. Elsewhere the page break ends a paragraph.
 */
export function pagesToText(pages: readonly Line[][]): string {
  const step = usualLineStep(pages);
  const known = wordsOf(pages);
  const out: string[][] = [];
  // How the previous page ended: on a hyphenated word, on a full line, on a sentence's end.
  let ended: PageEnd | undefined;
  for (const lines of pages) {
    if (lines.length === 0) continue;
    const column = {
      left: Math.min(...lines.map((l) => l.x)),
      right: Math.max(...lines.map((l) => l.right)),
    };
    const paras: string[] = [];
    let prev: Line | undefined;
    for (const line of lines) {
      if (prev && !startsParagraph(prev, line, step, column)) {
        paras[paras.length - 1] = joinLines(paras[paras.length - 1]!, line.text, known);
      } else paras.push(line.text);
      prev = line;
    }
    const before = out[out.length - 1];
    if (before && ended && runsOn(ended, paras[0]!))
      before[before.length - 1] = joinLines(before[before.length - 1]!, paras.shift()!, known);
    const last = lines[lines.length - 1]!;
    ended = {
      cut: HYPHEN_CUT.test(last.text),
      full: !isShort(last, column),
      sentence: SENTENCE_END.test(last.text),
    };
    if (paras.length > 0) out.push(paras);
  }
  return out.map((paras) => paras.join('\n\n')).join('\n\n\f\n\n');
}

const HYPHEN_CUT = /\p{L}[-‐\u00AD]$/u;

interface PageEnd {
  cut: boolean;
  full: boolean;
  sentence: boolean;
}

/**
 * Whether the text runs on from the previous page into `first`: a word cut
 * at the page's end, or a full last line that either ends no sentence or is
 * followed by a lower-case word ("… i.e." / "for the unification"); never
 * into a speaker label or a bracket.
 */
function runsOn(ended: PageEnd, first: string): boolean {
  if (/^[[(]/.test(first) || LABEL_START.test(first)) return false;
  if (ended.cut) return true;
  return ended.full && (!ended.sentence || /^\p{Ll}/u.test(first));
}

/** A line ending well short of the column's right edge. */
function isShort(line: Line, column: { left: number; right: number }): boolean {
  return line.right < column.left + 0.8 * (column.right - column.left);
}

/**
 * The line spacing: the smallest distance between consecutive baselines
 * that is common (at least a fifth as frequent as the most common one, and
 * seen twice). Not simply the most common distance: in a record of mostly
 * one-line paragraphs (participant lists, short replies) that is the
 * paragraph pitch, and paragraphs would then run together.
 */
function usualLineStep(pages: readonly Line[][]): number {
  const counts = new Map<number, number>();
  for (const lines of pages)
    for (let i = 1; i < lines.length; i++) {
      const d = Math.round(lines[i - 1]!.y - lines[i]!.y);
      if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  const most = Math.max(0, ...counts.values());
  const common = [...counts].filter(([, c]) => c >= 2 && c >= most / 5).map(([d]) => d);
  if (common.length > 0) return Math.min(...common);
  let best = 0;
  let n = 0;
  for (const [d, c] of counts) if (c > n || (c === n && d < best)) [best, n] = [d, c];
  return best || 14;
}

const SENTENCE_END = /[.!?:…"”’)\]]$/u;

function startsParagraph(
  prev: Line,
  line: Line,
  step: number,
  column: { left: number; right: number },
): boolean {
  const down = prev.y - line.y;
  if (down <= 0 || down > step * 1.4) return true;
  // A line ending a sentence well short of the column's right edge ended its
  // paragraph (text is wrapped to the column), for PDFs without paragraph gaps.
  return isShort(prev, column) && SENTENCE_END.test(prev.text);
}

/** Every word written inside a line anywhere in the document, hyphenated ones whole ("self-criticism"), lower case. */
function wordsOf(pages: readonly Line[][]): Set<string> {
  const out = new Set<string>();
  for (const lines of pages)
    for (const l of lines)
      for (const m of l.text.matchAll(/\p{L}+(?:[-‐]\p{L}+)*/gu)) out.add(m[0].toLowerCase());
  return out;
}

/**
 * Joins a paragraph and its next line, rejoining a word hyphenated at the
 * line end: the hyphen stays when the document spells the word with it
 * elsewhere, goes when it spells it without, and otherwise stays only before
 * a capital ("Marxist-" + "Leninist"; "revisio-" + "nists" → "revisionists").
 */
export function joinLines(para: string, next: string, known: ReadonlySet<string>): string {
  const cut = /(\p{L}+)[-‐\u00AD]$/u.exec(para);
  const rest = /^\p{L}+/u.exec(next)?.[0];
  if (!cut || rest === undefined) return `${para} ${next}`;
  const head = cut[1]!.toLowerCase();
  const tail = rest.toLowerCase();
  const keep = known.has(`${head}-${tail}`)
    ? true
    : known.has(`${head}${tail}`)
      ? false
      : /^\p{Lu}/u.test(next);
  return keep ? `${para.slice(0, -1)}-${next}` : `${para.slice(0, -1)}${next}`;
}
