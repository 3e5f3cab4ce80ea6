/**
 * Test fixtures in the formats historians hold, made by the tests from a
 * record's paragraphs (nothing binary is committed): Word files (with the
 * `docx` development dependency), saved web pages and archive cover pages
 * here; PDFs come from pipeline/bench/record-pdf.ts, which the conversion
 * benchmark shares.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';

export { paragraphsOf, recordPdf } from '../pipeline/bench/record-pdf.js';

/** A .docx of the paragraphs, one Word paragraph each, the title as a heading. */
export async function recordDocx(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'tests',
    sections: [
      {
        children: paragraphs.map(
          (p, i) =>
            new Paragraph({
              ...(i === 1 ? { heading: 'Heading1' as const } : {}),
              children: [new TextRun(p)],
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
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
