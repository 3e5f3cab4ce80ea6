/**
 * The render cache: a hit gives the bytes that were stored, only misses are
 * drawn, a changed spec or title misses, a damaged entry is drawn again, and
 * no cache folder means everything is drawn.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure, Rendered } from '../pipeline/figures/types.js';
import { RenderCache, renderThroughCache } from '../pipeline/run/render-cache.js';

const work = mkdtempSync(join(tmpdir(), 'render-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function figure(id: string, value: number): Figure {
  return {
    id,
    title: `Figure ${id}`,
    caption: '',
    alt: '',
    spec: { mark: 'bar', data: { values: [{ x: value }] } },
    data: [{ x: value }],
    columns: ['x'],
  };
}

/** A stand-in renderer that records what it was asked to draw. */
function recorder(): { calls: string[][]; render: (figs: Figure[]) => Promise<Rendered[]> } {
  const calls: string[][] = [];
  return {
    calls,
    render: async (figs) => {
      calls.push(figs.map((f) => f.id));
      return figs.map((f) => ({
        svg: `<svg>${JSON.stringify(f.spec)}</svg>`,
        png: new Uint8Array([1, f.id.length]),
        pdf: new Uint8Array([2, f.title.length, 3]),
      }));
    },
  };
}

describe('renderThroughCache', () => {
  it('draws everything once, then nothing, with the same bytes', async () => {
    const cache = new RenderCache(join(work, 'a'));
    const figs = [figure('one', 1), figure('two', 2)];
    const r1 = recorder();
    const first = await renderThroughCache(figs, cache, r1.render);
    expect(r1.calls).toEqual([['one', 'two']]);
    expect(first.hits).toBe(0);

    const r2 = recorder();
    const second = await renderThroughCache(figs, cache, r2.render);
    expect(r2.calls).toEqual([]);
    expect(second.hits).toBe(2);
    second.rendered.forEach((r, i) => {
      expect(r.svg).toBe(first.rendered[i]!.svg);
      expect(Buffer.from(r.png).equals(Buffer.from(first.rendered[i]!.png))).toBe(true);
      expect(Buffer.from(r.pdf).equals(Buffer.from(first.rendered[i]!.pdf))).toBe(true);
    });
  });

  it('draws only the figures whose spec or title changed, in order', async () => {
    const cache = new RenderCache(join(work, 'b'));
    await renderThroughCache(
      [figure('one', 1), figure('two', 2), figure('three', 3)],
      cache,
      recorder().render,
    );
    const changed = [
      figure('one', 1),
      figure('two', 20),
      { ...figure('three', 3), title: 'New title' },
    ];
    const r = recorder();
    const out = await renderThroughCache(changed, cache, r.render);
    expect(r.calls).toEqual([['two', 'three']]);
    expect(out.hits).toBe(1);
    expect(out.rendered[1]!.svg).toContain('20');
  });

  it('draws again over a damaged entry', async () => {
    const dir = join(work, 'c');
    const cache = new RenderCache(dir);
    const figs = [figure('one', 1)];
    await renderThroughCache(figs, cache, recorder().render);
    const sub = readdirSync(join(dir, 'figures'))[0]!;
    const entry = readdirSync(join(dir, 'figures', sub))[0]!;
    writeFileSync(join(dir, 'figures', sub, entry), 'not a cache entry');
    const r = recorder();
    await renderThroughCache(figs, cache, r.render);
    expect(r.calls).toEqual([['one']]);
  });

  it('draws everything when there is no cache folder', async () => {
    const cache = new RenderCache(null);
    const figs = [figure('one', 1)];
    await renderThroughCache(figs, cache, recorder().render);
    const r = recorder();
    expect((await renderThroughCache(figs, cache, r.render)).hits).toBe(0);
    expect(r.calls).toEqual([['one']]);
  });
});
