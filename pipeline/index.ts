import { codebook } from '../analyses/codebook.js';
import { type Comparisons, resolveComparisons } from '../analyses/comparisons.js';
import { headlineKeys } from '../analyses/dictionary.js';
import { dtmCsv, matrixMarket } from '../analyses/dtm.js';
import { analysisMethods, buildFigures, runAnalyses } from '../analyses/index.js';
import { sentimentMethods } from '../analyses/sentiment/analysis.js';
import { termUnits } from '../analyses/terms.js';
import { type CollectedDocument, DocumentCollector } from './collect.js';
import { comparisonDiagnostics } from './comparisons-config.js';
import { type LoadedConfig, loadConfig, readAgreement, readStance } from './config.js';
import { convertCorpus } from './convert/index.js';
import { loadDefaultSide } from './corpus-config.js';
import { stableJson, toCsv } from './csv.js';
import { figureFiles } from './figures/build.js';
import { NO_SIDES } from './figures/theme.js';
import type { Figure } from './figures/types.js';
import { type OutputContent, readCorpus } from './io.js';
import { buildManifest } from './manifest.js';
import { loadRegistry } from './registry.js';
import { speechTargets, writeEvidenceFiles } from './report/evidence-data.js';
import { buildFindings } from './report/findings.js';
import { buildReport, methodsParagraph } from './report/index.js';
import { REPORTS_README } from './reports-readme.js';
import { removeDeadCacheTemps } from './run/cache-files.js';
import { processDocuments, WORKER_THRESHOLD } from './run/documents.js';
import { FigureRendering } from './run/figure-rendering.js';
import { suggestedSpeakers } from './speaker-names.js';
import { countedSpeech, type SpeechCounted } from './speech.js';
import { prepareCorpus, sortTranscripts } from './transcripts.js';
import type { Diagnostic, Transcript } from './types.js';
import { COLUMNS, CSV_COLUMNS, diagnosticRow, termsCsv, writeDataFiles } from './write-tables.js';

export interface PipelineOptions {
  corpus: string;
  /** Extra terms for the concordance (--kwic). */
  kwicTerms: string[];
  /** Words whose collocates are listed besides the headline keys' (--collocates). */
  collocateTerms?: string[];
  /** Which speech the analyses count (--speech): both modes (default) or direct only. */
  speech?: SpeechCounted;
  /** Keep the names of the people present in keyness (--keyness-keep-names; default: left out). */
  keepPresentNames?: boolean;
  cacheDir: string | null;
  workers?: number;
  /** Figure-rendering worker threads (0 = this thread); default: the available cores. */
  renderWorkers?: number;
  /** Called after each stage and document, for progress display. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * Keep every document's text in memory instead of only the report's
   * earliest records (tests: outputs must not depend on it).
   */
  retainAll?: boolean;
  /** Where the spool of row-level tables goes (default: the system's temporary folder). */
  scratchDir?: string;
  /** Receives each output file (path relative to the output folder) as soon as it is made. */
  emit: (name: string, content: OutputContent) => void;
}

export interface PipelineResult {
  /** Number of files emitted. */
  files: number;
  transcripts: Transcript[];
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  /** Heap and resident memory (MiB) at the end of each stage, this process (all threads). */
  memory: Record<string, { heap_mb: number; rss_mb: number }>;
  tokens: number;
  annotated: number;
  /** Documents whose text stayed in memory to the end (the report's earliest records). */
  kept: number;
  /** Figures drawn in this run (the others came from the render cache). */
  figuresRendered: number;
  /**
   * What this run noticed about the machine rather than the data (damaged
   * cache entries, recomputed; killed runs' leftovers removed). Not written
   * to the report, whose bytes depend on the corpus only.
   */
  notes: string[];
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const cleanup: Array<() => void> = [];
  try {
    return await runStages(opts, cleanup);
  } finally {
    for (const c of cleanup) c();
  }
}

