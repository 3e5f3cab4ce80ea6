import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanCi,
  quantileSorted,
  sentimentMethods,
  sentimentTables,
  targetMatcher,
} from '../analyses/sentiment/analysis.js';
import type { AnnotatedDocument, AnnotatedSentence } from '../pipeline/types.js';

const sent = (
  index: number,
  text: string,
  score: number,
  contributions: Array<[string, number]> = [],
): AnnotatedSentence => ({ index, text, score, covered: contributions.length > 0, contributions });

/** Two tiny conversations. Groups have one sentence or equal scores, so every interval is exact. */
function docs(): AnnotatedDocument[] {
  return [
    {
      docId: 'b-1961',
      date: '1961-02-10',
      sourceFile: 'b.txt',
      sha256: 'x',
      tokens: 0,
      turns: [
        {
          turn: 1,
          speaker: 'Enver Hoxha',
          side: 'Albania',
          words: 5,
          tokens: 5,
          terms: [],
          sentences: [
            sent(1, 'The Yugoslav revisionists are traitors.', -0.5, [['traitors', -0.5]]),
          ],
        },
      ],
    },
    {
      docId: 'a-1959',
      date: '1959-06-06',
      sourceFile: 'a.txt',
      sha256: 'y',
      tokens: 0,
      turns: [
        {
          turn: 2,
          speaker: 'Choe Yong Gon',
          side: 'DPRK',
          words: 8,
          tokens: 8,
          terms: [],
          sentences: [
            sent(2, 'We thank the Soviet Union.', 0.25, [['thank', 0.25]]),
            sent(1, 'Our friendship is great.', 0.25, [
              ['friendship', 0.15],
              ['great', 0.1],
            ]),
          ],
        },
        {
          turn: 1,
          speaker: 'Enver Hoxha',
          side: 'Albania',
          words: 6,
          tokens: 6,
          terms: [],
          sentences: [
            sent(1, 'Welcome to Albania.', 0.5, [['welcome', 0.5]]),
            sent(2, 'We met in Tirana.', 0),
          ],
        },
      ],
    },
  ];
}

const targets = [
  { key: 'albania', patterns: ['Albania*', 'Tirana'] },
  { key: 'soviet-union', patterns: ['Soviet Union', 'USSR'] },
  { key: 'yugoslavia', patterns: ['Yugoslav*', 'Tito*'] },
];

