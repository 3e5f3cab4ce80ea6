/**
 * The per-document stage: RawDocument[] → ProcessedDocument[] (normalize →
 * describe → segment → annotate → the per-document part of the analyses,
 * ../document-processor.ts; its result: ../processed-document.ts). wink-nlp makes it the costly step. Three things
 * make it scale:
 * - a cache keyed by the raw bytes' sha256, the document's name and
 *   metadata overrides, the configuration and the code version, so a re-run
 *   redoes only changed files (the cache folder is safe to delete at any time);
 * - worker threads (one wink instance each) when there is enough work to
 *   repay their start-up; small corpora stay in this thread;
 * - only plain, compact results leave a worker: the transcript and the
 *   per-document tables and counts (no wink document, no token lists); the
 *   parts of an analysis whose fold can be saved and combined (n-grams) do
 *   not leave it at all: the worker folds them itself and sends its fold
 *   once, when it is done (../document-processor.ts WorkerFolds).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { needsConversion } from '../convert/index.js';
import { stableJson } from '../csv.js';
import type { MetadataOverride } from '../describe.js';
import { DocumentFailure } from '../errors.js';
import {
  type DocumentSettings,
  type ProcessedDocument,
  withOutputs,
} from '../processed-document.js';
import type { Diagnostic, RawDocument, Transcript } from '../types.js';
import { readCacheEntry, writeCacheEntry } from './cache-files.js';

export interface ProcessOptions {
  settings: DocumentSettings;
  /** Metadata overrides by source file name (corpus.yaml). */
  overrides: ReadonlyMap<string, MetadataOverride>;
  /** Cache folder, or null for no cache. */
  cacheDir: string | null;
  /** Worker threads: 0 = this thread; undefined = decide by amount of work. */
  workers?: number;
  onDone?: (done: number, total: number) => void;
  /**
   * Where the documents go to worker threads, each worker's folds of the
   * parts it made (../document-processor.ts WorkerFolds.saved: analysis id → saved accumulator),
   * given once per worker before processDocuments resolves; the documents
   * handed to `onDocument` then come without those parts. Without it,
   * workers send every part.
   */
  onFolds?: (saved: Readonly<Record<string, unknown>>) => void;
}

/** What a worker thread is started with. */
export interface WorkerSetup {
  settings: DocumentSettings;
  /** Fold the combinable analyses' parts in the worker (../document-processor.ts WorkerFolds) rather than send them. */
  fold: boolean;
}

export interface ProcessResult {
  /** Documents processed (annotated) in this run: cache misses. */
  annotated: number;
  workers: number;
  /**
   * One error diagnostic per document whose processing failed unexpectedly
   * (naming the file, the stage and the error); those documents were skipped.
   */
  failed: Diagnostic[];
  /** Cache entries found damaged (each a miss: that document was processed again). */
  notes: string[];
}

/** What a failed document reports (plain data: it crosses from a worker). */
interface Failure {
  stage: string;
  detail: string;
}

