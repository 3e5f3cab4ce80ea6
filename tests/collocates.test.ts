/**
 * Collocates (analyses/collocates.ts) on a corpus small enough to count by
 * hand: the 2×2 tables, G², MI, t-score and logDice worked out below, the
 * window's edges (editorial insertion, paragraph break, turn boundary), and
 * merging the per-document parts in any order.
 */
import { describe, expect, it } from 'vitest';
import {
  association,
  COLLOCATE_COLUMNS,
  COLLOCATE_TABLES,
  type CollocateRow,
  collocateNodes,
  collocateRows,
  collocatesPart,
  comparedPeriods,
  mergeCollocates,
} from '../analyses/collocates.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { stopwordSet } from '../analyses/stopwords.js';
import { transcriptOf } from './helpers.js';

const dictionary = loadDictionary(
  'revisionism: [revisionis*]\nunity: [unity]\n',
  'dictionary.yaml',
);
const stopwords = stopwordSet(['and']);

// Enver Hoxha's speech falls into four stretches (analyses/stretches.ts):
//   S1 modern revisionists                   ← "[sic]" ends it
//   S2 attack unity and peace peace and unity defeat revisionists   ← paragraph ends it
//   S3 unity wins                            (turn 1, second paragraph)
//   S4 peace defeat revisionists             (turn 3)
// Choe Yong-geon's: unity fears revisionists (turn 2).
const doc1 = transcriptOf(
  '1960-03-03_a.txt',
  'March 3, 1960\n\n' +
    'Comrade Enver Hoxha: Modern revisionists [sic] attack unity and peace. Peace and unity defeat revisionists.\n\n' +
    'Unity wins.\n\n' +
    'Choe Yong Gon: Unity fears revisionists.\n\n' +
    'Comrade Enver Hoxha: Peace defeat revisionists.\n',
);
const doc2 = transcriptOf(
  '1965-05-05_b.txt',
  'May 5, 1965\n\nComrade Enver Hoxha: Revisionists defeat peace and unity.\n',
);
const doc3 = transcriptOf(
  '1966-06-06_c.txt',
  'June 6, 1966\n\nChoe Yong Gon: Peace, peace, modern revisionists.\n',
);

const settings = {
  dictionary,
  keys: ['revisionism'] as string[],
  terms: [] as string[],
  stopwords,
};
const window = { left: 3, right: 2 };
/** The periods keyness compares on the shipped corpus (its corpus.yaml). */
const PERIODS = [
  { name: '1959-1961', from: '1959-01-01', to: '1961-12-31' },
  { name: '1964-1966', from: '1964-01-01', to: '1966-12-31' },
];

function rowsOf(
  docs: (typeof doc1)[],
  minFrequency: number,
  extra: Partial<typeof settings> = {},
): CollocateRow[] {
  const s = { ...settings, ...extra, window };
  const part = collocatesPart(s);
  return collocateRows(mergeCollocates(docs.map(part), PERIODS), collocateNodes(s), minFrequency);
}

