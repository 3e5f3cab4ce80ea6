/**
 * Worker thread of the render pool: renders the figures it is sent until sent
 * null. Started with `warm`, it first draws a small throw-away chart in the
 * project's theme (title, axes, legend, a minus sign, bold text), so the
 * first real figure finds vega, resvg, pdfkit and the fonts loaded and their
 * hot code compiled. Nothing of that chart is kept or sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderFigure } from '../figures/render.js';
import { sideScale, themeConfig } from '../figures/theme.js';
import type { Figure } from '../figures/types.js';

/** Two made-up sides: the warm-up names no corpus's. */
const WARM_SIDES = ['First side', 'Second side'];

const WARM_UP: Pick<Figure, 'spec' | 'title'> = {
  title: 'warm-up',
  spec: {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Warm-up', subtitle: 'not an output' },
    width: 160,
    height: 80,
    config: themeConfig(),
    data: {
      values: [
        { side: 'First side', year: '1959', value: 0.25 },
        { side: 'Second side', year: '1959', value: -0.5 },
        { side: 'First side', year: '1966', value: -0.125 },
        { side: 'Second side', year: '1966', value: 0.75 },
      ],
    },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'year', type: 'nominal', title: 'Year' },
      xOffset: { field: 'side' },
      y: { field: 'value', type: 'quantitative', title: 'Mean tone (−1 to 1)' },
      color: {
        field: 'side',
        type: 'nominal',
        scale: sideScale(WARM_SIDES, { declared: WARM_SIDES }),
      },
    },
  },
};

const warm = (workerData as { warm?: boolean } | undefined)?.warm === true;
const warming: Promise<unknown> = warm
  ? renderFigure(WARM_UP as Figure).catch(() => undefined)
  : Promise.resolve();

const port = parentPort!;
port.on('message', (m: { i: number; figure: Pick<Figure, 'spec' | 'title'> } | null) => {
  if (m === null) {
    port.close();
    return;
  }
  warming
    .then(() => renderFigure(m.figure as Figure))
    .then(
      (r) =>
        port.postMessage({ i: m.i, rendered: r }, [
          r.png.buffer as ArrayBuffer,
          r.pdf.buffer as ArrayBuffer,
        ]),
      (e: unknown) => port.postMessage({ i: m.i, error: e instanceof Error ? e.stack : String(e) }),
    );
});
