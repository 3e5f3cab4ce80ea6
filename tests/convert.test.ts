/**
 * pipeline/convert/: saved web pages, PDFs and Word files to text, and a
 * clear message for each file that cannot be read. Every fixture is made
 * here from a shipped record's paragraphs (corpus/raw/, Wilson Center
 * Digital Archive) or from text written for the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { convert, convertFiles, formatOf } from '../pipeline/convert/index.js';
import { dropRunningLines, joinLines, pagesToText } from '../pipeline/convert/pdf.js';
import { ingest } from '../pipeline/ingest.js';
import { normalizeText } from '../pipeline/normalize.js';
import {
  archivePageHtml,
  paragraphsOf,
  recordDocx,
  recordHtml,
  recordPdf,
} from './formats-fixtures.js';
import { REPO } from './helpers.js';

const RECORD = paragraphsOf(
  readFileSync(join(REPO, 'corpus', 'raw', '1966-06-20_hoxha-an-yong.txt'), 'utf8'),
);
const enc = (s: string) => new TextEncoder().encode(s);

/** A PDF made by pdfkit with whatever `draw` puts on its one page. */
async function pdfWith(
  draw: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((r) => doc.on('end', () => r()));
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const textOf = async (format: 'html' | 'pdf' | 'docx', bytes: Uint8Array) => {
  const r = await convert(format, bytes);
  if (!('text' in r)) throw new Error(`${r.rule}: ${r.message}`);
  return r.text;
};

describe('formatOf', () => {
  it('knows the extensions raw/ takes, in any case', () => {
    expect(
      ['a.txt', 'a.MD', 'a.html', 'a.HTM', 'a.pdf', 'a.docx', 'a.doc', 'a'].map(formatOf),
    ).toEqual(['txt', 'md', 'html', 'html', 'pdf', 'docx', undefined, undefined]);
  });
});

describe('html', () => {
  it('keeps the record of an archive page and drops banner, navigation, sidebar, footer and scripts', async () => {
    const text = await textOf('html', enc(recordHtml(RECORD)));
    expect(text.split('\n\n')).toEqual(RECORD);
    for (const chrome of [
      'Skip to main content',
      'Collections',
      'Related Documents',
      'All rights reserved',
      'dataLayer',
      'noopener',
    ])
      expect(text).not.toContain(chrome);
  });

  it('reads an archive record page: date, title, labelled blocks, the record; no site chrome', async () => {
    const page = archivePageHtml({
      date: 'June 20, 1966',
      title: RECORD[1]!,
      summary: 'Hoxha and the ambassador discuss the situation.',
      language: 'Albanian',
      archive: 'AQPPSH',
      citation: '',
      body: RECORD.slice(2),
    });
    expect((await textOf('html', enc(page))).split('\n\n')).toEqual([
      'June 20, 1966',
      RECORD[1],
      'Summary',
      'Hoxha and the ambassador discuss the situation.',
      'Original Language',
      'Albanian',
      'Archive',
      'AQPPSH',
      'English Translation',
      ...RECORD.slice(2),
    ]);
  });

  it('takes the body, without its banner and footer, when the page has no <main> or <article>', async () => {
    const page =
      '<html><body><header>Site name</header><div><p>June 1, 1960</p><div>Comrade A: Hello <b>there</b>.<br>Second line.</div></div><footer>Footer</footer></body></html>';
    expect(await textOf('html', enc(page))).toBe(
      'June 1, 1960\n\nComrade A: Hello there.\n\nSecond line.',
    );
  });

  it('reads a page that is not UTF-8 as Windows-1252, and ingest warns with its line', async () => {
    const page = new Uint8Array([...enc('<main>\n<p>Workers'), 0x92, ...enc(' Party</p></main>')]);
    const { files } = await convertFiles([{ name: 'w.html', bytes: page }]);
    const [doc] = ingest(files).documents;
    expect(doc!.original).toBe('Workers’ Party');
    expect(doc!.diagnostics).toEqual([
      expect.objectContaining({ file: 'raw/w.html', line: 2, rule: 'ingest/windows-1252' }),
    ]);
  });

  it('reports a page with no record in it', async () => {
    const page =
      '<html><head><script>var x = 1;</script></head><body><nav><a href="/">Home</a></nav><footer>© Archive</footer></body></html>';
    expect(await convert('html', enc(page))).toMatchObject({ rule: 'ingest/html-no-record' });
  });
});

describe('pdf', () => {
  it('reads a multi-page record: running header and page numbers dropped, hyphens rejoined, pages kept', async () => {
    const pdf = await recordPdf(RECORD, {
      header: 'Wilson Center Digital Archive · Original Scan',
    });
    expect(pdf.pages).toBeGreaterThan(3);
    expect(pdf.hyphenated).toBeGreaterThan(10);
    const text = await textOf('pdf', pdf.bytes);
    expect(text).not.toMatch(/Page \d+ of|Original Scan/);
    // One form feed line between pages (a page that ends a word across the break is joined).
    const breaks = text.split('\n\f\n').length - 1;
    expect(breaks).toBeGreaterThan(pdf.pages - 3);
    expect(breaks).toBeLessThanOrEqual(pdf.pages - 1);
    // Normalised, it reads exactly like the text file (page-cut paragraphs rejoined there).
    expect(normalizeText(text).text).toBe(normalizeText(RECORD.join('\n\n')).text);
  });

  it('keeps a page break as a paragraph break unless the sentence runs on to the next page', () => {
    // Two full-width lines at the bottom of page 1, one short line on page 2.
    const page = (a: string, b: string, next: string) => [
      [
        { text: a, x: 72, y: 100, right: 520, size: 10 },
        { text: b, x: 72, y: 86, right: 519, size: 10 },
      ],
      [{ text: next, x: 72, y: 760, right: 200, size: 10 }],
    ];
    const join = (a: string, b: string, next: string) => pagesToText(page(a, b, next));
    expect(join('We have learned much from', 'the Korean', 'Workers’ Party.')).toBe(
      'We have learned much from the Korean Workers’ Party.',
    );
    expect(join('the rights of your brothers', 'in the South, i.e.', 'for the unification.')).toBe(
      'the rights of your brothers in the South, i.e. for the unification.',
    );
    expect(join('They have helped us', 'immensely.', 'They have worked.')).toBe(
      'They have helped us immensely.\n\n\f\n\nThey have worked.',
    );
    expect(join('and so we', 'thank you for', 'Comrade Enver Hoxha: Yes.')).toBe(
      'and so we thank you for\n\n\f\n\nComrade Enver Hoxha: Yes.',
    );
  });

  it('keeps one-line paragraphs apart when most paragraphs are one line', () => {
    // Lines 14 apart inside a paragraph, 24 apart between paragraphs: the
    // paragraph pitch is the most common distance, the line step the smaller one.
    const at = (text: string, y: number, right = 300) => ({ text, x: 72, y, right, size: 10 });
    const lines = [
      at('• Chou En-lai, Premier', 700),
      at('• Chi Peng-fei, Minister', 676),
      at('• Winston Lord, NSC Staff', 652),
      at('PM Chou: A question that runs to the', 628, 520),
      at('next line.', 614),
      at('Dr. Kissinger: Please.', 590),
      at('PM Chou: And another that runs', 566, 520),
      at('to the next.', 552),
      at('Dr. Kissinger: Yes', 528),
    ];
    expect(pagesToText([lines]).split('\n\n')).toEqual([
      '• Chou En-lai, Premier',
      '• Chi Peng-fei, Minister',
      '• Winston Lord, NSC Staff',
      'PM Chou: A question that runs to the next line.',
      'Dr. Kissinger: Please.',
      'PM Chou: And another that runs to the next.',
      'Dr. Kissinger: Yes',
    ]);
  });

  it('drops a page number at the foot of the page though the PDF draws it first', () => {
    const at = (text: string, y: number) => ({ text, x: 72, y, right: 300, size: 10 });
    // Content order: header, footer, then the text (as recordPdf draws them).
    // On a single page the header cannot be told from a title (it recurs on no other page).
    const [header, footer, date, turn] = [
      at('Digital Archive · Notes', 800),
      at('Page 1 of 1', 40),
      at('June 1, 1960', 760),
      at('Comrade A: Hello.', 740),
    ];
    expect(dropRunningLines([[header!, footer!, date!, turn!]])).toEqual([[header, date, turn]]);
  });

  it('rejoins a hyphenated word as the document spells it', () => {
    const known = new Set(['self-criticism', 'assembly']);
    expect(joinLines('the revisio-', 'nists said', known)).toBe('the revisionists said');
    expect(joinLines('the Marxist-', 'Leninist party', known)).toBe('the Marxist-Leninist party');
    expect(joinLines('a self-', 'criticism', known)).toBe('a self-criticism');
    expect(joinLines('PEOPLES ASSEM-', 'BLY', known)).toBe('PEOPLES ASSEMBLY');
    expect(joinLines('a line', 'and the next', known)).toBe('a line and the next');
  });

  it('reports a scanned PDF (no text layer)', async () => {
    const scan = await pdfWith((doc) => {
      doc.rect(72, 72, 400, 600).fill('#777');
      doc.addPage().rect(72, 72, 400, 600).fill('#999');
    });
    const r = await convert('pdf', scan);
    expect(r).toMatchObject({ rule: 'ingest/pdf-no-text' });
    expect('message' in r && r.message).toContain('2 page(s)');
  });

  it('reports an encrypted PDF and a damaged one', async () => {
    const locked = await pdfWith((doc) => doc.text('Comrade A: secret.'), {
      userPassword: 'archive',
      ownerPassword: 'owner',
      pdfVersion: '1.7',
    });
    expect(await convert('pdf', locked)).toMatchObject({ rule: 'ingest/pdf-encrypted' });
    expect(await convert('pdf', enc('%PDF-1.4\nthis is not really a PDF'))).toMatchObject({
      rule: 'ingest/pdf-broken',
    });
  });
});

describe('docx', () => {
  it('reads a Word file paragraph by paragraph', async () => {
    const text = await textOf('docx', await recordDocx(RECORD));
    expect(paragraphsOf(text)).toEqual(RECORD);
  });

  it('reports a file that is not a Word document', async () => {
    const r = await convert('docx', enc('{\\rtf1 an RTF file renamed .docx}'));
    expect(r).toMatchObject({ rule: 'ingest/docx-broken' });
  });
});

describe('convertFiles → ingest', () => {
  it('converts what needs it, skips what cannot be read with a message naming the file, keeps the bytes as identity', async () => {
    const docx = await recordDocx(['June 1, 1960', 'Comrade A: Hello.']);
    const files = [
      { name: 'a.txt', bytes: enc('Comrade A: Hello.') },
      { name: 'b.docx', bytes: new Uint8Array(docx) },
      { name: 'c.pdf', bytes: enc('not a pdf') },
      { name: 'd.htm', bytes: enc('<body><nav>Home</nav></body>') },
    ];
    const converted = await convertFiles(files);
    expect(converted.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['raw/c.pdf', 'ingest/pdf-broken', 'warning'],
      ['raw/d.htm', 'ingest/html-no-record', 'warning'],
    ]);
    expect(converted.diagnostics[0]!.message).toMatch(/file skipped$/);
    const { documents, diagnostics } = ingest(converted.files);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.docId, d.sourceFormat])).toEqual([
      ['a', 'txt'],
      ['b', 'docx'],
    ]);
    expect(documents[1]!.original).toBe('June 1, 1960\n\nComrade A: Hello.\n\n');
    expect(documents[1]!.bytes).toBe(docx.length);
    const { createHash } = await import('node:crypto');
    expect(documents[1]!.sha256).toBe(createHash('sha256').update(docx).digest('hex'));
    // The bytes ingest hashed are the file's own (pdfjs was given a copy).
    expect(files[1]!.bytes).toEqual(new Uint8Array(docx));
  });
});