function expectRow(actual: CollocateRow | undefined, expected: CollocateRow): void {
  expect(actual).toBeDefined();
  for (const [k, v] of Object.entries(expected)) {
    const a = (actual as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number') expect(a, k).toBeCloseTo(v, 10);
    else expect(a, k).toBe(v);
  }
}

describe('association measures', () => {
  it('match the 2×2 table worked out by hand', () => {
    // O11 = 2, f_n = 3, f_c = 2, W = 6, N = 13:
    //              c      not c
    //   window     2        4      | 6
    //   outside    0        7      | 7
    //              2       11      | 13
    // E11 = 6·2/13 = 12/13, E12 = 6·11/13 = 66/13, E21 = 7·2/13 = 14/13, E22 = 7·11/13 = 77/13.
    const a = association(2, 3, 2, 6, 13);
    expect(a.expected).toBeCloseTo(12 / 13, 12);
    // G² = 2 Σ O ln(O/E); the cell with O = 0 adds nothing.
    const g2 =
      2 * (2 * Math.log(2 / (12 / 13)) + 4 * Math.log(4 / (66 / 13)) + 7 * Math.log(7 / (77 / 13)));
    expect(g2).toBeCloseTo(3.524228550658267, 12);
    expect(a.g2).toBeCloseTo(g2, 12);
    // MI = log2(2 / (12/13)) = log2(13/6)
    expect(a.mi).toBeCloseTo(Math.log2(13 / 6), 12);
    expect(a.mi).toBeCloseTo(1.1154772174199359, 12);
    // t = (2 − 12/13) / √2 = (14/13) / √2
    expect(a.t_score).toBeCloseTo(14 / 13 / Math.SQRT2, 12);
    expect(a.t_score).toBeCloseTo(0.7614996105085896, 12);
    // logDice = 14 + log2(2·2 / (3 + 2)) = 14 + log2(0.8)
    expect(a.log_dice).toBeCloseTo(13.678071905112638, 12);
  });

  it('a collocate less frequent than expected: negative MI and t', () => {
    // O11 = 1, f_c = 3, W = 6, N = 13: E11 = 18/13; table [1, 5; 2, 5].
    const a = association(1, 3, 3, 6, 13);
    const e = [18 / 13, (6 * 10) / 13, (7 * 3) / 13, (7 * 10) / 13];
    const o = [1, 5, 2, 5];
    const g2 = 2 * o.reduce((s, x, i) => s + x * Math.log(x / e[i]!), 0);
    expect(a.g2).toBeCloseTo(g2, 12);
    expect(a.g2).toBeCloseTo(0.26279895552112653, 12);
    expect(a.mi).toBeCloseTo(Math.log2(13 / 18), 12);
    expect(a.t_score).toBeCloseTo(1 - 18 / 13, 12);
    expect(a.log_dice).toBeCloseTo(14 + Math.log2(2 / 6), 12);
  });
});

describe('collocates of a dictionary key', () => {
  const rows = rowsOf([doc1], 1).filter(
    (r) => r.group_type === 'speaker' && r.group === 'Enver Hoxha',
  );

  it('counts the window inside stretches only (insertion, paragraph and turn edges)', () => {
    // Matches of revisionis*: S1 word 2, S2 word 9, S4 word 3 (f_n = 3, 3 node words).
    // Windows (3 left, 2 right): S1 {modern} (the insertion stops "attack unity"),
    // S2 {and, unity, defeat} (the paragraph break stops "unity wins"),
    // S4 {peace, defeat} (the turn boundary stops Choe's words). W = 6.
    // Words 16, N = 16 − 3 = 13.
    expect(rows.map((r) => r.collocate)).toEqual(['defeat', 'modern', 'peace', 'unity']);
    expect(rows.map((r) => r.collocate)).not.toContain('attack');
    expect(rows.map((r) => r.collocate)).not.toContain('wins');
    expect(rows.map((r) => r.collocate)).not.toContain('fears');
    for (const r of rows) {
      expect(r.window_words).toBe(6);
      expect(r.words).toBe(13);
      expect(r.node_freq).toBe(3);
    }
  });

  it('gives exact rows, ranked by logDice and (attracted only) by G²', () => {
    const base = {
      group_type: 'speaker',
      group: 'Enver Hoxha',
      node: 'revisionism',
      node_kind: 'key',
      node_freq: 3,
      window_words: 6,
      words: 13,
    };
    // defeat: O11 2, f_c 2 (the table of the first test).
    expectRow(rows[0], {
      ...base,
      collocate: 'defeat',
      observed: 2,
      expected: 12 / 13,
      collocate_freq: 2,
      g2: 3.524228550658267,
      mi: Math.log2(13 / 6),
      t_score: 14 / 13 / Math.SQRT2,
      log_dice: 14 + Math.log2(4 / 5),
      rank_log_dice: 1,
      rank_g2: 1,
    });
    // modern: O11 1, f_c 1; E11 = 6/13; table [1, 5; 0, 7].
    expectRow(rows[1], {
      ...base,
      collocate: 'modern',
      observed: 1,
      expected: 6 / 13,
      collocate_freq: 1,
      g2:
        2 *
        (1 * Math.log(1 / (6 / 13)) + 5 * Math.log(5 / (72 / 13)) + 7 * Math.log(7 / (84 / 13))),
      mi: Math.log2(13 / 6),
      t_score: 1 - 6 / 13,
      log_dice: 14 + Math.log2(2 / 4),
      rank_log_dice: 2,
      rank_g2: 2,
    });
    // peace and unity: O11 1, f_c 3 (the second test's table); tied on logDice, then by name.
    for (const [i, word] of [
      [2, 'peace'],
      [3, 'unity'],
    ] as const) {
      expectRow(rows[i], {
        ...base,
        collocate: word,
        observed: 1,
        expected: 18 / 13,
        collocate_freq: 3,
        g2: 0.26279895552112653,
        mi: Math.log2(13 / 18),
        t_score: 1 - 18 / 13,
        log_dice: 14 + Math.log2(2 / 6),
        rank_log_dice: i + 1,
        rank_g2: null,
      });
    }
  });

  it('leaves out stop words as collocates but keeps them in the window and N', () => {
    expect(rows.map((r) => r.collocate)).not.toContain('and');
  });

  it('refuses a window that is not a whole number of words, 0 or more', () => {
    for (const bad of [
      { left: -1, right: 5 },
      { left: 5, right: -2 },
      { left: 2.5, right: 5 },
    ])
      expect(() => collocatesPart({ ...settings, window: bad })).toThrow(RangeError);
    expect(() => collocatesPart({ ...settings, window: { left: 0, right: 0 } })).not.toThrow();
  });

  it('drops rows under the minimum frequency', () => {
    const two = rowsOf([doc1], 2).filter((r) => r.group === 'Enver Hoxha');
    expect(two.map((r) => r.collocate)).toEqual(['defeat']);
  });

  it('takes its periods from the comparison: their names, and none without one', () => {
    const part = collocatesPart({ ...settings, window });
    const parts = [doc1, doc2, doc3].map(part);
    const groupsOf = (periods: typeof PERIODS) =>
      new Set(
        collocateRows(mergeCollocates(parts, periods), collocateNodes(settings), 1)
          .filter((r) => r.group_type === 'period')
          .map((r) => r.group),
      );
    expect(groupsOf([])).toEqual(new Set());
    const named = [{ name: 'before the split', from: '1959-01-01', to: '1961-06-30' }];
    expect(groupsOf(named)).toEqual(new Set(['before the split']));
    expect(comparedPeriods(undefined)).toEqual([]);
  });

  it('sums groups: corpus, side, period, side-period, speaker', () => {
    const all = rowsOf([doc1, doc2, doc3], 1);
    const groups = [...new Set(all.map((r) => `${r.group_type}:${r.group}`))];
    expect(groups).toEqual([
      'corpus:all',
      'side:Albania',
      'side:DPRK',
      'period:1959-1961',
      'period:1964-1966',
      'side-period:Albania 1959-1961',
      'side-period:Albania 1964-1966',
      'side-period:DPRK 1959-1961',
      'side-period:DPRK 1964-1966',
      'speaker:Choe Yong-geon',
      'speaker:Enver Hoxha',
    ]);
    // Corpus: words 16 + 3 + 5 + 4 = 28, 6 matches; N = 22.
    // Windows: doc1 Hoxha 6, Choe {unity, fears} 2; doc2 {defeat, peace} 2; doc3 {peace, peace, modern} 3 → W = 13.
    const defeat = all.find((r) => r.group_type === 'corpus' && r.collocate === 'defeat')!;
    expect([
      defeat.words,
      defeat.window_words,
      defeat.node_freq,
      defeat.observed,
      defeat.collocate_freq,
    ]).toEqual([22, 13, 6, 3, 3]);
  });
});

describe('collocates of a command-line term', () => {
  it('uses the term as its own pattern', () => {
    const rows = rowsOf([doc1], 1, { keys: [], terms: ['peace'] }).filter(
      (r) => r.group_type === 'corpus',
    );
    // peace in S2 (words 4 and 5) and S4 (word 1): windows S2 {attack, unity, and} ∪ {and, unity}
    // over words 1–3 and 6–7, S4 {defeat, revisionists} → W = 5 + 2 = 7.
    expect(rows.every((r) => r.node === 'peace' && r.node_kind === 'term')).toBe(true);
    expect(rows.find((r) => r.collocate === 'unity')?.observed).toBe(2);
    expect(rows[0]?.window_words).toBe(7);
  });
});

describe('merging', () => {
  it('gives the same rows in any order of the parts', () => {
    const part = collocatesPart({ ...settings, window });
    const parts = [doc1, doc2, doc3].map(part);
    const nodes = collocateNodes(settings);
    const want = collocateRows(mergeCollocates(parts, PERIODS), nodes, 1);
    expect(want.length).toBeGreaterThan(0);
    for (const order of [
      [2, 1, 0],
      [1, 0, 2],
      [0, 2, 1],
    ]) {
      const got = collocateRows(
        mergeCollocates(
          order.map((i) => parts[i]!),
          PERIODS,
        ),
        nodes,
        1,
      );
      expect(got).toEqual(want);
    }
  });

  it('parts survive structured cloning', () => {
    const part = collocatesPart({ ...settings, window })(doc1);
    expect(structuredClone(part)).toEqual(part);
  });
});

describe('codebook', () => {
  it('documents every column of collocates.csv, in order', () => {
    expect(COLLOCATE_TABLES[0]!.columns.map((c) => c.name)).toEqual(COLLOCATE_COLUMNS);
  });
});
