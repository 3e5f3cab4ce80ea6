/**
 * The same record as .txt, .html, .pdf and .docx reads the same: identical
 * turns, speakers and speech words (the pipeline's stages run in-process on
 * a corpus of each format). The records are the five shipped transcripts (real
 * Wilson Center Digital Archive records, corpus/raw/) and real records we
 * collected (tests/fixtures/real/, see SOURCES.md there); the web pages,
 * PDFs and Word files are made from their paragraphs by the test. Then a
 * folder mixing the four formats, with unreadable files among them, through
 * the CLI.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCorpus } from '../pipeline/convert/index.js';
import { parseCsv } from '../pipeline/csv.js';
import { parseDate } from '../pipeline/describe.js';
import { readCorpus } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import type { Transcript } from '../pipeline/types.js';
import {
  type ArchiveRecord,
  archiveCover,
  archivePageHtml,
  paragraphsOf,
  recordDocx,
  recordHtml,
  recordPdf,
} from './formats-fixtures.js';
import { FIXTURES, REPO } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-formats-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RAW = join(REPO, 'corpus', 'raw');
const RECORDS = readdirSync(RAW)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const FORMATS = ['txt', 'html', 'pdf', 'docx'] as const;
type Format = (typeof FORMATS)[number];

async function fileAs(format: Format, name: string, dir = RAW): Promise<Buffer> {
  const text = readFileSync(join(dir, name), 'utf8');
  const paras = paragraphsOf(text);
  if (format === 'txt') return Buffer.from(text, 'utf8');
  if (format === 'html') return Buffer.from(recordHtml(paras), 'utf8');
  if (format === 'docx') return recordDocx(paras);
  return (await recordPdf(paras, { header: `Wilson Center Digital Archive · ${paras[1]}` })).bytes;
}

function corpusDir(
  name: string,
  raw: Record<string, Buffer>,
  speakers = join(REPO, 'corpus', 'speakers.yaml'),
): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'raw'), { recursive: true });
  cpSync(speakers, join(dir, 'speakers.yaml'));
  for (const f of ['dictionary.yaml', 'stopwords.txt', 'sentiment.yaml'])
    cpSync(join(REPO, 'corpus', f), join(dir, f));
  for (const [f, bytes] of Object.entries(raw)) writeFileSync(join(dir, 'raw', f), bytes);
  return dir;
}

/** What must not depend on the format: per turn its speaker, words and speech (spacing aside). */
const reading = (t: Transcript) => ({
  speakers: t.speakers,
  words: t.turns.reduce((n, x) => n + x.words, 0),
  turns: t.turns.map((x) => [x.speaker, x.words, x.text.replace(/\s+/g, ' ')]),
});

describe('one record, four formats', () => {
  const runs = new Map<Format, Transcript[]>();
  beforeAll(async () => {
    // The run's own stages up to the transcript (read → convert → ingest →
    // normalize → describe → segment): turns, speakers and words are made
    // there; the mixed-folder test below runs the whole CLI.
    for (const format of FORMATS) {
      const raw: Record<string, Buffer> = {};
      for (const r of RECORDS) raw[r.replace(/\.txt$/, `.${format}`)] = await fileAs(format, r);
      const model = buildTranscripts(await convertCorpus(readCorpus(corpusDir(format, raw))));
      expect(model.diagnostics).toEqual([]);
      runs.set(format, model.transcripts);
    }
  }, 120_000);

  it('reads every record with the same turns, speakers and speech words in each format', () => {
    const txt = runs.get('txt')!;
    expect(txt.map((t) => t.docId)).toEqual(RECORDS.map((r) => r.replace(/\.txt$/, '')));
    for (const format of FORMATS) {
      const docs = runs.get(format)!;
      expect(docs.map((t) => [t.docId, t.sourceFormat])).toEqual(txt.map((t) => [t.docId, format]));
      docs.forEach((t, i) => {
        expect(t.turns.length).toBeGreaterThan(5);
        expect(reading(t), `${t.docId} as ${format}`).toEqual(reading(txt[i]!));
        expect(t.metadata.date).toBe(txt[i]!.metadata.date);
      });
    }
  });

  it('keeps the sha256 of the file itself and the extracted text as the original', () => {
    for (const t of runs.get('pdf')!) {
      expect(t.sourceFile).toMatch(/\.pdf$/);
      expect(t.original).toContain('\f');
      expect(t.original).not.toMatch(/Page \d+ of \d+/);
    }
  });
});