function failureOf(e: unknown): Failure {
  if (e instanceof DocumentFailure) return { stage: e.stage, detail: e.detail };
  return { stage: 'process', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

function failureDiagnostic(raw: RawDocument, f: Failure): Diagnostic {
  return {
    file: `raw/${raw.sourceFile}`,
    rule: 'process/document-failed',
    severity: 'error',
    message: `unexpected error in the ${f.stage} stage (${f.detail}); document skipped, the others analysed`,
  };
}

/** Documents sent ahead to each worker (the rest wait here, so the work stays balanced). */
const IN_FLIGHT = 2;

/** Below this many uncached documents, starting workers costs more than it saves. */
export const WORKER_THRESHOLD = 24;

/**
 * Processes every document and hands each result to `onDocument` as soon as
 * it is ready (cache hits first, then in the order workers finish), with its
 * index in `raws`; nothing is kept here, so the caller decides what of each
 * document stays in memory.
 */
export async function processDocuments(
  raws: readonly RawDocument[],
  opts: ProcessOptions,
  onDocument: (i: number, doc: ProcessedDocument) => void,
): Promise<ProcessResult> {
  const salt = opts.cacheDir ? cacheSalt(opts.settings) : '';
  const keys = raws.map((r) => (opts.cacheDir ? cacheKey(r, opts.overrides, salt) : ''));
  const todo: number[] = [];
  const notes: string[] = [];
  let done = 0;
  raws.forEach((_, i) => {
    const hit = opts.cacheDir ? readCache(opts.cacheDir, keys[i]!, raws[i]!, notes) : undefined;
    if (hit) {
      // The decoded text is not stored (the key covers its bytes): it is the raw document's.
      hit.transcript.original = raws[i]!.original;
      onDocument(i, withOutputs(hit, opts.settings));
      done++;
    } else todo.push(i);
  });
  opts.onDone?.(done, raws.length);
  const want =
    opts.workers ?? (todo.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 0);
  const workers = Math.min(want, todo.length);
  // Workers write their results to the cache themselves (serializing is not free).
  const failed: Diagnostic[] = [];
  const finish = (i: number, result: ProcessedDocument | Failure, cached: boolean) => {
    if ('stage' in result) failed.push(failureDiagnostic(raws[i]!, result));
    else {
      if (opts.cacheDir && !cached) writeCache(opts.cacheDir, keys[i]!, result);
      onDocument(i, result);
    }
    opts.onDone?.(++done, raws.length);
  };
  if (workers <= 1) {
    const { buildDocumentProcessor } = await import('../document-processor.js');
    const processDocument = buildDocumentProcessor(opts.settings);
    for (const i of todo) {
      const raw = raws[i]!;
      let result: ProcessedDocument | Failure;
      try {
        result = processDocument(raw, opts.overrides.get(raw.sourceFile));
      } catch (e) {
        result = failureOf(e);
      }
      finish(i, result, false);
    }
  } else {
    await runInWorkers(workers, todo, raws, keys, opts, finish);
  }
  // Failures are reported in corpus order, whichever worker met them first.
  failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { annotated: todo.length, workers, failed, notes };
}

function runInWorkers(
  n: number,
  todo: number[],
  raws: readonly RawDocument[],
  keys: readonly string[],
  opts: ProcessOptions,
  finish: (i: number, result: ProcessedDocument | Failure, cached: boolean) => void,
): Promise<void> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'document-worker.js');
  let next = 0;
  return new Promise((resolve, reject) => {
    let live = n;
    let failed = false;
    for (let w = 0; w < n; w++) {
      const setup: WorkerSetup = { settings: opts.settings, fold: opts.onFolds !== undefined };
      const worker = new Worker(script, { workerData: setup });
      let folded = false;
      const feed = () => {
        if (next < todo.length) {
          const i = todo[next++]!;
          const raw = raws[i]!;
          const cache = opts.cacheDir ? { dir: opts.cacheDir, key: keys[i]! } : null;
          worker.postMessage({ i, raw, override: opts.overrides.get(raw.sourceFile), cache });
        } else {
          worker.postMessage(null);
        }
      };
      worker.on(
        'message',
        (m: {
          i: number;
          doc?: ProcessedDocument;
          failure?: Failure;
          ready?: boolean;
          folds?: Record<string, unknown>;
        }) => {
          if (m.folds) {
            // The worker's last message.
            folded = true;
            opts.onFolds?.(m.folds);
            return;
          }
          if (m.doc) finish(m.i, m.doc, true);
          else if (m.failure) finish(m.i, m.failure, true);
          // A ready worker gets IN_FLIGHT documents, then one more per result: while this
          // thread takes in a result, the worker is already on its next document.
          if (m.ready) for (let k = 1; k < IN_FLIGHT; k++) feed();
          feed();
        },
      );
      worker.on('error', (e) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      });
      worker.on('exit', () => {
        // A worker's messages are all delivered before its 'exit'.
        if (setup.fold && !folded && !failed) {
          failed = true;
          reject(new Error('a document worker ended without sending its folds'));
        }
        if (--live === 0 && !failed) resolve();
      });
    }
  });
}

