/**
 * Term trends and correlations (analyses/trends.ts): counts per meeting and
 * side, Garwood intervals, the meeting axis, Pearson's r with n and the
 * p-value only from five meetings, and the exact t distribution (checked
 * against values from scipy.stats.t, written out).
 */
import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../analyses/dictionary.js';
import {
  CORRELATION_COLUMNS,
  correlationRows,
  meetingLabel,
  pearson,
  studentTwoSided,
  TREND_COLUMNS,
  TREND_TABLES,
  type TrendsPart,
  trendRows,
  trendsPart,
  trendTerms,
} from '../analyses/trends.js';
import { transcriptOf } from './helpers.js';

const dictionary = loadDictionary(
  'revisionism: [revisionis*]\nunity: [unity]\n',
  'dictionary.yaml',
);

describe('trendsPart', () => {
  it('counts keys and user terms per side, with the words spoken', () => {
    const t = transcriptOf(
      '1960-03-03_a.txt',
      'March 3, 1960\n\nComrade Enver Hoxha: Revisionists and revisionism [sic] threaten unity.\n\nChoe Yong Gon: Unity.\n',
    );
    const terms = trendTerms(dictionary, ['threat*', 'unity']);
    // "unity" is already a key: listed once, as the key.
    expect(terms).toEqual([
      { term: 'revisionism', kind: 'key' },
      { term: 'unity', kind: 'key' },
      { term: 'threat*', kind: 'term' },
    ]);
    const part = trendsPart({ dictionary, terms: ['threat*', 'unity'] })(t);
    expect(part.sides).toEqual([
      { side: 'Albania', words: 5, counts: [2, 1, 1] },
      { side: 'DPRK', words: 1, counts: [0, 1, 0] },
    ]);
    expect(structuredClone(part)).toEqual(part);
  });
});

const part = (
  docId: string,
  date: string,
  sides: TrendsPart['sides'],
  title = '',
  speakers: string[] = [],
): TrendsPart => ({ docId, date, title, speakers, sides });

describe('trendRows', () => {
  const terms = trendTerms(dictionary, []);
  const parts = [
    part(
      'b',
      '1960-01-11',
      [{ side: 'DPRK', words: 10_000, counts: [0, 2] }],
      'Record of a Conversation with Kim',
      ['Kim Il Sung'],
    ),
    part(
      'a',
      '1960-01-01',
      [{ side: 'Albania', words: 5, counts: [2, 0] }],
      'Report on a Meeting between Enver Hoxha and Choe Yong-geon',
      ['Enver Hoxha', 'Choe Yong-geon'],
    ),
  ];
  const rows = trendRows(parts, terms);

  it('puts meetings in date order on a categorical axis with the gaps stated', () => {
    expect([
      ...new Set(rows.map((r) => `${r.meeting} ${r.label} ${r.days_since_previous}`)),
    ]).toEqual([
      '1 1960-01-01 · Enver Hoxha – Choe Yong-geon null',
      '2 1960-01-11 · Kim Il Sung 10',
    ]);
  });

  it('gives the rate per 10,000 words with the exact Poisson interval', () => {
    const r = rows.find(
      (x) => x.doc_id === 'a' && x.side === 'Albania' && x.term === 'revisionism',
    )!;
    expect([r.count, r.words, r.per_10k]).toEqual([2, 5, 4000]);
    // Garwood: [χ²(0.025; 4) / 2, χ²(0.975; 6) / 2] = [0.24221, 7.22469] (scipy.stats.chi2), × 10,000/5.
    expect(r.ci_low).toBeCloseTo(484.4185570879299, 2);
    expect(r.ci_high).toBeCloseTo(14449.37533544792, 2);
    // A zero count: lower end 0, upper χ²(0.975; 2) / 2 = 3.68888 per 10,000 words here.
    const z = rows.find((x) => x.doc_id === 'b' && x.side === 'DPRK' && x.term === 'revisionism')!;
    expect([z.count, z.ci_low]).toEqual([0, 0]);
    expect(z.ci_high).toBeCloseTo(3.688879454113935, 4);
  });

  it('writes "all" first, then each side of the meeting', () => {
    expect(
      rows.filter((r) => r.doc_id === 'a').map((r) => `${r.side}:${r.term}:${r.count}`),
    ).toEqual(['all:revisionism:2', 'all:unity:0', 'Albania:revisionism:2', 'Albania:unity:0']);
  });

  it('labels a meeting by its date and who spoke, keeping the title whole beside it', () => {
    expect(rows.find((r) => r.doc_id === 'b')!.title).toBe('Record of a Conversation with Kim');
    const many = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    expect(meetingLabel({ docId: 'x', date: '', speakers: many })).toBe(
      'undated · A – B – C – D – E and 2 others',
    );
    expect(meetingLabel({ docId: 'x', date: '1960-01-01', speakers: [] })).toBe('1960-01-01 · x');
  });
});

