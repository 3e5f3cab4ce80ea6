import { describe, expect, it } from 'vitest';
import {
  chiSquare1P,
  erfc,
  g2,
  keynessFromUnits,
  logRatio,
  withoutPresentNames,
} from '../analyses/keyness.js';
import { speakerDocs } from '../analyses/terms.js';
import type { KeynessRow } from '../analyses/types.js';
import type { AnnotatedDocument } from '../pipeline/types.js';
import { annotated, times } from './fixtures/analyses/corpus.js';
import { shippedComparisons } from './helpers.js';

/** The keyness rows of whole documents, as the analysis computes them from their speaker-documents. */
const keynessRows = (
  docs: readonly AnnotatedDocument[],
  options?: Parameters<typeof keynessFromUnits>[1],
) => keynessFromUnits(speakerDocs(docs), options);

describe('g2 (Dunning 1993) on 2×2 tables computed by hand', () => {
  it('a=10, b=5, n1=100, n2=200', () => {
    // Cells: a=10, b=5, c=90, d=195; N=300; row totals 15 and 285; column totals 100 and 200.
    // E = row × column / N: 15·100/300 = 5, 15·200/300 = 10, 285·100/300 = 95, 285·200/300 = 190.
    // Σ O ln(O/E) = 10 ln 2 + 5 ln 0.5 + 90 ln(90/95) + 195 ln(195/190)
    //             = 6.9314718 − 3.4657359 − 4.8660499 + 5.0652198 = 3.6649058
    // G² = 2 × 3.6649058 = 7.3298117
    expect(g2(10, 5, 100, 200)).toBeCloseTo(7.329811674, 8);
    // Log Ratio = log2((10/100) / (5/200)) = log2(4) = 2
    expect(logRatio(10, 5, 100, 200)).toBe(2);
    // p = P(χ²₁ ≥ 7.3298) = erfc(√(7.3298/2)) = 0.0067820
    expect(chiSquare1P(g2(10, 5, 100, 200))).toBeCloseTo(0.006782016, 8);
  });

  it('a=0, b=8, n1=100, n2=100 (a zero cell)', () => {
    // E: 8·100/200 = 4, 4, 192·100/200 = 96, 96. Cells a=0 (0·ln 0 = 0), b=8, c=100, d=92.
    // Σ = 0 + 8 ln 2 + 100 ln(100/96) + 92 ln(92/96) = 5.5451774 + 4.0821995 − 3.9154845 = 5.7118924
    // G² = 11.4237847
    expect(g2(0, 8, 100, 100)).toBeCloseTo(11.42378474, 8);
    // Zero count replaced by 0.5: log2((0.5/100) / (8/100)) = log2(1/16) = −4
    expect(logRatio(0, 8, 100, 100)).toBe(-4);
  });

  it('a=3, b=1, n1=40, n2=60', () => {
    // E: 4·40/100 = 1.6, 4·60/100 = 2.4, 96·40/100 = 38.4, 96·60/100 = 57.6; c=37, d=59.
    // Σ = 3 ln(3/1.6) + 1 ln(1/2.4) + 37 ln(37/38.4) + 59 ln(59/57.6)
    //   = 1.8858260 − 0.8754687 − 1.3741632 + 1.4168777 = 1.0530717; G² = 2.1061434
    expect(g2(3, 1, 40, 60)).toBeCloseTo(2.1061434, 8);
  });

  it('is 0 when the relative frequencies are equal', () => {
    expect(g2(2, 4, 100, 200)).toBeCloseTo(0, 12);
    expect(logRatio(2, 4, 100, 200)).toBe(0);
  });
});

describe('erfc and the chi-square tail', () => {
  it('matches published values', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 14);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 14);
    expect(erfc(2) / 0.004677734981047266).toBeCloseTo(1, 12);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 12);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 10);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 14);
  });

  it('gives the usual critical values of χ² with 1 df', () => {
    expect(chiSquare1P(3.841458820694124)).toBeCloseTo(0.05, 12);
    expect(chiSquare1P(6.634896601021214)).toBeCloseTo(0.01, 12);
    expect(chiSquare1P(10.827566170662733)).toBeCloseTo(0.001, 12);
    expect(chiSquare1P(0)).toBe(1);
  });
});

