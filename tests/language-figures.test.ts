/**
 * The collocate and trend figures (analyses/collocates.ts and analyses/trends.ts) on
 * the shipped corpus: the rows they plot come from the tables unchanged,
 * the captions state window, measure and minimum frequency, the specs
 * validate against the Vega-Lite schema and render.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  collocateNodes,
  collocateRows,
  collocatesFigure,
  collocatesPart,
  mergeCollocates,
  TOP_COLLOCATES,
} from '../analyses/collocates.js';
import { headlineKeys, loadDictionary } from '../analyses/dictionary.js';
import { loadStopwords, stopwordSet } from '../analyses/stopwords.js';
import { trendRows, trendsFigure, trendsPart, trendTerms } from '../analyses/trends.js';
import { renderSvg } from '../pipeline/figures/render.js';
import { readCorpus } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import { annotateInputs, REPO } from './helpers.js';

const corpus = readCorpus(join(REPO, 'corpus'));
const inputs = annotateInputs(corpus);
const dictionary = loadDictionary(inputs.dictionary, 'dictionary.yaml');
const HEADLINE_KEYS = headlineKeys(dictionary);
const stopwords = stopwordSet(loadStopwords(inputs.stopwords, 'stopwords.txt'));
const { transcripts } = buildTranscripts(corpus);
const settings = { dictionary, keys: HEADLINE_KEYS, terms: [], stopwords };
const rows = collocateRows(
  // The periods the shipped corpus.yaml sets for keyness.
  mergeCollocates(transcripts.map(collocatesPart(settings)), [
    { name: '1959-1961', from: '1959-01-01', to: '1961-12-31' },
    { name: '1964-1966', from: '1964-01-01', to: '1966-12-31' },
  ]),
  collocateNodes(settings),
);
const terms = trendTerms(dictionary, []);
const trends = trendRows(transcripts.map(trendsPart({ dictionary, terms: [] })), terms);

const fixed = { window: { left: 5, right: 5 }, minFrequency: 3 };
const bySide = collocatesFigure(rows, { nodes: HEADLINE_KEYS, ...fixed })!;
const byPeriodG2 = collocatesFigure(rows, {
  nodes: HEADLINE_KEYS,
  groupType: 'period',
  measure: 'g2',
  ...fixed,
})!;
const trendFig = trendsFigure(trends, HEADLINE_KEYS)!;

describe('collocates figure', () => {
  it('plots the top collocates of each node for the two sides, as ranked in the table', () => {
    expect(new Set(bySide.data.map((d) => d.group))).toEqual(new Set(['Albania', 'DPRK']));
    // Every node has a cell for each side (an empty one says so), so facets cannot shift.
    const nodes = [...new Set(bySide.data.map((d) => d.node))];
    for (const n of nodes) {
      expect(new Set(bySide.data.filter((d) => d.node === n).map((d) => d.group)).size).toBe(2);
    }
    const empty = bySide.data.filter((d) => d.rank === null);
    expect(empty.map((d) => `${d.node} ${d.group} ${d.label}`)).toEqual([
      'marxist-leninist DPRK 00 (none seen 3+ times)',
    ]);
    for (const d of bySide.data.filter((x) => x.rank !== null)) {
      const r = rows.find(
        (x) =>
          x.group_type === 'side' &&
          x.group === d.group &&
          x.node === d.node &&
          x.collocate === d.collocate,
      )!;
      expect(r.rank_log_dice).toBe(d.rank);
      expect(r.rank_log_dice).toBeLessThanOrEqual(TOP_COLLOCATES);
      expect(d.value).toBeCloseTo(r.log_dice, 4);
    }
    const revAlbania = bySide.data.filter((d) => d.node === 'revisionism' && d.group === 'Albania');
    expect(revAlbania.length).toBe(
      rows.filter(
        (x) => x.group_type === 'side' && x.group === 'Albania' && x.node === 'revisionism',
      ).length,
    );
  });

  it('ranks by G² among attracted words when asked, by period', () => {
    expect(new Set(byPeriodG2.data.map((d) => d.group))).toEqual(
      new Set(['1959-1961', '1964-1966']),
    );
    const bars = byPeriodG2.data.filter((d) => d.rank !== null);
    for (const d of bars) expect(d.value).toBeCloseTo(Number(d.g2), 4);
    expect(bars.every((d) => Number(d.observed) > Number(d.expected))).toBe(true);
  });

  it('states window, measure and minimum frequency in the caption', () => {
    expect(bySide.caption).toContain('within 5 words to the left and 5 to the right');
    expect(bySide.caption).toContain('logDice (Rychlý 2008)');
    expect(bySide.caption).toContain('at least 3 times');
    expect(byPeriodG2.caption).toContain('log-likelihood G² (Dunning 1993)');
  });

  it('shows the two sides that spoke most of three, in registry order, and names the third', () => {
    // A third side with DPRK's collocates and fewer words than either side.
    const china = rows
      .filter((r) => r.group_type === 'side' && r.group === 'DPRK')
      .map((r) => ({ ...r, group: 'China', words: 10 }));
    const sides = { declared: ['DPRK', 'China', 'Albania'] };
    const three = collocatesFigure([...rows, ...china], { nodes: HEADLINE_KEYS, sides, ...fixed })!;
    expect([...new Set(three.data.map((d) => d.group))]).toEqual(['DPRK', 'Albania']);
    expect(three.caption).toContain(
      'each side (DPRK and Albania, the two sides that spoke the most words; China, in collocates.csv, is not shown)',
    );
    // Two sides: nothing is left out, and the caption says nothing of it.
    expect(bySide.caption).toContain('each side (Albania and DPRK), the 10 words');
  });
});

describe('trends figure', () => {
  it('plots each side per meeting on a categorical axis, the gaps in the caption', () => {
    expect(trendFig.data.every((d) => d.side !== 'all' && Number(d.words) >= 50)).toBe(true);
    expect(new Set(trendFig.data.map((d) => d.meeting))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(trendFig.caption).toContain('the axis does not show time');
    expect(trendFig.caption).toContain('from 79 to 1182 days');
  });
});

describe('trends figure of many meetings', () => {
  it('pools each calendar year above 40 meetings, counts over words', () => {
    // 50 meetings, 10 a year 1960–1964; Albania says "revisionists" once in 1,000 words each time.
    const parts = Array.from({ length: 50 }, (_, i) => ({
      docId: `d${String(i).padStart(2, '0')}`,
      date: `${1960 + Math.floor(i / 10)}-0${1 + (i % 9)}-01`,
      title: '',
      speakers: ['Enver Hoxha'],
      sides: [
        {
          side: 'Albania',
          words: 1000,
          counts: terms.map((t) => (t.term === 'revisionism' ? 1 : 0)),
        },
      ],
    }));
    const fig = trendsFigure(trendRows(parts, terms), ['revisionism'])!;
    expect(fig.data.map((d) => d.label)).toEqual(['1960', '1961', '1962', '1963', '1964']);
    for (const d of fig.data) expect([d.count, d.words, d.per_10k]).toEqual([10, 10_000, 10]);
    expect(fig.caption).toContain(
      'With 50 meetings (more than 40), each point pools one calendar year',
    );
  });
});

describe('specs', () => {
  it('validate against the Vega-Lite v6 schema and render', { timeout: 60_000 }, async () => {
    const require = createRequire(import.meta.url);
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    const validate = ajv.compile(require('vega-lite/vega-lite-schema.json') as object);
    for (const f of [bySide, byPeriodG2, trendFig]) {
      const ok = validate(f.spec);
      expect(ok ? [] : [f.id, validate.errors?.slice(0, 3)]).toEqual([]);
      const svg = await renderSvg(f);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain(f.title);
    }
  });
});
