import { describe, expect, it } from 'vitest';
import { phraseTables } from '../analyses/phrases.js';
import { corpus, dict } from './fixtures/analyses/phrases-corpus.js';

describe('phraseTables', () => {
  it('counts every key for every speaker in every document, zeros included', () => {
    const row = (
      doc_id: string,
      date: string,
      speaker: string,
      side: string,
      phrase: string,
      count: number,
      words: number,
    ) => ({
      doc_id,
      date,
      speaker,
      side,
      phrase,
      count,
      words,
      per_10k: (count * 10_000) / words,
    });
    expect(phraseTables(corpus, dict).phrases).toEqual([
      row('d1', '1960-01-01', 'A', 'Albania', 'revisionism', 3, 9),
      row('d1', '1960-01-01', 'A', 'Albania', 'soviet-union', 1, 9),
      row('d1', '1960-01-01', 'A', 'Albania', 'unity', 0, 9),
      row('d1', '1960-01-01', 'B', 'DPRK', 'revisionism', 0, 3),
      row('d1', '1960-01-01', 'B', 'DPRK', 'soviet-union', 0, 3),
      row('d1', '1960-01-01', 'B', 'DPRK', 'unity', 2, 3),
      row('d2', '1966-01-01', 'C', 'DPRK', 'revisionism', 0, 1),
      row('d2', '1966-01-01', 'C', 'DPRK', 'soviet-union', 1, 1),
      row('d2', '1966-01-01', 'C', 'DPRK', 'unity', 0, 1),
    ]);
  });

  it('lists every surface form with its count', () => {
    expect(phraseTables(corpus, dict).phraseForms).toEqual([
      { phrase: 'revisionism', form: 'revisionists', count: 2 },
      { phrase: 'revisionism', form: 'Revisionism', count: 1 },
      { phrase: 'soviet-union', form: 'Soviet Union', count: 1 },
      { phrase: 'soviet-union', form: 'Soviet-Union', count: 1 },
      { phrase: 'unity', form: 'Unity', count: 1 },
      { phrase: 'unity', form: 'unity', count: 1 },
    ]);
  });

  it('forms add up to the counts', () => {
    const { phrases, phraseForms } = phraseTables(corpus, dict);
    for (const e of dict.entries) {
      const counted = phrases.filter((p) => p.phrase === e.key).reduce((s, p) => s + p.count, 0);
      const formed = phraseForms.filter((f) => f.phrase === e.key).reduce((s, f) => s + f.count, 0);
      expect(formed).toBe(counted);
    }
  });
});