async function runStages(
  opts: PipelineOptions,
  cleanup: Array<() => void>,
): Promise<PipelineResult> {
  const timings: Record<string, number> = {};
  const memory: PipelineResult['memory'] = {};
  let t0 = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (now - t0) / 1000;
    const m = process.memoryUsage();
    memory[stage] = {
      heap_mb: Math.round(m.heapUsed / 2 ** 20),
      rss_mb: Math.round(m.rss / 2 ** 20),
    };
    t0 = now;
  };

  const corpus = readCorpus(opts.corpus);
  const rendering = new FigureRendering({
    docs: corpus.raw.length,
    annotatedHere: opts.workers === 0 || corpus.raw.length < WORKER_THRESHOLD,
    ...(opts.renderWorkers === undefined ? {} : { renderWorkers: opts.renderWorkers }),
    cacheDir: opts.cacheDir,
    onDone: (d, n) => opts.onProgress?.('figures', d, n),
  });
  // A run that fails before its figures exist stops the renderers it started.
  cleanup.push(() => rendering.close());
  lap('read');
  // Web pages, PDFs and Word files to text (the bytes stay the identity).
  const converted = await convertCorpus(corpus);
  lap('convert');
  let annotated = 0;
  let kept = 0;
  let tokens = 0;
  let transcripts: Transcript[] = [];
  let figures: Figure[] = [];
  let diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  if (opts.cacheDir) {
    const removed = removeDeadCacheTemps(opts.cacheDir);
    if (removed > 0) notes.push(`cache: removed ${removed} temporary file(s) left by killed runs`);
  }
  const config = loadConfig(corpus);
  const prepared = prepareCorpus(converted);
  // The raw bytes are decoded now; let them go (a large corpus is hundreds of MB).
  const rawCount = corpus.raw.length;
  corpus.raw.length = 0;
  converted.raw.length = 0;
  lap('ingest');

  // normalize → describe → segment → annotate → per-document analyses, per
  // document (in worker threads for large corpora, cached by content). Each
  // result is collected as it arrives: its files written or spooled, a light
  // copy kept (./collect.ts).
  let files = 0;
  const emit = (name: string, content: OutputContent) => {
    opts.emit(name, content);
    files++;
  };
  const collector = new DocumentCollector(
    emit,
    opts.retainAll ? { docs: Number.POSITIVE_INFINITY } : undefined,
    opts.scratchDir,
    speechTargets(config.sentiment.targets),
  );
  try {
    const processed = await processDocuments(
      prepared.documents,
      {
        settings: {
          inputs: config.inputs,
          kwicTerms: opts.kwicTerms,
          collocateTerms: opts.collocateTerms ?? [],
          speech: opts.speech ?? 'all',
          csvColumns: CSV_COLUMNS,
        },
        overrides: prepared.overrides,
        cacheDir: opts.cacheDir,
        workers: opts.workers,
        onDone: (d, n) => opts.onProgress?.('annotate', d, n),
        // Workers fold the n-gram parts themselves: one accumulator each, combined here.
        onFolds: (saved) => {
          for (const [id, acc] of Object.entries(saved)) collector.combine(id, acc);
        },
      },
      (i, doc) => {
        // Done with: its decoded text is no longer needed here.
        prepared.documents[i]!.original = '';
        collector.add(i, doc);
      },
    );
    annotated = processed.annotated;
    notes.push(...processed.notes);
    const docs = sortTranscripts(collector.documents(), (d) => d.transcript);
    kept = docs.filter((d) => d.full).length;
    transcripts = docs.map((d) => d.transcript);
    // The sides and periods keyness compares: corpus.yaml's, or chosen from the data.
    const units = termUnits(partsOf(docs));
    const comparisons = resolveComparisons(config.comparisons, units);
    diagnostics = [
      ...prepared.diagnostics,
      ...comparisonDiagnostics(comparisons, units),
      ...processed.failed,
      ...transcripts.flatMap((t) => t.diagnostics),
    ];
    lap('documents');
    tokens = docs.reduce((n, d) => n + d.tokens, 0);
    figures = await writeTablesAndReport({
      docs,
      config,
      opts,
      manifest: buildManifest(rawCount, transcripts, config, opts, comparisons),
      comparisons,
      diagnostics,
      csv: collector,
      emit,
      lap,
      startRendering: (figs) => rendering.start(figs, docs.length),
      rendered: rendering.overlapsReport(docs.length) ? undefined : () => rendering.started(),
    });
    // An async function's locals stay reachable while it waits: let the documents go.
    docs.length = 0;
  } finally {
    collector.close();
  }
  lap('report');
  const rendered = await rendering.done(figures);
  figures.forEach((fig, i) => {
    for (const [path, content] of Object.entries(figureFiles(fig, rendered[i]!)))
      emit(path, content);
  });
  lap('render-wait');
  for (const d of rendering.damaged) notes.push(`cache: figure entry ${d}; drawn again`);
  return {
    files,
    transcripts,
    diagnostics,
    timings,
    memory,
    tokens,
    annotated,
    kept,
    figuresRendered: rendering.drawn,
    notes,
  };
}

/** Each analysis's parts in the documents' order, one document at a time (kept, or read back from the spool). */
function partsOf(docs: readonly CollectedDocument[]): (id: string) => Iterable<unknown> {
  return (id) => ({
    *[Symbol.iterator]() {
      for (const d of docs) yield d.part(id);
    },
  });
}

/**
 * analyses → figures (specs) → data/ and index.html. Everything made here
 * from the merged tables is written before it returns, so the tables (the
 * largest thing a run holds) are garbage once it has.
 */
