/**
 * Worker thread: one document processor (one wink instance) serving documents
 * until sent null; it writes each result to the cache when given a key,
 * and folds the parts it folds itself (WorkerFolds), sending the folds last.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MetadataOverride } from '../describe.js';
import { buildDocumentProcessor, WorkerFolds } from '../document-processor.js';
import type { RawDocument } from '../types.js';
import { processInWorker, type WorkerSetup, writeCache } from './documents.js';

const setup = workerData as WorkerSetup;
const processDocument = buildDocumentProcessor(setup.settings);
const folds = setup.fold ? new WorkerFolds() : undefined;
const port = parentPort!;
port.on(
  'message',
  (
    m: {
      i: number;
      raw: RawDocument;
      override: MetadataOverride | undefined;
      cache: { dir: string; key: string } | null;
    } | null,
  ) => {
    if (m === null) {
      if (folds) port.postMessage({ i: -1, folds: folds.saved() });
      port.close();
      return;
    }
    const result = processInWorker(() => processDocument(m.raw, m.override));
    // The cache keeps every part; those folded here are then not sent.
    if (m.cache && 'doc' in result) writeCache(m.cache.dir, m.cache.key, result.doc);
    if (folds && 'doc' in result) folds.take(result.doc.parts);
    port.postMessage({ i: m.i, ...result });
  },
);
port.postMessage({ i: -1, ready: true });
