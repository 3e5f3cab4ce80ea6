/**
 * Records as the other files historians hold, made from a record's
 * paragraphs: a saved archive web page and an archive-style PDF. Used by the
 * conversion benchmark and by the tests (which also make Word files, with a
 * development dependency), so that no binary fixture is committed or
 * downloaded.
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

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A record page shaped like an archive's: site banner and navigation, the
 * record in <main> (the record's first two paragraphs as date line and
 * heading), a related-links sidebar, a footer and scripts.
 */
export function recordHtml(paragraphs: readonly string[]): string {
  const [first = '', second = '', ...rest] = paragraphs;
  const p = (s: string) => `      <p>${escapeHtml(s)}</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(second)} | Digital Archive</title>
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
  <style>body { font-family: serif; } .menu { display: flex; }</style>
</head>
<body>
  <a class="skip" href="#main-content">Skip to main content</a>
  <header class="site-header">
    <div class="brand">Digital Archive — International History Declassified</div>
    <nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/collections">Collections</a></li><li><a href="/search">Search</a></li></ul></nav>
  </header>
  <div class="layout">
    <main id="main-content">
      <div class="record-date">${escapeHtml(first)}</div>
      <h1 class="record-title">${escapeHtml(second)}</h1>
      <div class="record-body">
${rest.map(p).join('\n')}
      </div>
    </main>
    <aside class="related"><h2>Related Documents</h2><ul><li><a href="/document/1">Another record</a></li></ul></aside>
  </div>
  <footer class="site-footer"><p>© Wilson Center. All rights reserved.</p><nav><a href="/privacy">Privacy</a></nav></footer>
  <script src="/assets/app.js"></script>
  <script>document.querySelectorAll('a').forEach(function (a) { a.rel = 'noopener'; });</script>
</body>
</html>
`;
}

/** A record as a Wilson Center Digital Archive record page shows it. */
export interface ArchiveRecord {
  /** The date as the page prints it ("August 01, 1961"). */
  date: string;
  title: string;
  summary: string;
  language: string;
  archive: string;
  citation: string;
  /** The record's text, one paragraph each. */
  body: readonly string[];
}

/**
 * A saved record page shaped like the Wilson Center Digital Archive's: site
 * banner, search and navigation; in <main> the date, the title as <h1>, then
 * labelled blocks ("Summary", "Original Language", "Archive", "Citation",
 * each a heading and its text, left out when empty), the record text under "English
 * Translation"; then related records, the site's footer navigation and
 * scripts.
 */
export function archivePageHtml(r: ArchiveRecord): string {
  const e = escapeHtml;
  // The archive shows a field only when the record has it.
  const block = (label: string, text: string) =>
    text === ''
      ? ''
      : `      <section class="field"><h2 class="field-label">${e(label)}</h2><div class="field-item">${e(text)}</div></section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${e(r.title)} | Wilson Center Digital Archive</title>
  <script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
  <a class="skip-link" href="#main-content">Skip to content</a>
  <header role="banner">
    <div class="site-name">Digital Archive — International History Declassified</div>
    <form role="search" action="/search"><input name="search_api_fulltext"><button>Search</button></form>
    <nav aria-label="Main"><ul><li><a href="/collections">Collections</a></li><li><a href="/topics">Topics</a></li><li><a href="/about">About</a></li></ul></nav>
  </header>
  <main id="main-content">
    <article class="document">
      <div class="document-date">${e(r.date)}</div>
      <h1 class="document-title">${e(r.title)}</h1>
${block('Summary', r.summary)}
${block('Original Language', r.language)}
${block('Archive', r.archive)}
${block('Citation', r.citation)}
      <section class="translation">
        <h2>English Translation</h2>
${r.body.map((p) => `        <p>${e(p)}</p>`).join('\n')}
      </section>
    </article>
    <aside class="related"><h2>Related Documents</h2><ul><li><a href="/document/1">Another record</a></li></ul></aside>
  </main>
  <footer role="contentinfo"><nav><a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></nav><p>© Wilson Center</p></footer>
  <script src="/core/assets/app.js"></script>
</body>
</html>
`;
}

/**
 * The cover page of an archive PDF of the record, as the Wilson Center
 * Digital Archive prints it: site name, date, title, then each field as a
 * label line and its text (a field the record lacks is left out).
 */
export function archiveCover(r: ArchiveRecord): string[] {
  const fields: Array<[string, string]> = [
    ['Citation:', r.citation],
    ['Summary:', r.summary],
    ['Original Language:', r.language],
    ['Contents:', 'English Translation'],
  ];
  return [
    'Digital Archive',
    'International History Declassified',
    'digitalarchive.wilsoncenter.org',
    r.date,
    r.title,
    ...fields.filter(([, text]) => text !== '').flat(),
  ];
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