/**
 * Everything besides the document that changes its results: the
 * configuration texts, the KWIC terms and the compiled code of the
 * per-document stages (pipeline/*) and of the analyses.
 */
function cacheSalt(settings: DocumentSettings): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(settings)).update(process.version);
  const pipeline = join(dirname(fileURLToPath(import.meta.url)), '..');
  const analyses = join(pipeline, '..', 'analyses');
  const dirs = [pipeline, join(pipeline, 'run'), join(pipeline, 'convert')];
  for (const dir of [...dirs, analyses, join(analyses, 'sentiment')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort())
      if (/\.(js|ts)$/.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

function cacheKey(
  raw: RawDocument,
  overrides: ReadonlyMap<string, MetadataOverride>,
  salt: string,
): string {
  const h = createHash('sha256').update(salt);
  const override = overrides.get(raw.sourceFile) ?? null;
  h.update(JSON.stringify([raw.docId, raw.sourceFile, raw.sha256, raw.encoding, override]));
  // Names linked from other records change the reading (absent: the key as before).
  if (raw.corpusLinks) h.update(stableJson(raw.corpusLinks, 0));
  // A converted file's text depends on the converter and its parser's version, not only on its bytes.
  if (needsConversion(raw.sourceFormat)) h.update(raw.sourceFormat).update(raw.original);
  return h.digest('hex');
}

/**
 * Cache entries are the transcript (without its decoded text, which the raw
 * document on hand already is), its token count and the analyses' parts, v8-serialized (Maps
 * survive, and it is faster than JSON); the output files made from them are
 * not kept. An entry that is damaged or not of the expected shape is a miss
 * (the document is processed again) and is told in `notes`.
 */
function readCache(
  dir: string,
  key: string,
  raw: RawDocument,
  notes: string[],
): Pick<ProcessedDocument, 'transcript' | 'tokens' | 'parts'> | undefined {
  const r = readCacheEntry(dir, key, isCachedDocument);
  if ('value' in r) return r.value as Pick<ProcessedDocument, 'transcript' | 'tokens' | 'parts'>;
  if ('damaged' in r)
    notes.push(
      `raw/${raw.sourceFile}: cache entry ${key.slice(0, 12)}… ${r.damaged}; processed again`,
    );
  return undefined;
}

const isArray = Array.isArray;

/** The shape of a cache entry, checked field by field where the stages after it read. */
function isCachedDocument(v: unknown): boolean {
  const e = v as {
    transcript?: Partial<Transcript>;
    tokens?: unknown;
    parts?: unknown;
  } | null;
  const t = e?.transcript;
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof t.docId === 'string' &&
    typeof t.sourceFile === 'string' &&
    typeof t.metadata === 'object' &&
    isArray(t.segments) &&
    isArray(t.speakers) &&
    isArray(t.diagnostics) &&
    isArray(t.turns) &&
    t.turns.every((u) => typeof u?.text === 'string' && typeof u.speaker === 'string') &&
    typeof e?.tokens === 'number' &&
    typeof e.parts === 'object' &&
    e.parts !== null
  );
}

/** What a worker sends back for one document: its result, or why it failed. */
export function processInWorker(
  process: () => ProcessedDocument,
): { doc: ProcessedDocument } | { failure: Failure } {
  try {
    return { doc: process() };
  } catch (e) {
    return { failure: failureOf(e) };
  }
}

export function writeCache(dir: string, key: string, doc: ProcessedDocument): void {
  writeCacheEntry(dir, key, {
    transcript: { ...doc.transcript, original: '' },
    tokens: doc.tokens,
    parts: doc.parts,
  });
}
