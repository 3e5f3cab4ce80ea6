/** Worker thread of the render pool: renders the figures it is sent until sent null. */
import { parentPort } from 'node:worker_threads';
import { renderFigure } from './figures/render.js';
import type { Figure } from './figures/types.js';

const port = parentPort!;
port.on('message', (m: { i: number; figure: Pick<Figure, 'spec' | 'title'> } | null) => {
  if (m === null) {
    port.close();
    return;
  }
  renderFigure(m.figure as Figure).then(
    (r) =>
      port.postMessage({ i: m.i, rendered: r }, [
        r.png.buffer as ArrayBuffer,
        r.pdf.buffer as ArrayBuffer,
      ]),
    (e: unknown) => port.postMessage({ i: m.i, error: e instanceof Error ? e.stack : String(e) }),
  );
});
