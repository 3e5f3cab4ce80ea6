/**
 * The composition root: the one place that knows the order of the stages.
 *
 *   corpus/raw/*.txt ──ingest──▶ RawDocument      (bytes, encoding, sha256; io.ts is the only read)
 *                    ──normalize─▶ NormalizedDocument (NFC text, repaired paragraphs, leftovers stripped)
 *                    ──describe──▶ DescribedDocument  (meeting date, title, summary, archive ref, translator)
 *                    ──segment───▶ Transcript         (header | narrative | label | speech | editorial | stage | trailer)
 *                    ──annotate──▶ AnnotatedDocument  (wink-nlp per turn, cached, in worker threads)
 *                    ──analyze───▶ Tables             (analyses/: terms, phrases, sentiment, keyness, KWIC, turn stats)
 *                    ──chart─────▶ Figure[]           (pipeline/figures: Vega-Lite specs, pure)
 *                    ──render────▶ SVG/PNG/PDF + index.html
 *                    ──write─────▶ reports/           (io.ts: the only write; atomic swap)
 *
 * Everything between readCorpus and writeOutputs is a function of plain data.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODEBOOK, codebook } from '../analyses/codebook.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { runAnalyses } from '../analyses/index.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { loadStopwords } from '../analyses/stopwords.js';
import type { Tables } from '../analyses/types.js';
import { annotateAll } from './annotate-stage.js';
import { rowsJson, stableJson, toCsv } from './csv.js';
import { ConfigError } from './errors.js';
import { buildFigures, figureFiles, figureSoftware } from './figures/build.js';
import { type CorpusFiles, readCorpus } from './io.js';
import { buildTranscripts } from './model.js';
import { renderFigures } from './render-pool.js';
import { buildReport, methodsParagraph } from './report/index.js';
import { REPORTS_README } from './reports-readme.js';
import type { Diagnostic, Transcript } from './types.js';

export interface PipelineOptions {
  corpus: string;
  /** Extra terms for the concordance (--kwic). */
  kwicTerms: string[];
  cacheDir: string | null;
  workers?: number;
  /** Figure-rendering worker threads (0 = this thread); default: the available cores. */
  renderWorkers?: number;
  /** Called after each stage and document, for progress display. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Receives each output file (path relative to the output folder) as soon as it is made. */
  emit: (name: string, content: string | Uint8Array) => void;
}

export interface PipelineResult {
  /** Number of files emitted. */
  files: number;
  transcripts: Transcript[];
  diagnostics: Diagnostic[];
  tables: Tables;
  timings: Record<string, number>;
  tokens: number;
  annotated: number;
}

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const timings: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (now - t0) / 1000;
    t0 = now;
  };

  const corpus = readCorpus(opts.corpus);
  lap('read');
  const config = loadConfig(corpus);
  const model = buildTranscripts(corpus);
  const { transcripts } = model;
  lap('ingest+segment');

  const annotated = await annotateAll(transcripts, {
    inputs: config.inputs,
    cacheDir: opts.cacheDir,
    workers: opts.workers,
    onDone: (d, n) => opts.onProgress?.('annotate', d, n),
  });
  lap('annotate');

  const tables = await runAnalyses({
    transcripts,
    annotated: annotated.documents,
    dictionary: config.dictionary,
    stopwords: config.stopwords,
    kwicTerms: opts.kwicTerms,
    sentiment: { targets: config.sentiment.targets },
  });
  lap('analyses');

  const figures = buildFigures(tables);
  // Figures render in worker threads while this thread writes the tables and the report.
  const rendering = renderFigures(figures, {
    workers: opts.renderWorkers,
    onDone: (d, n) => opts.onProgress?.('figures', d, n),
  });
  // A failure elsewhere must not leave an unhandled rejection behind.
  rendering.catch(() => {});
  lap('figures');

  const diagnostics = [...model.diagnostics, ...transcripts.flatMap((t) => t.diagnostics)];
  const manifest = buildManifest(corpus, transcripts, config, opts);
  let files = 0;
  const emit = (name: string, content: string | Uint8Array) => {
    opts.emit(name, content);
    files++;
  };
  emit('README.md', REPORTS_README);
  emit('manifest.json', stableJson(manifest));
  emit(
    'diagnostics.csv',
    toCsv(diagnostics.map(diagnosticRow), ['file', 'line', 'severity', 'rule', 'message']),
  );
  for (const t of transcripts) emit(`corpus/${t.docId}.json`, stableJson(t, 0));
  const segments = segmentRows(transcripts);
  emit('data/segments.csv', toCsv(segments, columnsOf('segments', segments)));
  writeDataFiles(tables, (name, content) => emit(`data/${name}`, content));
  emit('data/README.md', codebook());
  const methods = methodsParagraph({ tables, manifest });
  emit(
    'index.html',
    buildReport({
      tables,
      transcripts,
      figures: figures.map((f) => ({ ...f, svg: '' })),
      diagnostics,
      manifest,
      methods,
    }),
  );
  lap('report');
  const rendered = await rendering;
  figures.forEach((fig, i) => {
    for (const [path, content] of Object.entries(figureFiles(fig, rendered[i]!)))
      emit(path, content);
  });
  lap('render-wait');
  const tokens = annotated.documents.reduce((n, d) => n + d.tokens, 0);
  return {
    files,
    transcripts,
    diagnostics,
    tables,
    timings,
    tokens,
    annotated: annotated.annotated,
  };
}

