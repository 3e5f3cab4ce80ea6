/**
 * Issue 18, "Wrong today": each thing the report got wrong, checked on the
 * figure specs (pure data), on what Vega draws from them (a headless View's
 * scene graph) and on the exported SVG/PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { FIGURE_CODEBOOK } from '../analyses/codebook.js';
import { buildFigures } from '../analyses/index.js';
import { keyness } from '../analyses/keyness-figures.js';
import { DISPERSION_KEYS } from '../analyses/kwic-figures.js';
import { sentimentMethods } from '../analyses/sentiment/analysis.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { MIN_ESTIMATE_SENTENCES, targetTone } from '../analyses/sentiment/figures.js';
import { KEPT_FUNCTION_WORDS } from '../analyses/stopwords.js';
import { MIN_TERM_WORDS, topTerms } from '../analyses/terms-figures.js';
import type { Tables } from '../analyses/types.js';
import { type Figure, renderSvg, toVega } from '../pipeline/figures/index.js';
import { loadFonts } from '../pipeline/figures/render.js';
import { FONT_FAMILY } from '../pipeline/figures/theme.js';
import { buildFixture } from './fixtures/report/fixture.js';
import { REPO } from './helpers.js';

const fixture = buildFixture();
const byId = (figs: Figure[]) => new Map(figs.map((f) => [f.id, f]));
const shipped = loadSentimentConfig(
  readFileSync(join(REPO, 'corpus', 'sentiment.yaml'), 'utf8'),
  'sentiment.yaml',
);
const figures = byId(
  buildFigures(fixture.tables, {
    sentimentOverrides: shipped.overrides,
    sentimentTargets: shipped.targets,
  }),
);
const fig = (id: string) => {
  const f = figures.get(id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
};

interface SceneItem {
  tooltip?: unknown;
  fill?: string;
  items?: SceneItem[];
  marktype?: string;
  role?: string;
  datum?: Record<string, unknown>;
}

/** Every mark item Vega draws for a figure (headless, no renderer). */
async function sceneItems(f: Pick<Figure, 'spec'>): Promise<SceneItem[]> {
  const view = new vega.View(vega.parse(toVega(f)), { renderer: 'none' });
  try {
    await view.runAsync();
    const out: SceneItem[] = [];
    const walk = (node: SceneItem, marktype?: string) => {
      const type = node.marktype ?? marktype;
      for (const child of node.items ?? []) {
        if (child.marktype === undefined) out.push({ ...child, marktype: type });
        walk(child, type);
      }
    };
    walk((view.scenegraph() as unknown as { root: SceneItem }).root);
    return out;
  } finally {
    view.finalize();
  }
}

function tooltips(items: SceneItem[]): Array<Record<string, string>> {
  return items
    .map((i) => i.tooltip)
    .filter((t): t is Record<string, string> => typeof t === 'object' && t !== null);
}

describe('1. time-series tooltips give the meeting date and title', () => {
  for (const id of ['phrase-rates', 'sentiment-by-side', 'sentiment-by-speaker']) {
    it(id, async () => {
      const tips = tooltips(await sceneItems(fig(id)));
      expect(tips.length).toBeGreaterThan(0);
      const titles = new Set(fixture.tables.documents.map((d) => d.title));
      for (const t of tips) {
        expect(t.Date).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        expect(titles.has(t.Meeting!), t.Meeting).toBe(true);
        for (const v of Object.values(t)) expect(String(v)).not.toMatch(/-?\d{10,}/);
      }
      // The day shown is the meeting's own date, whatever the time zone.
      const dates = new Set(
        fixture.tables.documents.map((d) =>
          new Date(`${d.date}T00:00:00Z`).toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          }),
        ),
      );
      for (const t of tips) expect(dates.has(t.Date!), t.Date).toBe(true);
    });
  }
});

