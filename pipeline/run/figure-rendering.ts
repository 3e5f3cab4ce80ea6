/**
 * When and where a run's figures are drawn: the render pool (started early
 * and warmed for a small corpus), the render cache (a figure whose spec did
 * not change since a run with the same cache is not drawn again) and how
 * many render workers a corpus of its size gets. The composition root only
 * starts the rendering and waits for it; it never names a worker.
 */
import type { Figure, Rendered } from '../figures/types.js';
import { RenderCache, renderThroughCache } from './render-cache.js';
import { defaultRenderWorkers, RenderPool, renderFigures } from './render-pool.js';

/** Up to this many documents, figures render while the tables and the report are written. */
export const OVERLAP_RENDERING_MAX_DOCS = 500;
/** Above this many documents, figures render on one worker (memory). */
const RENDER_ONE_WORKER_ABOVE = 2000;

/**
 * Figure-rendering workers for a corpus of `docs` documents: as asked, else
 * every core (at most 4) up to OVERLAP_RENDERING_MAX_DOCS, two up to
 * RENDER_ONE_WORKER_ABOVE and one above. Each renderer is a few hundred MB:
 * peak RSS at 4,000 documents was 1.60 GB rendering on two workers after the
 * report and 1.34 GB on one; at 1,000 documents two workers shortened the
 * tail from 6.3–7.2 s to 6.1–6.7 s in single runs, for 70 MB more.
 */
export function renderWorkersFor(docs: number, asked: number | undefined): number {
  if (asked !== undefined) return asked;
  if (docs <= OVERLAP_RENDERING_MAX_DOCS) return defaultRenderWorkers();
  return docs > RENDER_ONE_WORKER_ABOVE ? 1 : 2;
}

export interface FigureRenderingOptions {
  /** Documents in the corpus (before any is read). */
  docs: number;
  /** The documents are annotated on this thread (a small corpus, or no workers). */
  annotatedHere: boolean;
  /** Render workers asked for (--render-workers); default: by corpus size. */
  renderWorkers?: number;
  cacheDir: string | null;
  onDone?: (done: number, total: number) => void;
}

export class FigureRendering {
  /** Figures drawn in this run (the others came from the render cache). */
  drawn = 0;
  private pool: RenderPool | undefined;
  private rendering: Promise<Rendered[]> | undefined;
  private readonly cache: RenderCache;

  constructor(private readonly o: FigureRenderingOptions) {
    this.cache = new RenderCache(o.cacheDir);
    // A small corpus is annotated on this thread, which leaves the other cores
    // idle until the figures exist: the renderers start now and warm up there.
    const early = renderWorkersFor(o.docs, o.renderWorkers);
    if (o.annotatedHere && early > 0 && o.docs <= OVERLAP_RENDERING_MAX_DOCS)
      this.pool = RenderPool.start(early, { warm: true });
  }

  /**
   * Starts drawing `figures` for a corpus of `docs` documents. A small
   * corpus's figures render on every core while this thread writes the
   * tables and the report; a large one's (overlapsReport false) while this
   * thread copies the row-level tables from the spool, which leaves little
   * garbage: the report and the other tables, which leave much, wait (done).
   */
  start(figures: Figure[], docs: number): void {
    this.rendering = this.render(figures, renderWorkersFor(docs, this.o.renderWorkers));
  }

  /** Whether the report is written while the figures render (else after). */
  overlapsReport(docs: number): boolean {
    return docs <= OVERLAP_RENDERING_MAX_DOCS;
  }

  /** The started rendering, or undefined before start. */
  started(): Promise<Rendered[]> | undefined {
    return this.rendering;
  }

  /** The drawings of `figures`: the started rendering's, else drawn now. */
  done(figures: Figure[]): Promise<Rendered[]> {
    return this.rendering ?? this.render(figures, this.o.renderWorkers);
  }

  /** Damaged render-cache entries met (each drawn again). */
  get damaged(): readonly string[] {
    return this.cache.damaged;
  }

  /** Stops renderers started early and not used (a run that failed before its figures). */
  close(): void {
    this.pool?.close();
    this.pool = undefined;
  }

  private render(figures: Figure[], workers: number | undefined): Promise<Rendered[]> {
    const onDone = this.o.onDone;
    const started = this.pool;
    this.pool = undefined;
    const p = renderThroughCache(figures, this.cache, (misses) => {
      this.drawn = misses.length;
      return started
        ? started.render(misses, onDone)
        : renderFigures(misses, { ...(workers === undefined ? {} : { workers }), onDone });
    }).then(
      (r) => {
        // Everything came from the cache: the early renderers were not needed.
        started?.close();
        return r.rendered;
      },
      (e: unknown) => {
        started?.close();
        throw e;
      },
    );
    // A failure elsewhere must not leave an unhandled rejection behind.
    p.catch(() => {});
    return p;
  }
}
