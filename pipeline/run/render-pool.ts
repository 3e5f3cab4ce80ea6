/**
 * Renders figures (SVG, PNG, PDF) in worker threads, one figure at a time per
 * worker, biggest first. Rendering is a pure function of the figure (see
 * figures/render.ts: ids renumbered, fonts from files, fixed PDF dates), so
 * which worker draws a figure, and what it drew before, does not change a
 * byte of the result.
 *
 * A pool can be started before its figures exist (RenderPool.start with
 * `warm`): each worker then loads vega, resvg and pdfkit and draws a small
 * throw-away chart, which compiles their hot paths, while the main thread is
 * still reading and annotating. On a small corpus that is most of what a
 * cold renderer costs beyond the drawing itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Figure, Rendered } from '../figures/types.js';

export interface RenderOptions {
  /** Worker threads; 0 renders in this thread. Default: the available cores (at most 4). */
  workers?: number;
  onDone?: (done: number, total: number) => void;
}

/** The compiled worker next to this module; from the TypeScript sources (tests), the build's. */
function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const local = join(here, 'render-worker.js');
  return existsSync(local)
    ? local
    : join(here, '..', '..', '.build', 'pipeline', 'run', 'render-worker.js');
}

/** The default number of render workers: the available cores, at most 4. */
export function defaultRenderWorkers(): number {
  return Math.min(availableParallelism(), 4);
}

interface Reply {
  i: number;
  rendered?: Rendered;
  error?: string;
}

/** Render worker threads, started ahead of use; one render() per pool. */
export class RenderPool {
  private readonly workers: Worker[];
  private used = false;
  private closed = false;
  /** An error a worker raised before render() was called. */
  private early: unknown;

  private constructor(n: number, warm: boolean) {
    const script = workerScript();
    this.workers = Array.from({ length: n }, () => {
      const w = new Worker(script, { workerData: { warm } });
      // Until render() is called, an idle pool must not keep the process alive
      // (a run that fails before its figures exist still exits).
      w.unref();
      w.on('error', (e) => {
        this.early ??= e;
      });
      return w;
    });
  }

  /** Starts `n` workers (n ≥ 1); with `warm`, each draws a throw-away chart first. */
  static start(n: number, opts: { warm?: boolean } = {}): RenderPool {
    return new RenderPool(Math.max(1, n), opts.warm ?? false);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Renders the figures (results in the figures' order) and closes the pool. */
  render(
    figures: readonly Figure[],
    onDone?: (done: number, total: number) => void,
  ): Promise<Rendered[]> {
    if (this.used || this.closed) throw new Error('a render pool renders once');
    this.used = true;
    if (this.early !== undefined) {
      this.close();
      return Promise.reject(asError(this.early));
    }
    const out: Array<Rendered | undefined> = figures.map(() => undefined);
    // Biggest first, so the last figure to finish is a small one.
    const size = (f: Figure) => f.data.length;
    const queue = figures
      .map((_, i) => i)
      .sort((a, b) => size(figures[b]!) - size(figures[a]!) || a - b);
    let next = 0;
    let done = 0;
    return new Promise<Rendered[]>((resolve, reject) => {
      let live = this.workers.length;
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        this.close();
        reject(asError(e));
      };
      for (const worker of this.workers) {
        worker.ref();
        const feed = () => {
          if (failed) return;
          if (next < queue.length) {
            const i = queue[next++]!;
            worker.postMessage({ i, figure: { spec: figures[i]!.spec, title: figures[i]!.title } });
          } else worker.postMessage(null);
        };
        worker.on('message', (m: Reply) => {
          if (m.error !== undefined) {
            fail(new Error(`rendering figure ${figures[m.i]?.id}: ${m.error}`));
            return;
          }
          out[m.i] = m.rendered!;
          onDone?.(++done, figures.length);
          feed();
        });
        worker.on('error', fail);
        worker.on('exit', () => {
          if (--live > 0 || failed) return;
          this.closed = true;
          const missing = out.indexOf(undefined);
          if (missing >= 0)
            reject(new Error(`rendering figure ${figures[missing]!.id}: no result`));
          else resolve(out as Rendered[]);
        });
        feed();
      }
    });
  }

  /** Stops the workers (also when render() was never called). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.workers) void w.terminate();
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

export async function renderFigures(
  figures: readonly Figure[],
  opts: RenderOptions = {},
): Promise<Rendered[]> {
  const n = Math.min(opts.workers ?? defaultRenderWorkers(), figures.length);
  if (n <= 0) {
    const { renderFigure } = await import('../figures/render.js');
    const out: Rendered[] = [];
    for (const f of figures) {
      out.push(await renderFigure(f));
      opts.onDone?.(out.length, figures.length);
    }
    return out;
  }
  return RenderPool.start(n).render(figures, opts.onDone);
}