describe('2. captions and methods say what the configuration did', () => {
  const mine = new Map([
    ['revisionists', -0.6],
    ['imperialists', -0.6],
    ['comrade', 0.3],
  ]);
  const figs = byId(buildFigures(fixture.tables, { sentimentOverrides: mine }));
  const bare = byId(buildFigures(fixture.tables, { sentimentOverrides: new Map() }));

  it('quotes the overrides used, never "neutral to the lexicon" when they are set', () => {
    for (const id of ['sentiment-by-side', 'sentiment-by-speaker', 'sentiment-arc']) {
      const caption = figs.get(id)!.caption;
      expect(caption).not.toMatch(/neutral to the lexicon|does not know political vocabulary/);
      expect(caption).toContain('3 word scores from corpus/sentiment.yaml');
      expect(caption).toContain('"imperialists" −0.6');
      expect(caption).toContain('1 positive');
      expect(bare.get(id)!.caption).toContain('No domain corrections were configured');
    }
    expect(figs.get('sentiment-drivers')!.caption).toContain('3 domain overrides');
    expect(bare.get('sentiment-drivers')!.caption).toContain('no domain overrides');
  });

  it('with the shipped corpus/sentiment.yaml, gives its count of overrides', () => {
    const n = shipped.overrides.size;
    expect(n).toBeGreaterThan(10);
    expect(shipped.overrides.get('revisionists')).toBeLessThan(0);
    expect(fig('sentiment-by-side').caption).toContain(`${n} word scores`);
    expect(sentimentMethods([], undefined, shipped.overrides)).toContain(`${n} word scores`);
    expect(sentimentMethods([], undefined, new Map())).toContain('No domain corrections');
  });

  it('names the configured targets in the target-tone caption', () => {
    const t = shipped.targets.find((x) => x.patterns.length > 0)!;
    expect(fig('target-tone').caption).toContain(`for ${t.key}`);
    expect(fig('target-tone').caption).toContain(`"${t.patterns[0]}"`);
  });
});

describe('3. keyness gives the range on both sides; the legend explains something', () => {
  it('carries both ranges in the figure rows and tooltip', async () => {
    const k = fig('keyness');
    expect(k.columns).toEqual(expect.arrayContaining(['range_target', 'range_reference']));
    const dprk = k.data.filter((d) => d.key_for === 'DPRK');
    expect(dprk.length).toBeGreaterThan(0);
    // A DPRK (reference) key term has been used in some DPRK meeting: its range is never 0.
    for (const d of dprk) expect(Number(d.range_reference)).toBeGreaterThan(0);
    const tips = tooltips(await sceneItems(k));
    expect(tips[0]).toHaveProperty('Meetings where Albania used it');
    expect(tips[0]).toHaveProperty('Meetings where DPRK used it');
  });

  it('drops the one-entry significance legend when every bar is significant', () => {
    const all = structuredClone(fixture.tables) as Tables;
    for (const r of all.keyness) r.p = 0.001;
    const f = keyness(all)!;
    const enc = JSON.stringify(f.spec);
    expect(enc).not.toContain('"opacity":{"field":"significance"');
    expect(JSON.stringify((f.spec as { title: unknown }).title)).toContain(
      'all bars significant at p < 0.05',
    );
    const mixed = structuredClone(fixture.tables) as Tables;
    mixed.keyness.forEach((r, i) => {
      r.p = i % 2 === 0 ? 0.001 : 0.5;
    });
    expect(JSON.stringify(keyness(mixed)!.spec)).toContain('"opacity":{"field":"significance"');
  });
});

