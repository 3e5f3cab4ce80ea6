import { describe, expect, it } from 'vitest';
import { TermCounts, Vocabulary } from '../analyses/counts.js';
import { keynessFromUnits } from '../analyses/keyness.js';
import { type SpeakerDoc, termTablesFromUnits } from '../analyses/terms.js';

describe('TermCounts', () => {
  it('reads like the Map it was made from, in the same order', () => {
    const vocab = new Vocabulary();
    const map = new Map([
      ['peace', 3],
      ['revisionism', 1],
      ['party', 7],
    ]);
    const c = TermCounts.from(map, vocab);
    TermCounts.from(new Map([['party', 2]]), vocab); // shares the vocabulary
    expect([...c]).toEqual([...map]);
    expect([...c.keys()]).toEqual([...map.keys()]);
    expect([...c.values()]).toEqual([3, 1, 7]);
    expect(c.size).toBe(3);
    expect(c.get('party')).toBe(7);
    expect(c.get('absent')).toBeUndefined();
    expect(c.has('peace')).toBe(true);
    expect(vocab.terms).toEqual(['peace', 'revisionism', 'party']);
    expect(() => TermCounts.from(new Map([['x', 1.5]]), vocab)).toThrow(/expected a count/);
  });

  it('gives the same terms and keyness tables as Maps', () => {
    const unit = (doc: string, speaker: string, side: string, counts: Array<[string, number]>) => ({
      doc_id: doc,
      date: `19${doc.slice(1)}-01-01`,
      speaker,
      side,
      words: counts.reduce((s, [, n]) => s + n, 0) + 10,
      counts: new Map(counts),
    });
    const units: SpeakerDoc[] = [
      unit('d59', 'Enver Hoxha', 'Albania', [
        ['revisionism', 6],
        ['party', 4],
        ['peace', 1],
      ]),
      unit('d59', 'Choe Yong-geon', 'DPRK', [
        ['party', 5],
        ['peace', 6],
      ]),
      unit('d64', 'Enver Hoxha', 'Albania', [
        ['revisionism', 9],
        ['khrushchev', 7],
      ]),
      unit('d64', 'An Yong', 'DPRK', [
        ['party', 6],
        ['peace', 2],
        ['revisionism', 1],
      ]),
    ];
    const vocab = new Vocabulary();
    const compact = units.map((u) => ({ ...u, counts: TermCounts.from(u.counts, vocab) }));
    expect(termTablesFromUnits(compact)).toEqual(termTablesFromUnits(units));
    const keyness = keynessFromUnits(units);
    expect(keynessFromUnits(compact)).toEqual(keyness);
    // range_target / range_reference: documents using the term on each side.
    const rev = keyness.find((r) => r.target === 'Albania' && r.term === 'revisionism');
    expect(rev?.range_target).toBe(2);
    expect(rev?.range_reference).toBe(1);
  });
});

describe('termsCsv', () => {
  it('writes the bytes toCsv gives for termRows rows, in chunks', async () => {
    const { termsCsv } = await import('../pipeline/write-tables.js');
    const { toCsv } = await import('../pipeline/csv.js');
    const { TERM_COLUMNS, termRows } = await import('../analyses/terms.js');
    const vocab = new Vocabulary();
    const units: SpeakerDoc[] = [
      [
        'd2',
        'An Yong',
        'DPRK',
        40,
        [
          ['peace', 3],
          ['we, the people', 1],
          ['"quoted"', 2],
        ],
      ],
      [
        'd1',
        'Enver Hoxha',
        'Albania',
        7,
        [
          ['revisionism', 2],
          ['peace', 2],
          ['party', 5],
        ],
      ],
      ['d1', 'Choe Yong-geon', 'DPRK', 0, [['peace', 1]]],
    ].map(([doc, speaker, side, words, counts]) => ({
      doc_id: doc as string,
      date: '1960-01-01',
      speaker: speaker as string,
      side: side as string,
      words: words as number,
      counts: TermCounts.from(new Map(counts as Array<[string, number]>), vocab),
    }));
    const rows = termRows(units);
    const expected = toCsv(rows, TERM_COLUMNS);
    const written = Buffer.concat([...termsCsv(units, TERM_COLUMNS)]).toString('utf8');
    expect(written).toBe(expected);
    expect(rows.map((r) => `${r.doc_id}/${r.speaker}/${r.term}`).slice(0, 4)).toEqual([
      'd1/Choe Yong-geon/peace',
      'd1/Enver Hoxha/party',
      'd1/Enver Hoxha/peace',
      'd1/Enver Hoxha/revisionism',
    ]);
    expect(() => [...termsCsv(units, ['term', 'count'])]).toThrow(/termsCsv writes/);
  });
});

describe('TermCounts.without', () => {
  it('drops the given terms and keeps the rest in order, as a compact copy', () => {
    const vocabulary = new Vocabulary();
    const map = new Map([
      ['comrade', 2],
      ['hoxha', 3],
      ['party', 1],
      ['enver', 1],
    ]);
    const counts = TermCounts.from(map, vocabulary);
    const less = counts.without(new Set(['hoxha', 'enver', 'absent']));
    expect(less).toBeInstanceOf(TermCounts);
    expect([...less]).toEqual([
      ['comrade', 2],
      ['party', 1],
    ]);
    expect(less.has('hoxha')).toBe(false);
    expect(less.get('party')).toBe(1);
    // The original is unchanged.
    expect([...counts]).toEqual([...map]);
  });
});
