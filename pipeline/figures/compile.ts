/**
 * Vega-Lite → Vega compilation, apart from the renderers so that the report
 * (which ships compiled Vega specs) does not load resvg, pdfkit or vega.
 */
import type * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure } from './types.js';

/** Compiles a figure's Vega-Lite spec to a Vega spec (also used by the report). */
export function toVega(fig: Pick<Figure, 'spec'>): vega.Spec {
  // A copy: a vega View tags every data object it ingests, and the figure's
  // rows must stay untouched (they are also its CSV and may be shared).
  const copy = JSON.parse(JSON.stringify(fig.spec)) as TopLevelSpec;
  return JSON.parse(JSON.stringify(compile(copy).spec)) as vega.Spec;
}