async function writeTablesAndReport(ctx: {
  docs: CollectedDocument[];
  config: LoadedConfig;
  opts: PipelineOptions;
  manifest: ReturnType<typeof buildManifest>;
  comparisons: Comparisons;
  diagnostics: Diagnostic[];
  csv: Pick<DocumentCollector, 'csv' | 'speechFiles' | 'dropParts' | 'folded'>;
  emit: (name: string, content: OutputContent) => void;
  lap: (stage: string) => void;
  startRendering: (figures: Figure[]) => void;
  /** When given, the report waits for this (the figures' rendering) after the row-level tables. */
  rendered?: () => Promise<unknown> | undefined;
}): Promise<Figure[]> {
  const { docs, config, opts, manifest, emit } = ctx;
  const registry = loadRegistry(config.inputs.speakers, 'speakers.yaml');
  // The sides in speakers.yaml's order, with their colours, for every figure and the report.
  const sides = registry.sides ?? NO_SIDES;
  const tables = await runAnalyses({
    transcripts: docs.map((d) => countedSpeech(d.transcript, opts.speech ?? 'all')),
    annotated: [],
    parts: partsOf(docs),
    // The folds made as the documents arrived (their parts were not kept).
    folded: (id) => ctx.csv.folded(id),
    dictionary: config.dictionary,
    stopwords: config.stopwords,
    kwicTerms: opts.kwicTerms,
    sentiment: { targets: config.sentiment.targets },
    rowLevel: false,
    keepPresentNames: opts.keepPresentNames ?? false,
    collocateTerms: opts.collocateTerms ?? [],
    honorifics: registry.honorifics,
    comparisons: ctx.comparisons,
  });
  // terms.csv and the matrix are written from the term counts below.
  const units = termUnits(partsOf(docs));
  // The merged tables hold what the report needs; the parts kept until the merges can go.
  ctx.csv.dropParts();
  ctx.lap('analyses');

  const stance = readStance();
  const figures = buildFigures(tables, {
    sides,
    headline: headlineKeys(config.dictionary),
    sentimentOverrides: config.sentiment.overrides,
    sentimentTargets: config.sentiment.targets,
    keynessKeepsPresentNames: opts.keepPresentNames ?? false,
    comparisons: ctx.comparisons,
    stance,
  });
  ctx.startRendering(figures);
  ctx.lap('figures');

  emit('README.md', REPORTS_README);
  emit('manifest.json', stableJson(manifest));
  emit(
    'speakers.suggested.yaml',
    suggestedSpeakers(
      docs.map((d) => d.transcript),
      loadDefaultSide(config.files['corpus.yaml'] ?? ''),
    ),
  );
  emit(
    'diagnostics.csv',
    toCsv(ctx.diagnostics.map(diagnosticRow), ['file', 'line', 'severity', 'rule', 'message']),
  );
  const streamed = new Map<string, () => Iterable<Uint8Array>>(
    Object.entries(CSV_COLUMNS).map(([t, columns]) => [t, () => ctx.csv.csv(t, columns)]),
  );
  streamed.set('terms', () => termsCsv(units, COLUMNS['terms'] ?? []));
  // The document–term matrix's cells, from the same counts: dtm.csv and the Matrix Market
  // file dtm.mtx (R: Matrix::readMM, Python: scipy.io.mmread), written as they are made.
  const matrix = {
    rows: tables.dtmRows,
    terms: tables.dtmTerms,
    cells: tables.dtmTerms.reduce((n, t) => n + t.rows, 0),
  };
  streamed.set('dtm', () => dtmCsv(units, matrix));
  emit('data/dtm.mtx', matrixMarket(units, matrix));
  const write = (which: (name: string) => boolean) =>
    writeDataFiles(tables, (name, content) => emit(`data/${name}`, content), streamed, which);
  write((name) => streamed.has(name));
  ctx.lap('row-tables');
  if (ctx.rendered) {
    await ctx.rendered();
    ctx.lap('render');
  }
  write((name) => !streamed.has(name));
  emit('data/README.md', codebook());
  // The report's evidence: every record's speech, with the reading layout
  // of each record the page does not inline.
  const { speechFiles, speechDocs } = writeEvidenceFiles(emit, ctx.csv.speechFiles());
  const methods = [
    methodsParagraph({
      tables,
      manifest,
      sides,
      sentimentMethods: sentimentMethods(
        readAgreement(),
        undefined,
        config.sentiment.overrides,
        stance,
      ),
    }),
    ...analysisMethods(tables),
  ].join(' ');
  emit(
    'index.html',
    buildReport({
      tables,
      transcripts: docs.filter((d) => d.full).map((d) => d.transcript),
      figures: figures.map((f) => ({ ...f, svg: '' })),
      diagnostics: ctx.diagnostics,
      manifest,
      methods,
      sides,
      evidence: {
        speechFiles,
        speechDocs,
        targets: config.sentiment.targets.map((t) => t.key),
        periods: ctx.comparisons.periods
          ? [ctx.comparisons.periods.target, ctx.comparisons.periods.reference]
          : [],
      },
      findings: buildFindings({ tables, comparisons: ctx.comparisons, stance }),
    }),
  );
  return figures;
}
