/**
 * Worker thread: one document processor (one wink instance) serving documents
 * until sent null; it writes each result to the cache when given a key.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MetadataOverride } from '../describe.js';
import { buildDocumentProcessor } from '../document-processor.js';
import type { DocumentSettings } from '../processed-document.js';
import type { RawDocument } from '../types.js';
import { processInWorker, writeCache } from './documents.js';

const processDocument = buildDocumentProcessor(workerData as DocumentSettings);
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
      port.close();
      return;
    }
    const result = processInWorker(() => processDocument(m.raw, m.override));
    if (m.cache && 'doc' in result) writeCache(m.cache.dir, m.cache.key, result.doc);
    port.postMessage({ i: m.i, ...result });
  },
);
port.postMessage({ i: -1, ready: true });
