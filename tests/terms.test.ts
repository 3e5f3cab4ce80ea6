import { describe, expect, it } from 'vitest';
import { CODEBOOK, codebook } from '../analyses/codebook.js';
import { DOCUMENT_COLUMNS, TURN_COLUMNS } from '../analyses/corpus-tables.js';
import { KEYNESS_COLUMNS } from '../analyses/keyness.js';
import { KWIC_COLUMNS } from '../analyses/kwic.js';
import { PHRASE_COLUMNS, PHRASE_FORM_COLUMNS } from '../analyses/phrases.js';
import { speakerDocs, TERM_COLUMNS, termTablesFromUnits, yearOf } from '../analyses/terms.js';
import { TURN_STAT_COLUMNS } from '../analyses/turn-stats.js';
import { annotated, times } from './fixtures/analyses/corpus.js';

// Speaker-documents: (d1, A) 200 words, (d1, B) 50 words, (d2, A) 100 words; N = 3.
const docs = [
  annotated('d1', '1960-01-01', [
    ['A', 'Albania', 100, [...times('unity', 3), 'war', 'we']],
    ['B', 'DPRK', 50, ['unity', 'korea', 'we', 'korea']],
    ['A', 'Albania', 100, ['war']],
  ]),
  annotated('d2', '1964-05-01', [['A', 'Albania', 100, ['korea', ...times('war', 4), 'we']]]),
];

// unity, war and korea are used in 2 of the 3 speaker-documents: idf = ln(3/2);
// "we" in all 3: idf = ln(3/3) = 0.
const idf = Math.log(3 / 2);

describe('termTablesFromUnits', () => {
  it('counts terms per speaker per document with rates and tf-idf', async () => {
    const r = termTablesFromUnits(speakerDocs(docs));
    const row = (
      doc_id: string,
      date: string,
      speaker: string,
      side: string,
      term: string,
      count: number,
      words: number,
      df: number,
    ) => ({
      doc_id,
      date,
      speaker,
      side,
      term,
      count,
      per_10k: (count * 10_000) / words,
      tf_idf: (count / words) * Math.log(3 / df),
    });
    expect(r.terms).toEqual([
      row('d1', '1960-01-01', 'A', 'Albania', 'unity', 3, 200, 2),
      row('d1', '1960-01-01', 'A', 'Albania', 'war', 2, 200, 2),
      row('d1', '1960-01-01', 'A', 'Albania', 'we', 1, 200, 3),
      row('d1', '1960-01-01', 'B', 'DPRK', 'korea', 2, 50, 2),
      row('d1', '1960-01-01', 'B', 'DPRK', 'unity', 1, 50, 2),
      row('d1', '1960-01-01', 'B', 'DPRK', 'we', 1, 50, 3),
      row('d2', '1964-05-01', 'A', 'Albania', 'war', 4, 100, 2),
      row('d2', '1964-05-01', 'A', 'Albania', 'korea', 1, 100, 2),
      row('d2', '1964-05-01', 'A', 'Albania', 'we', 1, 100, 3),
    ]);
    // Spelled out once: 3 / 200 × ln(3/2) and 150 per 10,000 words.
    expect(r.terms[0]!.tf_idf).toBeCloseTo(0.015 * idf, 12);
    expect(r.terms[0]!.per_10k).toBe(150);
    expect(r.terms[2]!.tf_idf).toBe(0);
    expect(r.terms).toHaveLength(9);
  });

  it('groups by side, year and speaker with ranks that break ties by term', async () => {
    const r = termTablesFromUnits(speakerDocs(docs));
    expect(r.bySide).toEqual([
      { side: 'Albania', term: 'war', count: 6, words: 300, per_10k: 200, rank: 1 },
      { side: 'Albania', term: 'unity', count: 3, words: 300, per_10k: 100, rank: 2 },
      { side: 'Albania', term: 'we', count: 2, words: 300, per_10k: 2e4 / 300, rank: 3 },
      { side: 'Albania', term: 'korea', count: 1, words: 300, per_10k: 1e4 / 300, rank: 4 },
      { side: 'DPRK', term: 'korea', count: 2, words: 50, per_10k: 400, rank: 1 },
      { side: 'DPRK', term: 'unity', count: 1, words: 50, per_10k: 200, rank: 2 },
      { side: 'DPRK', term: 'we', count: 1, words: 50, per_10k: 200, rank: 3 },
    ]);
    expect(r.byYear).toEqual([
      { year: 1960, term: 'unity', count: 4, words: 250, per_10k: 160, rank: 1 },
      { year: 1960, term: 'korea', count: 2, words: 250, per_10k: 80, rank: 2 },
      { year: 1960, term: 'war', count: 2, words: 250, per_10k: 80, rank: 3 },
      { year: 1960, term: 'we', count: 2, words: 250, per_10k: 80, rank: 4 },
      { year: 1964, term: 'war', count: 4, words: 100, per_10k: 400, rank: 1 },
      { year: 1964, term: 'korea', count: 1, words: 100, per_10k: 100, rank: 2 },
      { year: 1964, term: 'we', count: 1, words: 100, per_10k: 100, rank: 3 },
    ]);
    expect(r.bySpeaker).toEqual([
      { speaker: 'A', side: 'Albania', term: 'war', count: 6, words: 300, per_10k: 200, rank: 1 },
      { speaker: 'A', side: 'Albania', term: 'unity', count: 3, words: 300, per_10k: 100, rank: 2 },
      {
        speaker: 'A',
        side: 'Albania',
        term: 'we',
        count: 2,
        words: 300,
        per_10k: 2e4 / 300,
        rank: 3,
      },
      {
        speaker: 'A',
        side: 'Albania',
        term: 'korea',
        count: 1,
        words: 300,
        per_10k: 1e4 / 300,
        rank: 4,
      },
      { speaker: 'B', side: 'DPRK', term: 'korea', count: 2, words: 50, per_10k: 400, rank: 1 },
      { speaker: 'B', side: 'DPRK', term: 'unity', count: 1, words: 50, per_10k: 200, rank: 2 },
      { speaker: 'B', side: 'DPRK', term: 'we', count: 1, words: 50, per_10k: 200, rank: 3 },
    ]);
  });

  it('does not depend on the order of documents', async () => {
    const a = termTablesFromUnits(speakerDocs(docs));
    const b = termTablesFromUnits(speakerDocs([...docs].reverse()));
    expect(b.terms).toEqual(a.terms);
    expect(b.bySide).toEqual(a.bySide);
    expect(b.byYear).toEqual(a.byYear);
  });

  it('handles an empty corpus', async () => {
    const r = termTablesFromUnits(speakerDocs([]));
    expect([r.terms, r.bySide, r.byYear, r.bySpeaker]).toEqual([[], [], [], []]);
  });

  it('reads the year of ISO dates, 0 when unknown', () => {
    expect([yearOf('1966-09-07'), yearOf(''), yearOf('n.d.')]).toEqual([1966, 0, 0]);
  });
});

