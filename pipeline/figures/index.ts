/**
 * Figures: analysis tables → Vega-Lite specs (pure, ./specs.ts) → SVG, PNG,
 * PDF (./render.ts) → files under reports/figures/ (figureFiles). Nothing
 * here writes to disk; the pipeline's writer does.
 */
export { buildFigures, figureFiles, figureSoftware } from './build.js';
export { toVega } from './compile.js';
export { VEGA_LITE_SCHEMA } from './kit.js';
export { renderFigure, renderPdf, renderPng, renderSvg } from './render.js';
export { SIDE_COLOURS, sideScale } from './theme.js';
export type { Figure, Rendered } from './types.js';
