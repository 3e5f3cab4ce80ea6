/**
 * The annotate stage: Transcript[] → AnnotatedDocument[], the only costly
 * per-document step (wink-nlp). Three things make it scale:
 * - a cache keyed by the transcript's content, the annotation configuration
 *   and the code version, so a re-run re-annotates only changed files (the
 *   cache folder is safe to delete at any time);
 * - worker threads (one wink instance each) when there is enough work to
 *   repay their start-up;
 * - only plain AnnotatedDocument values leave a worker: no wink document
 *   outlives its turn.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnnotatedDocument } from '../analyses/types.js';
import type { Transcript } from './types.js';

/** The configuration texts an annotator is built from (also what workers receive). */
export interface AnnotateInputs {
  speakers: string;
  dictionary: string;
  stopwords: string;
  sentiment: string;
}

export interface AnnotateOptions {
  inputs: AnnotateInputs;
  /** Cache folder, or null for no cache. */
  cacheDir: string | null;
  /** Worker threads: 0 = annotate in this thread; undefined = decide by amount of work. */
  workers?: number;
  onDone?: (done: number, total: number) => void;
}

export interface AnnotateResult {
  documents: AnnotatedDocument[];
  /** Documents annotated in this run (cache misses). */
  annotated: number;
  workers: number;
}

/** Below this many uncached documents, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 24;

/** What the annotator reads of a transcript (keeps worker messages small). */
export function annotationInput(t: Transcript): Transcript {
  return { ...t, original: '', text: '', segments: [] };
}

export async function annotateAll(
  transcripts: readonly Transcript[],
  opts: AnnotateOptions,
): Promise<AnnotateResult> {
  const salt = cacheSalt(opts.inputs);
  const keys = transcripts.map((t) => cacheKey(t, salt));
  const results: Array<AnnotatedDocument | undefined> = keys.map((k) =>
    opts.cacheDir ? readCache(opts.cacheDir, k) : undefined,
  );
  const todo = transcripts.map((_, i) => i).filter((i) => results[i] === undefined);
  let done = transcripts.length - todo.length;
  opts.onDone?.(done, transcripts.length);
  const want =
    opts.workers ?? (todo.length >= WORKER_THRESHOLD ? Math.min(availableParallelism(), 4) : 0);
  const workers = Math.min(want, todo.length);
  const finish = (i: number, doc: AnnotatedDocument) => {
    results[i] = doc;
    if (opts.cacheDir) writeCache(opts.cacheDir, keys[i]!, doc);
    opts.onDone?.(++done, transcripts.length);
  };
  if (workers <= 1) {
    const { buildAnnotator } = await import('./annotator.js');
    const annotator = buildAnnotator(opts.inputs);
    for (const i of todo) finish(i, annotator.annotate(transcripts[i]!));
  } else {
    await runInWorkers(workers, todo, (i) => annotationInput(transcripts[i]!), opts.inputs, finish);
  }
  return { documents: results as AnnotatedDocument[], annotated: todo.length, workers };
}

function runInWorkers(
  n: number,
  todo: number[],
  input: (i: number) => Transcript,
  inputs: AnnotateInputs,
  finish: (i: number, doc: AnnotatedDocument) => void,
): Promise<void> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'annotate-worker.js');
  let next = 0;
  return new Promise((resolve, reject) => {
    let live = n;
    let failed = false;
    for (let w = 0; w < n; w++) {
      const worker = new Worker(script, { workerData: inputs });
      const feed = () => {
        if (next < todo.length) {
          const i = todo[next++]!;
          worker.postMessage({ i, transcript: input(i) });
        } else {
          worker.postMessage(null);
        }
      };
      worker.on('message', (m: { i: number; doc?: AnnotatedDocument; ready?: boolean }) => {
        if (m.doc) finish(m.i, m.doc);
        feed();
      });
      worker.on('error', (e) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      });
      worker.on('exit', () => {
        if (--live === 0 && !failed) resolve();
      });
    }
  });
}

/**
 * Everything besides the transcript that changes annotations: the
 * configuration texts and the compiled code of the annotator and scorer.
 */
function cacheSalt(inputs: AnnotateInputs): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(inputs));
  const here = dirname(fileURLToPath(import.meta.url));
  const analyses = join(here, '..', 'analyses');
  for (const dir of [analyses, join(analyses, 'sentiment')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort())
      if (/\.(js|ts)$/.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  }
  for (const f of ['annotator.js', 'annotator.ts', 'words.js', 'words.ts']) {
    const p = join(here, f);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}

function cacheKey(t: Transcript, salt: string): string {
  const h = createHash('sha256').update(salt);
  h.update(JSON.stringify([t.docId, t.sourceFile, t.sha256, t.metadata.date, t.turns]));
  return h.digest('hex');
}

function readCache(dir: string, key: string): AnnotatedDocument | undefined {
  const path = join(dir, key.slice(0, 2), `${key}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AnnotatedDocument;
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, key: string, doc: AnnotatedDocument): void {
  try {
    const sub = join(dir, key.slice(0, 2));
    mkdirSync(sub, { recursive: true });
    const tmp = join(sub, `${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(doc));
    renameSync(tmp, join(sub, `${key}.json`));
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the run.
  }
}
