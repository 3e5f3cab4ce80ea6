import { describe, expect, it } from 'vitest';
import type { Analysis } from '../analyses/contract.js';
import { documentRows, turnRows } from '../analyses/corpus-tables.js';
import { ANALYSES, runAnalyses } from '../analyses/index.js';
import { turnStatRows } from '../analyses/turn-stats.js';
import { annotated, transcript } from './fixtures/analyses/corpus.js';
import { corpus, dict } from './fixtures/analyses/phrases-corpus.js';

const meeting = transcript('d1', '1961-02-10', [
  ['A', 'Albania', 'one two three four'],
  ['B', 'DPRK', 'one two'],
  ['A', 'Albania', 'one two three four five six'],
  ['B', 'DPRK', 'one two three four five six seven eight'],
]);

describe('turnStatRows', () => {
  it('gives shares, mean and longest turn, and who opens and closes', () => {
    // 4 turns, 20 words: A 2 turns / 10 words, B 2 turns / 10 words.
    expect(turnStatRows([meeting])).toEqual([
      {
        doc_id: 'd1',
        date: '1961-02-10',
        speaker: 'A',
        side: 'Albania',
        turns: 2,
        words: 10,
        share_turns: 0.5,
        share_words: 0.5,
        mean_turn_words: 5,
        longest_turn_words: 6,
        opens: true,
        closes: false,
      },
      {
        doc_id: 'd1',
        date: '1961-02-10',
        speaker: 'B',
        side: 'DPRK',
        turns: 2,
        words: 10,
        share_turns: 0.5,
        share_words: 0.5,
        mean_turn_words: 5,
        longest_turn_words: 8,
        opens: false,
        closes: true,
      },
    ]);
  });

  it('handles a one-speaker meeting and keeps documents apart', () => {
    const solo = transcript('d0', '1959-01-01', [['C', 'DPRK', 'a b c']]);
    const rows = turnStatRows([meeting, solo]);
    expect(rows.map((r) => [r.doc_id, r.speaker, r.share_words, r.opens, r.closes])).toEqual([
      ['d0', 'C', 1, true, true],
      ['d1', 'A', 0.5, true, false],
      ['d1', 'B', 0.5, false, true],
    ]);
  });
});

describe('corpus tables', () => {
  it('gives one row per document and per turn', () => {
    expect(documentRows([meeting])).toEqual([
      {
        doc_id: 'd1',
        date: '1961-02-10',
        date_precision: 'day',
        title: 'Meeting d1',
        source_file: 'd1.txt',
        source_format: 'txt',
        sha256: 'sha-d1',
        speakers: 'A; B',
        turns: 4,
        words: 20,
        // A transcript built by hand, not by segment(), carries no record kind.
        speech: '',
        archive_ref: 'AQPPSH',
        translator: 'T',
        source_url: 'https://example.org',
        participants: '',
        warnings: 0,
      },
    ]);
    expect(turnRows([meeting]).map((r) => [r.turn, r.speaker, r.side, r.words, r.text])).toEqual([
      [1, 'A', 'Albania', 4, 'one two three four'],
      [2, 'B', 'DPRK', 2, 'one two'],
      [3, 'A', 'Albania', 6, 'one two three four five six'],
      [4, 'B', 'DPRK', 8, 'one two three four five six seven eight'],
    ]);
  });
});

describe('runAnalyses', () => {
  const ctx = {
    transcripts: corpus,
    // One annotation per transcript (the second with no term counted).
    annotated: [
      annotated('d1', '1960-01-01', [['A', 'Albania', 9, ['revisionist']]]),
      annotated('d2', '1966-01-01', []),
    ],
    dictionary: dict,
    stopwords: [],
    kwicTerms: ['more'],
  };

  it('runs every registered analysis and fills their tables', async () => {
    const t = await runAnalyses(ctx);
    expect(ANALYSES.map((a) => a.id)).toEqual(
      expect.arrayContaining(['corpus', 'terms', 'phrases', 'keyness', 'kwic', 'turn-stats']),
    );
    expect(t.documents).toHaveLength(2);
    expect(t.turns).toHaveLength(4);
    expect(t.terms).toHaveLength(1);
    expect(t.phrases).toHaveLength(9);
    expect(t.kwic).toHaveLength(8);
    expect(t.turnStats).toHaveLength(3);
    expect(t.termsBySpeaker.length).toBeGreaterThan(0);
    expect(t.termsByYear.length).toBeGreaterThan(0);
    expect(t.termsBySide).toEqual([
      { side: 'Albania', term: 'revisionist', count: 1, words: 9, per_10k: 10_000 / 9, rank: 1 },
    ]);
  });

  it('refuses two analyses writing the same table', async () => {
    const twice: Analysis = {
      id: 'again',
      description: '',
      defaults: {},
      tables: [ANALYSES[0]!.tables[1]!],
      merge: () => ({ turns: [] }),
    };
    await expect(runAnalyses(ctx, [ANALYSES[0]!, twice])).rejects.toThrow(
      'expected each table from one analysis, found "turns" from both corpus and again',
    );
  });

  it('refuses an analysis returning a table it does not declare', async () => {
    const stray: Analysis = {
      id: 'stray',
      description: '',
      defaults: {},
      tables: [],
      merge: () => ({ turns: [] }),
    };
    await expect(runAnalyses(ctx, [stray])).rejects.toThrow(
      'analysis stray returned the table "turns", which it does not declare',
    );
  });
});