const REAL = join(FIXTURES, 'real');

/**
 * Real records we collected, of different shapes, that the reader gives
 * turns today (most others in the set read no turns yet: BASELINE.md there):
 * FRUS page texts (bulleted participants, "[Page N]" markers, label
 * variants, an interpreter), a White House memcon (runs of spaces), and
 * Wilson Center Digital Archive records (an old page with an indented
 * summary and initials in labels; one with narrative between turns; an
 * Albanian record in reported then direct speech). The Wilson Center ones
 * are also made into a page shaped like the archive's own record page.
 */
const REAL_RECORDS: Record<string, { language: string; archive: string } | undefined> = {
  'frus-1969-76v18-d8_kissinger-zhou.txt': undefined,
  'frus-1969-76v18-d14_kissinger-zhou.txt': undefined,
  'frus-1969-76ve13-d88_kissinger-zhou.txt': undefined,
  'usc-1972-02-21_nixon-mao.txt': undefined,
  'wc-1959-10-02_khrushchev-mao.txt': {
    language: 'Russian',
    archive: 'Archive of the President of the Russian Federation (APRF)',
  },
  'wc-1960-06-07_mao-albanian-delegation.txt': {
    language: 'Albanian',
    archive: 'Albanian State Archives (AQPPSH)',
  },
  'wc-1961-08-01_khrushchev-ulbricht.txt': {
    language: 'Russian',
    archive: 'Archive of the Foreign Policy of the Russian Federation',
  },
};

const expectedTitle = (name: string): string =>
  (
    JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8')) as Record<
      string,
      { title: string }
    >
  )[name.replace(/\.txt$/, '')]!.title;

/**
 * The .txt's paragraphs as the archive shows the record: its date line,
 * title and summary (as describe reads them from the .txt) go to the page's
 * date, <h1> and "Summary" block (or the PDF's cover page), the other
 * paragraphs are the record text, in their order. The title shown is the
 * archive's (expected.json) when describe finds none in the .txt.
 */
function asArchiveRecord(
  name: string,
  t: Transcript,
  about: { language: string; archive: string },
): ArchiveRecord {
  const paras = paragraphsOf(readFileSync(join(REAL, name), 'utf8'));
  const { date, title, summary } = t.metadata;
  const dateAt = paras.findIndex((p) => parseDate(p) === date);
  const meta = new Set([dateAt, paras.indexOf(title), paras.indexOf(summary)]);
  const shown = title || expectedTitle(name);
  return {
    date: paras[dateAt] ?? '',
    title: shown,
    summary,
    ...about,
    citation: `"${shown}," ${paras[dateAt] ?? ''}, Wilson Center Digital Archive.`,
    body: paras.filter((_, i) => !meta.has(i)),
  };
}

/** A Wilson Center record as the archive's page or PDF; other records as fileAs makes them. */
async function realFileAs(format: Format, name: string, txt: Transcript): Promise<Buffer> {
  const about = REAL_RECORDS[name];
  if (!about || (format !== 'html' && format !== 'pdf')) return fileAs(format, name, REAL);
  const r = asArchiveRecord(name, txt, about);
  if (format === 'html') return Buffer.from(archivePageHtml(r));
  const header = `Wilson Center Digital Archive · ${r.title}`;
  return (await recordPdf(r.body, { header, cover: archiveCover(r) })).bytes;
}

