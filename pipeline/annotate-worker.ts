/**
 * Worker thread: one document processor (one wink instance) serving documents
 * until sent null; it writes each result to the cache when given a key.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeCache } from './annotate-stage.js';
import { buildDocumentProcessor, type DocumentSettings } from './annotator.js';
import type { MetadataOverride } from './describe.js';
import type { RawDocument } from './types.js';

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
    const doc = processDocument(m.raw, m.override);
    if (m.cache) writeCache(m.cache.dir, m.cache.key, doc);
    port.postMessage({ i: m.i, doc });
  },
);
port.postMessage({ i: -1, ready: true });