describe('sentimentTables', () => {
  const t = sentimentTables(docs(), { targets, bootstrap: 200 });

  it('lists sentences in date, document, turn and sentence order', () => {
    expect(t.sentences.map((s) => [s.doc_id, s.turn, s.sentence, s.sentiment, s.covered])).toEqual([
      ['a-1959', 1, 1, 0.5, true],
      ['a-1959', 1, 2, 0, false],
      ['a-1959', 2, 1, 0.25, true],
      ['a-1959', 2, 2, 0.25, true],
      ['b-1961', 1, 1, -0.5, true],
    ]);
    expect(t.sentences[0]).toEqual({
      doc_id: 'a-1959',
      date: '1959-06-06',
      speaker: 'Enver Hoxha',
      side: 'Albania',
      turn: 1,
      sentence: 1,
      sentiment: 0.5,
      covered: true,
      text: 'Welcome to Albania.',
    });
  });

  it('aggregates per document × speaker and × side', () => {
    const rows = t.sentiment.filter((r) => !(r.doc_id === 'a-1959' && r.side === 'Albania'));
    expect(rows).toEqual([
      {
        doc_id: 'a-1959',
        date: '1959-06-06',
        level: 'side',
        speaker: '',
        side: 'DPRK',
        sentences: 2,
        mean: 0.25,
        ci_low: 0.25,
        ci_high: 0.25,
        coverage: 1,
      },
      {
        doc_id: 'a-1959',
        date: '1959-06-06',
        level: 'speaker',
        speaker: 'Choe Yong Gon',
        side: 'DPRK',
        sentences: 2,
        mean: 0.25,
        ci_low: 0.25,
        ci_high: 0.25,
        coverage: 1,
      },
      {
        doc_id: 'b-1961',
        date: '1961-02-10',
        level: 'side',
        speaker: '',
        side: 'Albania',
        sentences: 1,
        mean: -0.5,
        ci_low: Number.NaN,
        ci_high: Number.NaN,
        coverage: 1,
      },
      {
        doc_id: 'b-1961',
        date: '1961-02-10',
        level: 'speaker',
        speaker: 'Enver Hoxha',
        side: 'Albania',
        sentences: 1,
        mean: -0.5,
        ci_low: Number.NaN,
        ci_high: Number.NaN,
        coverage: 1,
      },
    ]);
    const albania = t.sentiment.filter((r) => r.doc_id === 'a-1959' && r.side === 'Albania');
    expect(albania.map((r) => [r.level, r.sentences, r.mean, r.coverage])).toEqual([
      ['side', 2, 0.25, 0.5],
      ['speaker', 2, 0.25, 0.5],
    ]);
    // Resampling two values {0, 0.5}: means can only be 0, 0.25 or 0.5.
    for (const r of albania) {
      expect(r.ci_low).toBeGreaterThanOrEqual(0);
      expect(r.ci_high).toBeLessThanOrEqual(0.5);
      expect(r.ci_low).toBeLessThan(r.ci_high);
    }
  });

  it('gives the arc by turn', () => {
    expect(t.sentimentArc).toEqual([
      {
        doc_id: 'a-1959',
        date: '1959-06-06',
        turn: 1,
        speaker: 'Enver Hoxha',
        side: 'Albania',
        sentences: 2,
        mean: 0.25,
        sentences_covered: 1,
      },
      {
        doc_id: 'a-1959',
        date: '1959-06-06',
        turn: 2,
        speaker: 'Choe Yong Gon',
        side: 'DPRK',
        sentences: 2,
        mean: 0.25,
        sentences_covered: 2,
      },
      {
        doc_id: 'b-1961',
        date: '1961-02-10',
        turn: 1,
        speaker: 'Enver Hoxha',
        side: 'Albania',
        sentences: 1,
        mean: -0.5,
        sentences_covered: 1,
      },
    ]);
  });

  it('ranks driver words per year, side and polarity', () => {
    expect(t.sentimentDrivers).toEqual([
      {
        year: 1959,
        side: 'Albania',
        term: 'welcome',
        polarity: 'positive',
        sentences: 1,
        contribution: 0.5,
        rank: 1,
      },
      {
        year: 1959,
        side: 'DPRK',
        term: 'thank',
        polarity: 'positive',
        sentences: 1,
        contribution: 0.25,
        rank: 1,
      },
      {
        year: 1959,
        side: 'DPRK',
        term: 'friendship',
        polarity: 'positive',
        sentences: 1,
        contribution: 0.15,
        rank: 2,
      },
      {
        year: 1959,
        side: 'DPRK',
        term: 'great',
        polarity: 'positive',
        sentences: 1,
        contribution: 0.1,
        rank: 3,
      },
      {
        year: 1961,
        side: 'Albania',
        term: 'traitors',
        polarity: 'negative',
        sentences: 1,
        contribution: -0.5,
        rank: 1,
      },
    ]);
    const top1 = sentimentTables(docs(), { targets, topDrivers: 1 }).sentimentDrivers;
    expect(top1.map((d) => d.term)).toEqual(['welcome', 'thank', 'traitors']);
  });

  it('gives the tone of sentences that mention a target', () => {
    expect(t.sentimentTargets).toEqual([
      {
        year: 1959,
        target: 'albania',
        side: 'Albania',
        sentences: 2,
        mean: 0.25,
        ci_low: t.sentimentTargets[0]!.ci_low,
        ci_high: t.sentimentTargets[0]!.ci_high,
        coverage: 0.5,
      },
      {
        year: 1959,
        target: 'soviet-union',
        side: 'DPRK',
        sentences: 1,
        mean: 0.25,
        ci_low: Number.NaN,
        ci_high: Number.NaN,
        coverage: 1,
      },
      {
        year: 1961,
        target: 'yugoslavia',
        side: 'Albania',
        sentences: 1,
        mean: -0.5,
        ci_low: Number.NaN,
        ci_high: Number.NaN,
        coverage: 1,
      },
    ]);
  });

  it('gives identical output on two calls and whatever the input order', () => {
    const again = sentimentTables([...docs()].reverse(), { targets, bootstrap: 200 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(t));
  });
});

describe('bootstrapMeanCi', () => {
  it('returns the mean and no interval (NaN, an empty cell) for fewer than two values', () => {
    expect(bootstrapMeanCi([0.3], 2000, 1, 'k')).toEqual({
      mean: 0.3,
      low: Number.NaN,
      high: Number.NaN,
    });
    expect(Number.isNaN(bootstrapMeanCi([], 2000, 1, 'k').low)).toBe(true);
  });
  it('is seeded by seed and key', () => {
    const x = [0, 0.1, 0.5, -0.2, 0.9];
    expect(bootstrapMeanCi(x, 500, 7, 'k')).toEqual(bootstrapMeanCi(x, 500, 7, 'k'));
    expect(bootstrapMeanCi(x, 500, 7, 'k')).not.toEqual(bootstrapMeanCi(x, 500, 7, 'other'));
  });
  it('type-7 quantiles interpolate linearly', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });
});

describe('targetMatcher', () => {
  it('matches whole words, ignores case, expands a trailing *', () => {
    const m = targetMatcher(['Soviet Union', 'Khrushchev*', 'U.S.S.R.']);
    expect(m('the soviet  union said')).toBe(true);
    expect(m("Khrushchev's group")).toBe(true);
    expect(m('Khrushchevites')).toBe(true);
    expect(m('the U.S.S.R. and')).toBe(true);
    expect(m('Sovietology')).toBe(false);
    expect(m('a union')).toBe(false);
  });
});

describe('sentimentMethods', () => {
  it('cites the measured figures next to VADER and states the limits', () => {
    const text = sentimentMethods(
      [
        {
          file: 'nytEditorialSnippets_GroundTruth.dev.txt',
          scorer: 'project',
          n: 2568,
          pearson: 0.4911,
        },
        { file: 'tweets_GroundTruth.txt', scorer: 'project', n: 4200, pearson: 0.784 },
        { file: 'tweets_GroundTruth.txt', scorer: 'wink', n: 4200, pearson: 0.719 },
      ],
      0.6512,
    );
    expect(text).toContain(
      'New York Times editorials (development half) r = 0.491 (n = 2568; VADER 0.492',
    );
    expect(text).toContain('tweets r = 0.784 (n = 4200; VADER 0.881');
    expect(text).not.toContain('0.719');
    expect(text).toContain('65.1% of spoken sentences');
    expect(text).toContain('not stance');
  });
});
