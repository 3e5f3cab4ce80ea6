/**
 * `npm run bench -- --convert`: what converting archive PDFs costs.
 * - 100 generated multi-page PDFs (the shipped records, each with a running
 *   header, page numbers and hyphenated line ends; pipeline/bench/record-pdf.ts),
 *   converted in this process exactly as a run converts them: seconds per page.
 * - One 200-page PDF (the shipped records' turns, repeated) analysed by the
 *   pipeline: its 'convert' stage against the rest of the run.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertFiles } from '../convert/index.js';
import { readCorpus } from '../io.js';
import { buildTranscripts } from '../transcripts.js';
import { paragraphsOf, recordPdf } from './record-pdf.js';
import { readTimings, runChecked } from './run.js';

export interface ConvertResult {
  pdfs: number;
  pages: number;
  convert_s: number;
  s_per_page: number;
  big_pages: number;
  big_convert_s: number;
  /** The rest of the run: every stage but read and convert. */
  big_analysis_s: number;
}

export async function measureConversion(opts: {
  corpus: string;
  pipeline: readonly string[];
  tmp: string;
  log: (line: string) => void;
}): Promise<ConvertResult> {
  const rawDir = join(opts.corpus, 'raw');
  const names = (await readdir(rawDir)).filter((f) => f.endsWith('.txt')).sort();
  const records = await Promise.all(
    names.map(async (n) => paragraphsOf(await readFile(join(rawDir, n), 'utf8'))),
  );
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  let pages = 0;
  for (let i = 0; i < 100; i++) {
    const paras = records[i % records.length]!;
    const pdf = await recordPdf(paras, { header: `Digital Archive · copy ${i + 1} · ${paras[1]}` });
    files.push({ name: `r${String(i).padStart(3, '0')}.pdf`, bytes: pdf.bytes });
    pages += pdf.pages;
  }
  opts.log(`convert: 100 PDFs, ${pages} pages generated`);
  const t0 = performance.now();
  const converted = await convertFiles(files);
  const convert_s = (performance.now() - t0) / 1000;
  if (converted.diagnostics.length > 0)
    throw new Error(`conversion failed: ${converted.diagnostics[0]!.message}`);

  // A 200-page record: the first record's front and back, every record's turns in between.
  const model = buildTranscripts(readCorpus(opts.corpus));
  const turns = model.transcripts.flatMap((t) =>
    t.turns.flatMap((turn) => t.text.slice(turn.start, turn.end).split('\n\n')),
  );
  const first = model.transcripts[0]!;
  const front = paragraphsOf(first.text.slice(0, first.turns[0]!.start));
  const back = paragraphsOf(first.text.slice(first.turns[first.turns.length - 1]!.end));
  let body: string[] = [];
  let big: { bytes: Uint8Array; pages: number } = { bytes: new Uint8Array(), pages: 0 };
  while (big.pages < 200) {
    body = [...body, ...turns];
    big = await recordPdf([...front, ...body, ...back], {
      header: 'Digital Archive · long record',
    });
  }
  const dir = join(opts.tmp, 'corpus');
  await mkdir(join(dir, 'raw'), { recursive: true });
  for (const f of ['speakers.yaml', 'dictionary.yaml', 'stopwords.txt', 'sentiment.yaml'])
    await writeFile(join(dir, f), await readFile(join(opts.corpus, f)));
  await writeFile(join(dir, 'raw', 'long-record.pdf'), big.bytes);
  const timingsFile = join(opts.tmp, 'timings.json');
  await runChecked([
    ...opts.pipeline,
    '--corpus',
    dir,
    '--out',
    join(opts.tmp, 'out'),
    '--no-cache',
    '--quiet',
    '--timings',
    timingsFile,
  ]);
  const stages = (await readTimings(timingsFile))?.stages ?? {};
  const big_convert_s = stages['convert'] ?? Number.NaN;
  const big_analysis_s = Object.entries(stages)
    .filter(([k]) => k !== 'read' && k !== 'convert')
    .reduce((s, [, v]) => s + v, 0);
  return {
    pdfs: files.length,
    pages,
    convert_s,
    s_per_page: convert_s / pages,
    big_pages: big.pages,
    big_convert_s,
    big_analysis_s,
  };
}

export function formatConversion(r: ConvertResult): string {
  const ok = r.big_convert_s < r.big_analysis_s;
  return [
    `conversion: ${r.pdfs} PDFs, ${r.pages} pages in ${r.convert_s.toFixed(2)} s = ${(r.s_per_page * 1000).toFixed(1)} ms a page (${(1 / r.s_per_page).toFixed(0)} pages/s, one thread)`,
    `one ${r.big_pages}-page PDF: convert ${r.big_convert_s.toFixed(2)} s, analysis (every later stage) ${r.big_analysis_s.toFixed(2)} s: ${ok ? 'ok, converting is faster' : 'FAIL: converting is slower than analysing'}`,
  ].join('\n');
}