describe('keynessFromUnits', () => {
  // A (Albania) 100 words in d1; B (DPRK) 100 words in d1; C (DPRK) 100 words in d2.
  const docs = [
    annotated('d1', '1959-06-06', [
      ['A', 'Albania', 100, [...times('revisionist', 10), ...times('we', 2), 'rare']],
      ['B', 'DPRK', 100, [...times('revisionist', 2), ...times('friend', 4)]],
    ]),
    annotated('d2', '1966-01-01', [
      ['C', 'DPRK', 100, [...times('revisionist', 3), ...times('friend', 4), ...times('we', 4)]],
    ]),
  ];
  const row = (
    comparison: string,
    target: string,
    reference: string,
    term: string,
    a: number,
    b: number,
    n1: number,
    n2: number,
    rangeTarget: number,
    rangeReference: number,
  ): KeynessRow => {
    const g = g2(a, b, n1, n2);
    return {
      comparison,
      target,
      reference,
      term,
      count_target: a,
      count_reference: b,
      g2: g,
      p: chiSquare1P(g),
      log_ratio: logRatio(a, b, n1, n2),
      range_target: rangeTarget,
      range_reference: rangeReference,
    };
  };

  // The comparisons as the shipped corpus.yaml states them.
  const shipped = shippedComparisons();

  it('compares sides, each speaker with the rest, and periods; rows by comparison, g2 desc, term', () => {
    const P = 'period:1959-1961 vs 1964-1966';
    const S = 'side:Albania vs DPRK';
    // "rare" (1 use) is under the minimum frequency of 5 everywhere.
    expect(keynessRows(docs, { comparisons: shipped })).toEqual([
      row(P, '1959-1961', '1964-1966', 'we', 2, 4, 200, 100, 1, 1),
      row(P, '1959-1961', '1964-1966', 'revisionist', 12, 3, 200, 100, 1, 1),
      row(P, '1959-1961', '1964-1966', 'friend', 4, 4, 200, 100, 1, 1),
      row(S, 'Albania', 'DPRK', 'revisionist', 10, 5, 100, 200, 1, 2),
      row(S, 'Albania', 'DPRK', 'friend', 0, 8, 100, 200, 0, 2),
      row(S, 'Albania', 'DPRK', 'we', 2, 4, 100, 200, 1, 1),
      row('speaker:A vs rest', 'A', 'rest', 'revisionist', 10, 5, 100, 200, 1, 2),
      row('speaker:A vs rest', 'A', 'rest', 'friend', 0, 8, 100, 200, 0, 2),
      row('speaker:A vs rest', 'A', 'rest', 'we', 2, 4, 100, 200, 1, 1),
      row('speaker:B vs rest', 'B', 'rest', 'we', 0, 6, 100, 200, 0, 2),
      row('speaker:B vs rest', 'B', 'rest', 'revisionist', 2, 13, 100, 200, 1, 2),
      row('speaker:B vs rest', 'B', 'rest', 'friend', 4, 4, 100, 200, 1, 1),
      row('speaker:C vs rest', 'C', 'rest', 'we', 4, 2, 100, 200, 1, 1),
      row('speaker:C vs rest', 'C', 'rest', 'revisionist', 3, 12, 100, 200, 1, 1),
      row('speaker:C vs rest', 'C', 'rest', 'friend', 4, 4, 100, 200, 1, 1),
    ]);
    expect(keynessRows(docs, { comparisons: shipped })[3]!.g2).toBeCloseTo(7.329811674, 8);
  });

  it('without a configuration compares the two sides with the most words and the first and last third of the dates', () => {
    const rows = keynessRows(docs, { speakers: false });
    // DPRK spoke 200 words, Albania 100: DPRK is the target. The dates span
    // 1959-06-06 … 1966-01-01 is 2,401 days; a third is 800 days (1959-06-06 + 800 = 1961-08-14).
    expect([...new Set(rows.map((r) => r.comparison))]).toEqual([
      'period:1959-06-06 to 1961-08-14 vs 1963-10-24 to 1966-01-01',
      'side:DPRK vs Albania',
    ]);
    const friend = rows.find((r) => r.comparison.startsWith('side:') && r.term === 'friend')!;
    expect([friend.count_target, friend.count_reference]).toEqual([8, 0]);
  });

  it('pools a group of sides and leaves a period comparison without documents out', () => {
    const three = [
      ...docs,
      annotated('d3', '1962-01-01', [['D', 'China', 100, times('friend', 6)]]),
    ];
    const rows = keynessRows(three, {
      speakers: false,
      comparisons: {
        sides: {
          target: { name: 'Albania', sides: ['Albania'] },
          reference: { name: 'DPRK + China', sides: ['DPRK', 'China'] },
          source: 'corpus.yaml',
          left_out: [],
        },
        periods: {
          target: { name: 'fifties', from: '1950-01-01', to: '1951-12-31' },
          reference: { name: 'sixties', from: '1960-01-01', to: '1966-12-31' },
          source: 'corpus.yaml',
        },
      },
    });
    expect([...new Set(rows.map((r) => r.comparison))]).toEqual(['side:Albania vs DPRK + China']);
    const friend = rows.find((r) => r.term === 'friend')!;
    expect([friend.count_target, friend.count_reference, friend.range_reference]).toEqual([
      0, 14, 3,
    ]);
  });

  it('applies the minimum frequency and skips empty comparisons', () => {
    const rows = keynessRows(docs, {
      minFrequency: 13,
      speakers: false,
      comparisons: {
        ...shipped,
        periods: {
          target: { name: '1950-1951', from: '1950-01-01', to: '1951-12-31' },
          reference: { name: '1959-1966', from: '1959-01-01', to: '1966-12-31' },
          source: 'corpus.yaml',
        },
      },
    });
    expect(rows.map((r) => [r.comparison, r.term])).toEqual([
      ['side:Albania vs DPRK', 'revisionist'],
    ]);
    expect(
      keynessRows(docs, { minFrequency: 1, comparisons: shipped }).some((r) => r.term === 'rare'),
    ).toBe(true);
  });

  it('does not depend on document order', () => {
    expect(keynessRows([...docs].reverse())).toEqual(keynessRows(docs));
  });
});

describe('withoutPresentNames', () => {
  it('drops each meeting’s present names from that meeting’s counts only, words unchanged', () => {
    const units = [
      {
        doc_id: 'a',
        date: '1960-01-01',
        speaker: 'X',
        side: 'DPRK',
        words: 10,
        counts: new Map([
          ['enver hoxha', 2],
          ['rice', 1],
        ]),
      },
      {
        doc_id: 'b',
        date: '1961-01-01',
        speaker: 'X',
        side: 'DPRK',
        words: 5,
        counts: new Map([['enver hoxha', 1]]),
      },
    ];
    const out = withoutPresentNames(units, new Map([['a', new Set(['enver hoxha'])]]));
    expect([...out[0]!.counts]).toEqual([['rice', 1]]);
    expect(out[0]!.words).toBe(10);
    expect(out[1]).toBe(units[1]);
    expect([...units[0]!.counts.keys()]).toEqual(['enver hoxha', 'rice']);
  });
});