describe('4. top terms: no function words, no dominant tiny speaker', () => {
  it('leaves out we/our/not/us and speakers under the minimum, naming them', () => {
    const t = structuredClone(fixture.tables) as Tables;
    const bySpeaker = t.termsBySpeaker;
    // Columns the figure does not read.
    const unused = { words: 0, per_10k: 0, rank: 0 };
    const speakers = [...new Set(bySpeaker.map((r) => String(r.speaker)))];
    for (const s of speakers)
      for (const term of ['we', 'our', 'not', 'us'])
        bySpeaker.push({ speaker: s, side: 'Albania', term, count: 9999, ...unused });
    // One well-measured speaker, and one of 471 words (the shipped corpus has one).
    t.turnStats.push({ ...t.turnStats[0]!, words: MIN_TERM_WORDS * 4 });
    t.turnStats.push({ ...t.turnStats[0]!, speaker: 'Tiny Speaker', words: 471 });
    bySpeaker.push({
      speaker: 'Tiny Speaker',
      side: 'DPRK',
      term: 'friendship',
      count: 40,
      ...unused,
    });
    const f = topTerms(t)!;
    for (const d of f.data) expect(KEPT_FUNCTION_WORDS.has(String(d.term))).toBe(false);
    expect(f.data.some((d) => d.speaker === 'Tiny Speaker')).toBe(false);
    for (const d of f.data) expect(Number(d.words)).toBeGreaterThanOrEqual(MIN_TERM_WORDS);
    expect(f.caption).toContain('Tiny Speaker (471)');
    expect(f.caption).toContain(`at least ${MIN_TERM_WORDS}`);
  });

  it('ranks everyone with a warning when no speaker reaches the minimum', () => {
    const f = topTerms(fixture.tables)!;
    expect(f.data.length).toBeGreaterThan(0);
    expect(f.caption).toContain('rest on few words');
  });
});

describe('5. tone toward targets: small n shown as such, no interval for n < 2', () => {
  const t = structuredClone(fixture.tables) as Tables;
  const base = t.sentimentTargets[0]!;
  t.sentimentTargets = [
    { ...base, year: 1960, sentences: 1, mean: 0.3, ci_low: Number.NaN, ci_high: Number.NaN },
    { ...base, year: 1961, sentences: 3, mean: 0.2, ci_low: 0.1, ci_high: 0.3 },
    { ...base, year: 1962, sentences: 40, mean: 0.1, ci_low: 0.05, ci_high: 0.15 },
  ];
  const f = targetTone(t)!;

  it('writes an empty interval (not a zero-width one) for one sentence, with n in the CSV', () => {
    const one = f.data.find((d) => d.year === 1960)!;
    expect(one.ci_low).toBeNull();
    expect(one.ci_high).toBeNull();
    expect(one.sentences).toBe(1);
    expect(f.columns).toContain('sentences');
  });

  it('draws estimates under the minimum hollow, without bar, and gives n in every tooltip', async () => {
    const items = await sceneItems(f);
    // Interval bars: the rules other than the dashed zero line.
    const rules = items.filter(
      (i) =>
        i.marktype === 'rule' &&
        i.datum !== undefined &&
        'year' in i.datum &&
        !(i as { strokeDash?: unknown }).strokeDash,
    );
    expect(rules.map((r) => r.datum!.year)).toEqual([1962]);
    const points = items.filter((i) => i.marktype === 'symbol' && i.datum && 'year' in i.datum);
    expect(points).toHaveLength(3);
    for (const p of points) {
      const small = Number(p.datum!.sentences) < MIN_ESTIMATE_SENTENCES;
      expect(p.fill === 'transparent' || p.fill === undefined, String(p.fill)).toBe(small);
      expect((p.tooltip as Record<string, string>)['Sentences (n)']).toBe(
        String(p.datum!.sentences),
      );
    }
    expect(f.caption).toContain(`fewer than ${MIN_ESTIMATE_SENTENCES} sentences`);
  });

  it('gives no interval for a one-sentence year in the yearly sentiment figures either', () => {
    const big = structuredClone(fixture.tables) as Tables;
    // Many meetings make the by-side figure pool per year; one lone sentence in 1950.
    const docs = Array.from({ length: 70 }, (_, i) => ({
      ...big.documents[0]!,
      doc_id: `x-${i}`,
      date: `19${60 + (i % 6)}-01-0${1 + (i % 9)}`,
    }));
    big.documents.push(...docs);
    for (const d of docs) big.turnStats.push({ ...big.turnStats[0]!, doc_id: d.doc_id });
    big.sentences.push({ ...big.sentences[0]!, date: '1950-03-03', side: 'Albania' });
    const side = byId(buildFigures(big)).get('sentiment-by-side')!;
    const lone = side.data.find((d) => String(d.date).startsWith('1950'))!;
    expect(lone.sentences).toBe(1);
    expect(lone.ci_low).toBeNull();
    expect(lone.ci_high).toBeNull();
  });
});

/** A4 portrait in points (1 SVG px = 1 PDF pt in the exported PDF). */
const PAGE = { width: 595, height: 842 };