describe('correlations', () => {
  // Rates per 10,000 words = counts (10,000 words a meeting); a sixth meeting with
  // 40 words is under minWords and left out.
  const x = [10, 20, 0, 5, 15];
  const y = [1, 3, 0, 2, 2];
  const parts = x.map((a, i) =>
    part(`d${i}`, `1960-01-0${i + 1}`, [{ side: 'Albania', words: 10_000, counts: [a, y[i]!] }]),
  );
  parts.push(part('d9', '1960-02-01', [{ side: 'Albania', words: 40, counts: [5, 0] }]));
  const terms = trendTerms(dictionary, []);

  it("gives Pearson's r with n and the two-sided p from five meetings", () => {
    const rows = correlationRows(trendRows(parts, terms), terms);
    expect(rows.map((r) => [r.side, r.term_a, r.term_b, r.n])).toEqual([
      ['all', 'revisionism', 'unity', 5],
      ['Albania', 'revisionism', 'unity', 5],
    ]);
    // By hand: means 10 and 1.6; Σdxdy = 30, Σdx² = 250, Σdy² = 5.2; r = 30 / √1300.
    expect(rows[0]!.r).toBeCloseTo(30 / Math.sqrt(1300), 12);
    expect(rows[0]!.r).toBeCloseTo(0.8320502943378435, 12);
    // scipy.stats.pearsonr(x, y).pvalue = 0.0805095732984986
    expect(rows[0]!.p).toBeCloseTo(0.0805095732984986, 10);
  });

  it('gives no p-value under five meetings', () => {
    const rows = correlationRows(trendRows(parts.slice(1), terms), terms);
    expect(rows[0]).toMatchObject({ n: 4, p: null });
    expect(rows[0]!.r).toBeCloseTo(pearson(x.slice(1), y.slice(1))!, 12);
  });

  it('gives no r for a term with the same rate everywhere', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('studentTwoSided', () => {
  it('matches scipy.stats.t for odd and even degrees of freedom', () => {
    // 2 * scipy.stats.t.sf(t, df)
    const cases: Array<[number, number, number]> = [
      [1, 1, 0.5000000000000001],
      [2, 2, 0.18350341907227397],
      [3, 3, 0.0576688856224373],
      [2.5, 4, 0.06676654481198814],
      [1.7, 7, 0.1329288967825552],
      [0.3, 10, 0.7703206075657986],
    ];
    for (const [t, df, p] of cases) expect(studentTwoSided(t, df)).toBeCloseTo(p, 12);
    // df = 2 in closed form: 1 − t / √(t² + 2).
    expect(studentTwoSided(2, 2)).toBeCloseTo(1 - 2 / Math.sqrt(6), 14);
  });
});

describe('codebook', () => {
  it('documents every column of trends.csv and correlations.csv, in order', () => {
    expect(TREND_TABLES.map((f) => [f.name, f.columns.map((c) => c.name)])).toEqual([
      ['trends', TREND_COLUMNS],
      ['correlations', CORRELATION_COLUMNS],
    ]);
  });
});
