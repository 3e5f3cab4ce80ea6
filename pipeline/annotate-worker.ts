/** Worker thread: one annotator (one wink instance) serving documents until sent null. */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnnotateInputs } from './annotate-stage.js';
import { buildAnnotator } from './annotator.js';
import type { Transcript } from './types.js';

const annotator = buildAnnotator(workerData as AnnotateInputs);
const port = parentPort!;
port.on('message', (m: { i: number; transcript: Transcript } | null) => {
  if (m === null) {
    port.close();
    return;
  }
  port.postMessage({ i: m.i, doc: annotator.annotate(m.transcript) });
});
port.postMessage({ i: -1, ready: true });