function svgSize(svg: string): { width: number; height: number } {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe('6. the dispersion figure fits a page', () => {
  it('one strip per meeting for the headline keys, within A4', async () => {
    const f = fig('dispersion');
    const keys = [...new Set(f.data.map((d) => String(d.phrase)))];
    expect(keys.length).toBeLessThanOrEqual(DISPERSION_KEYS);
    expect(keys[0]).toBe('marxist-leninist');
    // y is the meeting (one strip each), panels are the keys.
    const spec = f.spec as { spec: { encoding: { y: { field: string } } } };
    expect(spec.spec.encoding.y.field).toBe('meeting');
    const size = svgSize(await renderSvg(f));
    expect(size.width).toBeLessThanOrEqual(PAGE.width);
    expect(size.height).toBeLessThanOrEqual(PAGE.height);
  });
});

/** Longest run of blank (all-white) rows and columns of the figure drawn at 1×. */
function blankRuns(svg: string): { rows: number; cols: number } {
  const fonts = loadFonts();
  const img = new Resvg(svg, {
    background: '#ffffff',
    font: {
      fontFiles: [fonts.regularPath, fonts.boldPath],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
  }).render();
  const { width, height, pixels } = img;
  const ink = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    return pixels[i]! < 235 || pixels[i + 1]! < 235 || pixels[i + 2]! < 235;
  };
  const run = (n: number, m: number, at: (a: number, b: number) => boolean) => {
    let best = 0;
    let cur = 0;
    for (let a = 0; a < n; a++) {
      let blank = true;
      for (let b = 0; b < m && blank; b++) if (at(a, b)) blank = false;
      cur = blank ? cur + 1 : 0;
      best = Math.max(best, cur);
    }
    return best;
  };
  return {
    rows: run(height, width, (y, x) => ink(x, y)),
    cols: run(width, height, (x, y) => ink(x, y)),
  };
}

describe('7. exported figures show their full domain and all their labels', () => {
  it('every temporal axis covers the data and labels the last year', async () => {
    for (const f of figures.values()) {
      const text = JSON.stringify(f.spec);
      if (!text.includes('"type":"temporal"')) continue;
      const years = f.data.map((d) => Number(String(d.date).slice(0, 4))).filter((y) => y > 0);
      const last = Math.max(...years);
      const svg = await renderSvg(f);
      const shown = [...svg.matchAll(/<text[^>]*opacity="1"[^>]*>(\d{4})<\/text>/g)].map((m) =>
        Number(m[1]),
      );
      expect(shown, f.id).toContain(last);
      expect(Math.min(...shown), f.id).toBeLessThanOrEqual(Math.min(...years));
      // No year label is hidden as "overlapping".
      expect(svg, f.id).not.toMatch(/<text[^>]*opacity="0"[^>]*>\d{4}<\/text>/);
      // The scale runs to the end of the last year of the data.
      expect(text, f.id).toContain(`"year":${last},"month":12,"date":31`);
    }
  });

  it('no text is truncated, and no figure carries a wide empty band', async () => {
    for (const f of figures.values()) {
      const svg = await renderSvg(f);
      expect(svg, f.id).not.toMatch(/…<\/text>/);
      const blank = blankRuns(svg);
      expect(blank.cols, `${f.id} blank columns`).toBeLessThan(60);
      expect(blank.rows, `${f.id} blank rows`).toBeLessThan(60);
    }
  }, 60_000);

  it('keeps long meeting labels whole in speech-share', async () => {
    const f = fig('speech-share');
    const svg = await renderSvg(f);
    for (const m of new Set(f.data.map((d) => String(d.meeting))))
      expect(svg).toContain(`>${m.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`);
  });
});

describe('8. figure CSVs are in the codebook', () => {
  it('documents every column of every figure', () => {
    for (const f of figures.values()) {
      const entry = FIGURE_CODEBOOK.find((e) => e.file === `figures/${f.id}.csv`);
      expect(entry, f.id).toBeDefined();
      expect(
        entry!.columns.map((c) => c.name),
        f.id,
      ).toEqual(f.columns);
    }
  });
});