describe('codebook', () => {
  const columnsOf = (file: string) =>
    CODEBOOK.find((f) => f.file === file)?.columns.map((c) => c.name);

  it('documents every column the analyses write, in order', () => {
    expect(columnsOf('documents.csv')).toEqual([...DOCUMENT_COLUMNS]);
    expect(columnsOf('turns.csv')).toEqual([...TURN_COLUMNS]);
    expect(columnsOf('terms.csv')).toEqual([...TERM_COLUMNS]);
    expect(columnsOf('phrases.csv')).toEqual([...PHRASE_COLUMNS]);
    expect(columnsOf('phrase_forms.csv')).toEqual([...PHRASE_FORM_COLUMNS]);
    expect(columnsOf('kwic.csv')).toEqual([...KWIC_COLUMNS]);
    expect(columnsOf('keyness.csv')).toEqual([...KEYNESS_COLUMNS]);
    expect(columnsOf('turn_stats.csv')).toEqual([...TURN_STAT_COLUMNS]);
    expect(columnsOf('terms_by_side.csv')).toEqual([
      'side',
      'term',
      'count',
      'words',
      'per_10k',
      'rank',
    ]);
    expect(columnsOf('terms_by_year.csv')).toEqual([
      'year',
      'term',
      'count',
      'words',
      'per_10k',
      'rank',
    ]);
    expect(columnsOf('terms_by_speaker.csv')).toEqual([
      'speaker',
      'side',
      'term',
      'count',
      'words',
      'per_10k',
      'rank',
    ]);
  });

  it('covers the sentiment tables and renders every file', () => {
    const text = codebook();
    for (const f of [
      'sentences.csv',
      'sentiment.csv',
      'sentiment_arc.csv',
      'sentiment_drivers.csv',
      'sentiment_targets.csv',
      '<table>.json',
    ]) {
      expect(text).toContain(`## ${f}`);
    }
    for (const f of CODEBOOK) expect(text).toContain(`## ${f.file}`);
  });
});
