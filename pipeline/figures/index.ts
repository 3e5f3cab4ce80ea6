/**
 * Figures: analysis tables → Vega-Lite specs (pure, each analysis's own
 * figures over ./kit.ts; analyses/index.ts builds them in report order) →
 * SVG, PNG, PDF (./render.ts) → files under reports/figures/ (figureFiles).
 * Nothing here writes to disk; the pipeline's writer does.
 */
export { figureFiles, figureSoftware } from './build.js';
export { toVega } from './compile.js';
export { VEGA_LITE_SCHEMA } from './kit.js';
export { renderFigure, renderPdf, renderPng, renderSvg } from './render.js';
export { NO_SIDES, SIDE_PALETTE, type SideColours, sideScale } from './theme.js';
export type { Figure, Rendered } from './types.js';
