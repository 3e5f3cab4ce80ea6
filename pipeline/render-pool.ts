/**
 * Renders figures (SVG, PNG, PDF) in worker threads, one figure at a time per
 * worker, biggest first. Rendering is a pure function of the figure (see
 * figures/render.ts: ids renumbered, fonts from files, fixed PDF dates), so
 * which worker draws a figure does not change a byte of the result.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Figure, Rendered } from './figures/types.js';

export interface RenderOptions {
  /** Worker threads; 0 renders in this thread. Default: the available cores (at most 4). */
  workers?: number;
  onDone?: (done: number, total: number) => void;
}

/** The compiled worker next to this module; from the TypeScript sources (tests), the build's. */
function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const local = join(here, 'render-worker.js');
  return existsSync(local) ? local : join(here, '..', '.build', 'pipeline', 'render-worker.js');
}

export async function renderFigures(
  figures: readonly Figure[],
  opts: RenderOptions = {},
): Promise<Rendered[]> {
  const want = opts.workers ?? Math.min(availableParallelism(), 4);
  const n = Math.min(want, figures.length);
  const out: Array<Rendered | undefined> = figures.map(() => undefined);
  let done = 0;
  if (n <= 0) {
    const { renderFigure } = await import('./figures/render.js');
    for (const [i, f] of figures.entries()) {
      out[i] = await renderFigure(f);
      opts.onDone?.(++done, figures.length);
    }
    return out as Rendered[];
  }
  // Biggest first, so the last figure to finish is a small one.
  const size = (f: Figure) => f.data.length;
  const queue = figures
    .map((_, i) => i)
    .sort((a, b) => size(figures[b]!) - size(figures[a]!) || a - b);
  const script = workerScript();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let live = n;
    let failed = false;
    const fail = (e: unknown, workers: Worker[]) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const workers: Worker[] = [];
    for (let w = 0; w < n; w++) {
      const worker = new Worker(script);
      workers.push(worker);
      const feed = () => {
        if (failed) return;
        if (next < queue.length) {
          const i = queue[next++]!;
          worker.postMessage({ i, figure: { spec: figures[i]!.spec, title: figures[i]!.title } });
        } else worker.postMessage(null);
      };
      worker.on('message', (m: { i: number; rendered?: Rendered; error?: string }) => {
        if (m.error !== undefined) {
          fail(new Error(`rendering figure ${figures[m.i]?.id}: ${m.error}`), workers);
          return;
        }
        out[m.i] = m.rendered!;
        opts.onDone?.(++done, figures.length);
        feed();
      });
      worker.on('error', (e) => fail(e, workers));
      worker.on('exit', () => {
        if (--live === 0 && !failed) resolve();
      });
      feed();
    }
  });
  const missing = out.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`rendering figure ${figures[missing]!.id}: no result`);
  return out as Rendered[];
}