describe('real records we collected, four formats', () => {
  const names = Object.keys(REAL_RECORDS).sort();
  const runs = new Map<Format, Map<string, Transcript>>();
  const byFile = (ts: readonly Transcript[]) => new Map(ts.map((t) => [t.sourceFile, t]));
  beforeAll(async () => {
    const raw = Object.fromEntries(names.map((n) => [n, readFileSync(join(REAL, n))]));
    const dir = corpusDir('real-txt', raw, join(REAL, 'speakers.yaml'));
    const txt = byFile(buildTranscripts(await convertCorpus(readCorpus(dir))).transcripts);
    runs.set('txt', txt);
    for (const format of FORMATS.filter((f) => f !== 'txt')) {
      const raw: Record<string, Buffer> = {};
      for (const n of names)
        raw[n.replace(/\.txt$/, `.${format}`)] = await realFileAs(format, n, txt.get(n)!);
      const dir = corpusDir(`real-${format}`, raw, join(REAL, 'speakers.yaml'));
      const model = buildTranscripts(await convertCorpus(readCorpus(dir)));
      expect(model.diagnostics.filter((d) => d.rule.startsWith('ingest/'))).toEqual([]);
      runs.set(
        format,
        new Map(model.transcripts.map((t) => [t.sourceFile.replace(/\.\w+$/, '.txt'), t])),
      );
    }
  }, 120_000);

  it('reads each with the same turns, speakers and speech words in each format', () => {
    const txt = runs.get('txt')!;
    expect([...txt.keys()].sort()).toEqual(names);
    for (const format of FORMATS) {
      const docs = runs.get(format)!;
      expect([...docs.keys()].sort()).toEqual(names);
      for (const n of names) {
        const t = docs.get(n)!;
        expect(t.sourceFormat).toBe(format);
        expect(t.turns.length, n).toBeGreaterThan(1);
        expect(reading(t), `${n} as ${format}`).toEqual(reading(txt.get(n)!));
      }
    }
  });

  it('finds date, title and summary in an archive record page and PDF as in the .txt', () => {
    const txt = runs.get('txt')!;
    const pages = names.filter((n) => REAL_RECORDS[n]);
    expect(pages.length).toBe(3);
    for (const format of ['html', 'pdf'] as const)
      for (const n of pages) {
        const { date, title, summary } = txt.get(n)!.metadata;
        expect(date, n).not.toBe('');
        const got = runs.get(format)!.get(n)!.metadata;
        expect(got, `${n} as ${format}`).toMatchObject({ date, title, summary });
      }
    // Found in the .txt: the titles of all three (the line after the date),
    // and the summaries of the two old pages (indented lines there; the
    // "Summary" block or "Summary:" line here).
    const found = (key: 'title' | 'summary') =>
      pages.filter((n) => txt.get(n)!.metadata[key] !== '').length;
    expect([found('title'), found('summary')]).toEqual([3, 2]);
  });
});

describe('a folder mixing .txt, .html, .pdf and .docx, with unreadable files', () => {
  it('analyses every readable record and names each file it skips', async () => {
    const [a, b, c, d] = RECORDS;
    const scan = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (x: Buffer) => chunks.push(x));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.rect(72, 72, 300, 400).fill('#888');
      doc.end();
    });
    const dir = corpusDir('mixed', {
      [a!]: await fileAs('txt', a!),
      [b!.replace('.txt', '.html')]: await fileAs('html', b!),
      [c!.replace('.txt', '.pdf')]: await fileAs('pdf', c!),
      [d!.replace('.txt', '.docx')]: await fileAs('docx', d!),
      'scan.pdf': scan,
      'broken.docx': Buffer.from('PK\u0003\u0004 truncated'),
      'menu.htm': Buffer.from(
        '<html><body><nav>Home · Search</nav><footer>©</footer></body></html>',
      ),
    });
    const out = join(work, 'mixed-out');
    const r = spawnSync(
      process.execPath,
      [
        join(REPO, '.build', 'pipeline', 'cli.js'),
        '--corpus',
        dir,
        '--out',
        out,
        '--no-cache',
        '--quiet',
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('raw/scan.pdf: the PDF has no text layer');
    expect(r.stderr).toContain('raw/broken.docx: could not be read as a Word document');
    expect(r.stderr).toContain('raw/menu.htm: found no record in this web page');
    const docs = parseCsv(readFileSync(join(out, 'data', 'documents.csv'), 'utf8'));
    expect(docs.map((row) => [row['source_file'], row['source_format']])).toEqual([
      [a, 'txt'],
      [b!.replace('.txt', '.html'), 'html'],
      [c!.replace('.txt', '.pdf'), 'pdf'],
      [d!.replace('.txt', '.docx'), 'docx'],
    ]);
    const diags = parseCsv(readFileSync(join(out, 'diagnostics.csv'), 'utf8'));
    expect(
      diags.filter((x) => x['rule']!.startsWith('ingest/')).map((x) => [x['file'], x['rule']]),
    ).toEqual([
      ['raw/broken.docx', 'ingest/docx-broken'],
      ['raw/menu.htm', 'ingest/html-no-record'],
      ['raw/scan.pdf', 'ingest/pdf-no-text'],
    ]);
  }, 120_000);
});
