/**
 * A record as an archive-style PDF, made from its paragraphs: used by the
 * conversion benchmark and by the tests (tests/formats-fixtures.ts makes the
 * other formats), so that no binary fixture is committed or downloaded.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/** A text file's paragraphs as normalize reads them: its non-blank lines, trimmed. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const FONT = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSerif.ttf',
);

export interface PdfLayout {
  /** Running header printed at the top of every page. */
  header: string;
  /** Points; the default makes a 25 KB record about 8 pages. */
  fontSize?: number;
  /**
   * Paragraphs of a cover page before the record, as the Wilson Center
   * Digital Archive's PDFs have (site name, date, title, "Citation:",
   * "Summary:", "Original Language:", "Contents:" and their texts); the
   * record starts on the next page.
   */
  cover?: readonly string[];
}

/**
 * An archive-style PDF of a record (A4, DejaVu Serif embedded, so the text
 * layer is real): a running header and "Page N of M" on every page,
 * paragraphs separated by a gap, lines broken by a greedy fill that
 * hyphenates a long word at the line end ("revisio-" / "nists") and breaks a
 * compound at its hyphen when the second part is capitalised
 * ("Marxist-" / "Leninist"). Returns the bytes and the number of pages.
 */
export async function recordPdf(
  paragraphs: readonly string[],
  layout: PdfLayout,
): Promise<{ bytes: Buffer; pages: number; hyphenated: number }> {
  const size = layout.fontSize ?? 10.5;
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, compress: true });
  // Fixed dates keep the bytes the same from run to run.
  doc.info.CreationDate = new Date(Date.UTC(2026, 0, 1));
  doc.info.ModDate = new Date(Date.UTC(2026, 0, 1));
  doc.registerFont('body', FONT);
  doc.font('body').fontSize(size);
  const left = 72;
  const width = 595.28 - 2 * left;
  const top = 80;
  const bottom = 841.89 - 72;
  const step = size * 1.35;
  const gap = size * 0.9;
  const measure = (s: string) => doc.widthOfString(s);
  // Lay out first (the footer needs the page count), then draw.
  const pages: Array<Array<{ text: string; y: number }>> = [[]];
  let y = top;
  let hyphenated = 0;
  const cover = layout.cover ?? [];
  for (const [i, para] of [...cover, ...paragraphs].entries()) {
    if (i === cover.length && i > 0) y = bottom + 1;
    const lines = fill(para, width, measure);
    hyphenated += lines.filter((l) => l.hyphenated).length;
    for (const line of lines) {
      if (y > bottom) {
        pages.push([]);
        y = top;
      }
      pages[pages.length - 1]!.push({ text: line.text, y });
      y += step;
    }
    y += gap;
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  pages.forEach((lines, i) => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.fontSize(size * 0.8);
    doc.text(layout.header, left, 40, { lineBreak: false });
    doc.text(`Page ${i + 1} of ${pages.length}`, left, 800, { lineBreak: false });
    doc.fontSize(size);
    for (const l of lines) doc.text(l.text, left, l.y, { lineBreak: false });
  });
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages: pages.length, hyphenated };
}

/** Greedy line filling with hyphenation at the line end (see recordPdf). */
function fill(
  para: string,
  width: number,
  measure: (s: string) => number,
): Array<{ text: string; hyphenated: boolean }> {
  const out: Array<{ text: string; hyphenated: boolean }> = [];
  let line = '';
  const words = para.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate) <= width || line === '') {
      line = candidate;
      continue;
    }
    const split = splitWord(word, (head) => measure(`${line} ${head}`) <= width);
    if (split) {
      out.push({ text: `${line} ${split[0]}`, hyphenated: true });
      line = split[1];
    } else {
      out.push({ text: line, hyphenated: false });
      line = word;
    }
  }
  if (line !== '') out.push({ text: line, hyphenated: false });
  return out;
}

/**
 * Where a word may be broken at a line end: a run of 7 or more letters
 * (3 or more on each side, hyphen added), or an existing hyphen followed by a
 * capital. The longest head that fits wins.
 */
function splitWord(word: string, fits: (head: string) => boolean): [string, string] | undefined {
  const compound = /^(\p{L}+-)(\p{Lu}\S*)$/u.exec(word);
  if (compound) return fits(compound[1]!) ? [compound[1]!, compound[2]!] : undefined;
  const m = /^(\p{L}{7,})(\S*)$/u.exec(word);
  // Capitals are not hyphenated (a typesetter's habit, and "ASSEM-BLY" reads like a compound).
  if (!m || m[1] === m[1]!.toUpperCase()) return undefined;
  const letters = m[1]!;
  for (let k = letters.length - 3; k >= 3; k--) {
    const head = `${letters.slice(0, k)}-`;
    if (fits(head)) return [head, letters.slice(k) + m[2]!];
  }
  return undefined;
}
