import { describe, expect, it } from 'vitest';
import {
  lexicalDiversityFigure,
  lexicalDiversityPoints,
  lexicalDiversityRows,
  mergeLexicalDiversity,
  movingAverageTtr,
} from '../analyses/lexical-diversity.js';
import type { Results } from '../analyses/tables.js';
import { MAX_TIME_MEETINGS } from '../pipeline/figures/kit.js';
import { transcript } from './fixtures/analyses/corpus.js';

describe('movingAverageTtr', () => {
  it('averages the type-token ratio of every window', () => {
    // Windows of 2: ab, ba, ac — two types each.
    expect(movingAverageTtr(['a', 'b', 'a', 'c'], 2)).toBe(1);
    // Windows of 3: aba (2 types), bac (3 types): (2 + 3) / 2 / 3.
    expect(movingAverageTtr(['a', 'b', 'a', 'c'], 3)).toBeCloseTo(5 / 6, 12);
    // Windows of 2 over a a a b: aa (1), aa (1), ab (2).
    expect(movingAverageTtr(['a', 'a', 'a', 'b'], 2)).toBeCloseTo(4 / 6, 12);
  });

  it('is the plain ratio for exactly one window, and none for less', () => {
    expect(movingAverageTtr(['a', 'b', 'a'], 3)).toBeCloseTo(2 / 3, 12);
    expect(movingAverageTtr(['a', 'b'], 3)).toBeNull();
    expect(movingAverageTtr([], 1)).toBeNull();
  });

  it('does not fall for longer speech of the same variety, as types ÷ tokens does', () => {
    const cycle = (n: number) => Array.from({ length: n }, (_, i) => `w${i % 10}`);
    expect(movingAverageTtr(cycle(50), 10)).toBe(1);
    expect(movingAverageTtr(cycle(5000), 10)).toBe(1);
  });
});

describe('lexicalDiversityRows', () => {
  const meeting = transcript('d1', '1961-02-10', [
    ['A', 'Albania', 'The party, the Party and the people'],
    ['B', 'DPRK', 'Yes'],
    ['A', 'Albania', 'party people'],
  ]);

  it('counts each speaker’s words lower-cased, turns joined in order', () => {
    expect(lexicalDiversityRows(meeting, 3)).toEqual([
      {
        doc_id: 'd1',
        date: '1961-02-10',
        speaker: 'A',
        side: 'Albania',
        tokens: 9,
        types: 4,
        // the party the | party the party | the party and | party and the | and the people |
        // the people party | people party people: 2, 2, 3, 3, 3, 3, 2 types.
        mattr: 18 / 7 / 3,
      },
      {
        doc_id: 'd1',
        date: '1961-02-10',
        speaker: 'B',
        side: 'DPRK',
        tokens: 1,
        types: 1,
        mattr: null,
      },
    ]);
    // Tokens are the words turn_stats.csv counts.
    const a = meeting.turns.filter((t) => t.speaker === 'A').reduce((n, t) => n + t.words, 0);
    expect(lexicalDiversityRows(meeting)[0]!.tokens).toBe(a);
  });

  it('merges documents by doc_id and speaker, whatever their order', () => {
    const other = transcript('d0', '1962-01-01', [['C', 'DPRK', 'one two three']]);
    const parts = [lexicalDiversityRows(meeting), lexicalDiversityRows(other)];
    const merged = mergeLexicalDiversity(parts);
    expect(merged.map((r) => [r.doc_id, r.speaker])).toEqual([
      ['d0', 'C'],
      ['d1', 'A'],
      ['d1', 'B'],
    ]);
    expect(mergeLexicalDiversity([...parts].reverse())).toEqual(merged);
  });
});

describe('lexicalDiversityFigure', () => {
  it('draws only speaker-meetings long enough for a window, and nothing with fewer than two', () => {
    const row = (doc_id: string, date: string, mattr: number | null) => ({
      doc_id,
      date,
      speaker: 'A',
      side: 'Albania',
      tokens: 120,
      types: 80,
      mattr,
    });
    const results = (rows: ReturnType<typeof row>[]) => ({ lexicalDiversity: rows }) as Results;
    expect(lexicalDiversityFigure(results([row('d1', '1960-01-01', 0.7)]))).toBeUndefined();
    const fig = lexicalDiversityFigure(
      results([
        row('d2', '1961-01-01', 0.75),
        row('d1', '1960-01-01', 0.7),
        row('d3', '', 0.8),
        row('d4', '1962-01-01', null),
      ]),
    )!;
    expect(fig.data.map((d) => d.doc_id)).toEqual(['d1', 'd2']);
    expect(fig.alt).toContain('2 speaker-meetings');
  });

  it('pools a side’s calendar year, weighted by words, above the meetings a time series shows', () => {
    const rows = Array.from({ length: MAX_TIME_MEETINGS + 1 }, (_, i) => ({
      doc_id: `d${String(i).padStart(3, '0')}`,
      date: i % 2 === 0 ? '1960-03-01' : '1961-03-01',
      speaker: 'A',
      side: 'Albania',
      tokens: i % 4 === 0 ? 300 : 100,
      types: 50,
      mattr: i % 4 === 0 ? 0.8 : 0.6,
    }));
    const { data, yearly } = lexicalDiversityPoints(rows);
    expect(yearly).toBe(true);
    // 1960: 16 meetings at 0.8 with 300 words, 15 at 0.6 with 100 (even i, every other one i % 4 = 0).
    expect(data.map((d) => [d.date, d.tokens])).toEqual([
      ['1960-07-01', 16 * 300 + 15 * 100],
      ['1961-07-01', 30 * 100],
    ]);
    expect(data[0]!.mattr).toBeCloseTo(
      (16 * 300 * 0.8 + 15 * 100 * 0.6) / (16 * 300 + 15 * 100),
      4,
    );
    expect(data[1]!.mattr).toBe(0.6);
  });
});
