/**
 * The same record as .txt, .html, .pdf and .docx reads the same: identical
 * turns, speakers and speech words (the pipeline's stages run in-process on
 * a corpus of each format). The records are the five shipped transcripts (real
 * Wilson Center Digital Archive records, corpus/raw/); the web pages, PDFs
 * and Word files are made from their paragraphs by the test. Then a folder
 * mixing the four formats, with unreadable files among them, through the CLI.
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
import { readCorpus } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/model.js';
import type { Transcript } from '../pipeline/types.js';
import { paragraphsOf, recordDocx, recordHtml, recordPdf } from './formats-fixtures.js';
import { REPO } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-formats-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RAW = join(REPO, 'corpus', 'raw');
const RECORDS = readdirSync(RAW)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const FORMATS = ['txt', 'html', 'pdf', 'docx'] as const;
type Format = (typeof FORMATS)[number];

async function fileAs(format: Format, name: string): Promise<Buffer> {
  const text = readFileSync(join(RAW, name), 'utf8');
  const paras = paragraphsOf(text);
  if (format === 'txt') return Buffer.from(text, 'utf8');
  if (format === 'html') return Buffer.from(recordHtml(paras), 'utf8');
  if (format === 'docx') return recordDocx(paras);
  return (await recordPdf(paras, { header: `Wilson Center Digital Archive · ${paras[1]}` })).bytes;
}

function corpusDir(name: string, raw: Record<string, Buffer>): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'raw'), { recursive: true });
  for (const f of ['speakers.yaml', 'dictionary.yaml', 'stopwords.txt', 'sentiment.yaml'])
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
