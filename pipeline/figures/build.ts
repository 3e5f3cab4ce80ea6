/**
 * Figures without the renderers: lay out a figure's files and name the
 * software that draws them. The figures themselves are built by the
 * analyses that own them (analyses/index.ts, buildFigures). Importing this
 * module loads no rendering package (the render pool's workers do), which
 * keeps start-up short.
 */
import { createRequire } from 'node:module';
import { stableJson, toCsv } from '../csv.js';
import type { Figure, Rendered } from './types.js';

/** The files of one figure, keyed by path relative to reports/. */
export function figureFiles(fig: Figure, rendered: Rendered): Record<string, string | Uint8Array> {
  return {
    [`figures/${fig.id}.vl.json`]: stableJson(fig.spec),
    [`figures/${fig.id}.svg`]: rendered.svg,
    [`figures/${fig.id}.png`]: rendered.png,
    [`figures/${fig.id}.pdf`]: rendered.pdf,
    [`figures/${fig.id}.csv`]: toCsv(fig.data, fig.columns),
  };
}

/**
 * Versions of the packages that draw the figures and the report, for the
 * run manifest and the methods paragraph (read from their package.json once).
 */
export function figureSoftware(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of [
    'vega',
    'vega-lite',
    'vega-embed',
    '@resvg/resvg-js',
    'pdfkit',
    'svg-to-pdfkit',
    'dejavu-fonts-ttf',
  ]) {
    out[name] = readVersion(require, name);
  }
  return out;
}

function readVersion(require: NodeJS.Require, name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    // Packages whose "exports" hide package.json: walk up from the entry point.
    try {
      let dir = require.resolve(name);
      for (let i = 0; i < 5; i++) {
        dir = dir.slice(0, dir.lastIndexOf('/'));
        try {
          const pkg = require(`${dir}/package.json`) as { name?: string; version: string };
          if (pkg.name === name) return pkg.version;
        } catch {}
      }
    } catch {}
    return 'unknown';
  }
}