interface LoadedConfig {
  inputs: { speakers: string; dictionary: string; stopwords: string; sentiment: string };
  dictionary: ReturnType<typeof loadDictionary>;
  stopwords: string[];
  sentiment: ReturnType<typeof loadSentimentConfig>;
  files: Record<string, string>;
}

/** Validates all configuration up front, before any document is processed. */
function loadConfig(corpus: CorpusFiles): LoadedConfig {
  const need = (name: string) => {
    const text = corpus.config.get(name);
    if (text === undefined)
      throw new ConfigError(
        name,
        undefined,
        `expected ${name} in the corpus folder ${corpus.dir}, found none`,
      );
    return text;
  };
  const inputs = {
    speakers: need('speakers.yaml'),
    dictionary: need('dictionary.yaml'),
    stopwords: need('stopwords.txt'),
    sentiment: corpus.config.get('sentiment.yaml') ?? '',
  };
  return {
    inputs,
    dictionary: loadDictionary(inputs.dictionary, 'dictionary.yaml'),
    stopwords: loadStopwords(inputs.stopwords, 'stopwords.txt'),
    sentiment: loadSentimentConfig(inputs.sentiment, 'sentiment.yaml'),
    files: Object.fromEntries([...corpus.config.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function buildManifest(
  corpus: CorpusFiles,
  transcripts: readonly Transcript[],
  config: LoadedConfig,
  opts: PipelineOptions,
) {
  const require = createRequire(import.meta.url);
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const pkg = require(join(PROJECT_ROOT, 'package.json')) as { name: string; version: string };
  return {
    tool: { name: pkg.name, version: pkg.version },
    node: process.version,
    packages: {
      'wink-nlp': version('wink-nlp'),
      'wink-eng-lite-web-model': version('wink-eng-lite-web-model'),
      'danfojs-node': version('danfojs-node'),
      ...figureSoftware(),
    },
    inputs: transcripts.map((t) => ({
      doc_id: t.docId,
      source_file: `raw/${t.sourceFile}`,
      sha256: t.sha256,
      bytes: t.bytes,
      encoding: t.encoding,
    })),
    configuration: {
      kwic_terms: [...opts.kwicTerms].sort(),
      dictionary: config.dictionary,
      stopwords: config.stopwords,
      sentiment_overrides: Object.fromEntries(
        [...config.sentiment.overrides.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      sentiment_targets: config.sentiment.targets,
      files_sha256: Object.fromEntries(
        Object.entries(config.files).map(([name, text]) => [name, sha256(text)]),
      ),
    },
    skipped: corpus.raw.length - transcripts.length,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function diagnosticRow(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line ?? '',
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
}

function segmentRows(transcripts: readonly Transcript[]) {
  return transcripts.flatMap((t) =>
    t.segments
      .filter((s) => s.kind !== 'break')
      .map((s, i) => ({
        doc_id: t.docId,
        segment: i + 1,
        kind: s.kind,
        rule: s.rule,
        paragraph: s.paragraph,
        line: s.line,
        start: s.start,
        end: s.end,
        turn: s.turn ?? '',
        speaker: s.speaker ?? '',
        text: t.text.slice(s.start, s.end),
      })),
  );
}

/** Each table as CSV and as JSON rows, handed to `out` one file at a time. */
function writeDataFiles(tables: Tables, out: (name: string, content: string) => void): void {
  const add = <T extends object>(name: string, rows: readonly T[]) => {
    const columns = columnsOf(name, rows);
    out(`${name}.csv`, toCsv(rows, columns));
    if (!CSV_ONLY.has(name)) out(`${name}.json`, rowsJson(rows, columns));
  };
  add('documents', tables.documents);
  add('turns', tables.turns);
  add('terms', tables.terms);
  add('phrases', tables.phrases);
  add('phrase_forms', tables.phraseForms);
  add('sentences', tables.sentences);
  add('sentiment', tables.sentiment);
  add('sentiment_arc', tables.sentimentArc);
  add('sentiment_drivers', tables.sentimentDrivers);
  add('sentiment_targets', tables.sentimentTargets);
  add('keyness', tables.keyness);
  add('kwic', tables.kwic);
  add('turn_stats', tables.turnStats);
  for (const name of Object.keys(tables.extra).sort()) add(name, tables.extra[name]!);
}

/**
 * CSV column order per table, from the codebook (the one list of every
 * file's columns; tests/terms.test.ts checks it against the row types'
 * column constants), so empty tables keep their header.
 */
const COLUMNS: Record<string, readonly string[]> = Object.fromEntries(
  CODEBOOK.map((f) => [f.file.replace(/\.csv$/, ''), f.columns.map((c) => c.name)]),
);

/**
 * Row-level tables (one row per turn, sentence, match or term) are written
 * as CSV only: they are most of the output's volume, and a JSON copy would
 * double it. The aggregated tables are written as CSV and JSON.
 */
export const CSV_ONLY = new Set(['turns', 'terms', 'phrases', 'sentences', 'kwic', 'segments']);

function columnsOf<T extends object>(name: string, rows: readonly T[]): Array<keyof T & string> {
  const known = COLUMNS[name] ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  return [...known] as Array<keyof T & string>;
}
