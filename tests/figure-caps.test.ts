/**
 * Figures stay bounded when the corpus grows: per-conversation figures show
 * the most recent meetings, time series switch to one point per year, and
 * every cap is stated in the caption. Also: the render pool gives the same
 * bytes as rendering in this thread.
 */
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { MAX_DISPERSION_MEETINGS } from '../analyses/kwic-figures.js';
import { MAX_MEETING_PANELS } from '../analyses/sentiment/figures.js';
import { MAX_SHARE_BARS } from '../analyses/turn-stats-figures.js';
import type { Tables } from '../analyses/types.js';
import { type Figure, renderFigure } from '../pipeline/figures/index.js';
import { MAX_TIME_MEETINGS } from '../pipeline/figures/kit.js';
import { RenderPool, renderFigures } from '../pipeline/run/render-pool.js';
import { buildFixture } from './fixtures/report/fixture.js';

/** The fixture's tables copied `times` times, each copy a different meeting on a later date. */
function grow(tables: Tables, times: number): Tables {
  const out = structuredClone(tables) as unknown as Record<string, unknown[]>;
  const src = tables as unknown as Record<string, unknown[]>;
  for (const name of Object.keys(src)) {
    if (!Array.isArray(src[name])) continue;
    const rows: unknown[] = [];
    for (let k = 0; k < times; k++) {
      for (const r of src[name] as Array<Record<string, unknown>>) {
        if (typeof r.doc_id !== 'string') {
          if (k === 0) rows.push(r);
          continue;
        }
        const year = 1950 + (k % 16);
        const date = typeof r.date === 'string' && r.date ? `${year}${r.date.slice(4)}` : r.date;
        rows.push({ ...r, doc_id: `${r.doc_id}-${String(k).padStart(3, '0')}`, date });
      }
    }
    out[name] = rows;
  }
  return out as unknown as Tables;
}

const byId = (figs: Figure[]) => new Map(figs.map((f) => [f.id, f]));

describe('figure sizes do not grow with the corpus', () => {
  const base = buildFixture().tables;
  const big = grow(base, 40);
  const figs = byId(buildFigures(big));
  const meetingsIn = (f: Figure) => new Set(f.data.map((d) => String(d.doc_id))).size;

  it('caps the per-conversation figures and says so in the caption', () => {
    const arc = figs.get('sentiment-arc')!;
    expect(meetingsIn(arc)).toBeLessThanOrEqual(MAX_MEETING_PANELS);
    expect(arc.caption).toMatch(/most recent of \d+ meetings/);
    const disp = figs.get('dispersion')!;
    expect(meetingsIn(disp)).toBeLessThanOrEqual(MAX_DISPERSION_MEETINGS);
    expect(disp.caption).toMatch(/every match is in kwic\.csv/);
    const share = figs.get('speech-share')!;
    expect(meetingsIn(share)).toBeLessThanOrEqual(MAX_SHARE_BARS);
    expect(share.caption).toMatch(/most recent of \d+ meetings/);
  });

  it('shows one point per year in the time series beyond the meeting limit', () => {
    const docs = new Set(big.turnStats.map((r) => r.doc_id)).size;
    expect(docs).toBeGreaterThan(MAX_TIME_MEETINGS);
    for (const id of ['phrase-rates', 'sentiment-by-side', 'sentiment-by-speaker']) {
      const f = figs.get(id)!;
      expect(f.caption).toMatch(/each point is one calendar year/);
      for (const d of f.data) {
        expect(d.doc_id).toBe('');
        expect(String(d.date)).toMatch(/^\d{4}-07-01$/);
      }
    }
    // Bounded by years × sides × phrases, not by meetings.
    expect(figs.get('phrase-rates')!.data.length).toBeLessThanOrEqual(9 * 16 * 4);
  });

  it('keeps the small corpus figures unchanged in form (no caps mentioned)', () => {
    for (const f of buildFigures(base)) {
      expect(f.caption).not.toMatch(/most recent of|calendar year instead of/);
    }
  });
});

describe('render pool', () => {
  it('renders the same bytes in worker threads as in this thread', async () => {
    const figs = buildFigures(buildFixture().tables).slice(0, 3);
    const pooled = await renderFigures(figs, { workers: 2 });
    for (const [i, f] of figs.entries()) {
      const local = await renderFigure(f);
      expect(pooled[i]!.svg).toBe(local.svg);
      expect(Buffer.from(pooled[i]!.png).equals(Buffer.from(local.png))).toBe(true);
      expect(Buffer.from(pooled[i]!.pdf).equals(Buffer.from(local.pdf))).toBe(true);
    }
  }, 60_000);

  it('renders the same bytes from a pool started early and warmed up', async () => {
    const figs = buildFigures(buildFixture().tables).slice(0, 3);
    const pool = RenderPool.start(2, { warm: true });
    // Figures arrive while (or after) the workers draw their warm-up chart.
    const warmed = await pool.render(figs);
    const cold = await renderFigures(figs, { workers: 0 });
    expect(warmed).toHaveLength(figs.length);
    for (const [i, r] of warmed.entries()) {
      expect(r.svg).toBe(cold[i]!.svg);
      expect(Buffer.from(r.png).equals(Buffer.from(cold[i]!.png))).toBe(true);
      expect(Buffer.from(r.pdf).equals(Buffer.from(cold[i]!.pdf))).toBe(true);
    }
    expect(() => pool.render(figs)).toThrow(/renders once/);
  }, 60_000);

  it('can be closed without rendering, and then refuses to render', () => {
    const pool = RenderPool.start(1, { warm: true });
    pool.close();
    pool.close();
    expect(() => pool.render([])).toThrow(/renders once/);
  });
});
