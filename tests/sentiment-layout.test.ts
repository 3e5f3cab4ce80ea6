import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { MIN_ESTIMATE_SENTENCES } from '../analyses/sentiment/figures.js';
import { type Figure, toVega } from '../pipeline/figures/index.js';
import { buildReport, methodsParagraph } from '../pipeline/report/index.js';
import { layoutFigures, SENTIMENT_MAIN, SENTIMENT_MORE } from '../pipeline/report/layout.js';
import { buildFixture } from './fixtures/report/fixture.js';

const fx = buildFixture();
const figures = buildFigures(fx.tables);

/** The y-scale domain Vega computes for a figure (headless). */
async function yDomain(f: Figure): Promise<[number, number]> {
  const view = new vega.View(vega.parse(toVega(f)), { renderer: 'none' });
  try {
    await view.runAsync();
    // Faceted figures keep their shared scales at the top level too.
    return view.scale('y').domain() as [number, number];
  } finally {
    view.finalize();
  }
}

describe('sentiment axes are fitted to the data, with zero marked', () => {
  for (const id of ['sentiment-by-side', 'sentiment-by-speaker', 'target-tone']) {
    it(id, async () => {
      const f = figures.find((x) => x.id === id)!;
      // Means are all drawn; intervals only from MIN_ESTIMATE_SENTENCES sentences on.
      const values = f.data.flatMap((d) =>
        (Number(d.sentences) >= MIN_ESTIMATE_SENTENCES
          ? [d.mean, d.ci_low, d.ci_high]
          : [d.mean]
        ).filter((v): v is number => typeof v === 'number'),
      );
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const [a, b] = await yDomain(f);
      // Covers every mean and interval end, and zero.
      expect(a).toBeLessThanOrEqual(Math.min(lo, 0));
      expect(b).toBeGreaterThanOrEqual(Math.max(hi, 0));
      // Not the fixed −1 … +1: the data and zero, widened by at most a nice step.
      const span = Math.max(hi, 0) - Math.min(lo, 0);
      expect(b - a).toBeLessThanOrEqual(span * 1.5 + 0.2);
      expect(b - a).toBeLessThan(2);
      // The zero line is drawn.
      expect(JSON.stringify(f.spec)).toContain('"y":{"datum":0}');
    });
  }
});

describe('sentiment takes the space its validity earns', () => {
  it('puts the overview and drivers in the main flow and the rest in a collapsed section', () => {
    const { main, sentiment, more } = layoutFigures(figures);
    expect(sentiment.map((f) => f.id)).toEqual([...SENTIMENT_MAIN]);
    expect(more.map((f) => f.id)).toEqual([...SENTIMENT_MORE]);
    expect(main.some((f) => f.id.startsWith('sentiment') || f.id === 'target-tone')).toBe(false);
    expect(main.length + sentiment.length + more.length).toBe(figures.length);
  });

  it('in the page: language figures first, tone overview next, the others inside <details>', () => {
    const html = buildReport({
      tables: fx.tables,
      transcripts: fx.transcripts,
      figures: figures.map((f) => ({ ...f, svg: '' })),
      diagnostics: fx.diagnostics,
      manifest: fx.manifest,
      methods: methodsParagraph({ tables: fx.tables, manifest: fx.manifest }),
    });
    const at = (id: string) => html.indexOf(`id="fig-${id}"`);
    const details = html.indexOf('<details class="more-figures"');
    const detailsEnd = html.indexOf('</details>', details);
    expect(at('keyness')).toBeLessThan(at('sentiment-by-side'));
    expect(at('sentiment-by-side')).toBeLessThan(at('sentiment-drivers'));
    expect(at('sentiment-drivers')).toBeLessThan(details);
    for (const id of SENTIMENT_MORE) {
      expect(at(id)).toBeGreaterThan(details);
      expect(at(id)).toBeLessThan(detailsEnd);
    }
    // Figures are numbered in the order the page shows them.
    const numbers = [...html.matchAll(/<h3 id="fig-[^"]+-h">Figure (\d+)\./g)].map((m) =>
      Number(m[1]),
    );
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
