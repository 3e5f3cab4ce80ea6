import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDictionary, matchDictionary } from '../analyses/dictionary.js';
import { kwicRows } from '../analyses/kwic.js';
import { phraseTables } from '../analyses/phrases.js';
import { countWords } from '../pipeline/words.js';
import { transcript } from './fixtures/analyses/corpus.js';
import { corpus, dict } from './fixtures/analyses/phrases-corpus.js';

describe('kwicRows', () => {
  it('gives one line per match with its context and place in the meeting', () => {
    const base = { date: '1960-01-01' };
    const A = { ...base, doc_id: 'd1', speaker: 'A', side: 'Albania' };
    const B = { ...base, doc_id: 'd1', speaker: 'B', side: 'DPRK' };
    // Positions: words spoken in d1 before the match ÷ 12 words in d1.
    expect(kwicRows(corpus, dict, { terms: ['more'] })).toEqual([
      {
        phrase: 'more',
        ...A,
        turn: 3,
        left: '',
        match: 'More',
        right: ' revisionists.',
        position: 10 / 12,
      },
      {
        phrase: 'revisionism',
        ...A,
        turn: 1,
        left: 'The ',
        match: 'revisionists',
        right: ' and the Soviet Union. Revisionism!',
        position: 1 / 12,
      },
      {
        phrase: 'revisionism',
        ...A,
        turn: 1,
        left: 'The revisionists and the Soviet Union. ',
        match: 'Revisionism',
        right: '!',
        position: 6 / 12,
      },
      {
        phrase: 'revisionism',
        ...A,
        turn: 3,
        left: 'More ',
        match: 'revisionists',
        right: '.',
        position: 11 / 12,
      },
      {
        phrase: 'soviet-union',
        ...A,
        turn: 1,
        left: 'The revisionists and the ',
        match: 'Soviet Union',
        right: '. Revisionism!',
        position: 4 / 12,
      },
      {
        phrase: 'soviet-union',
        date: '1966-01-01',
        doc_id: 'd2',
        speaker: 'C',
        side: 'DPRK',
        turn: 1,
        left: '',
        match: 'Soviet-Union',
        right: '',
        position: 0,
      },
      {
        phrase: 'unity',
        ...B,
        turn: 2,
        left: '',
        match: 'Unity',
        right: ' and unity.',
        position: 7 / 12,
      },
      {
        phrase: 'unity',
        ...B,
        turn: 2,
        left: 'Unity and ',
        match: 'unity',
        right: '.',
        position: 9 / 12,
      },
    ]);
  });

  it('cuts the context to the width', () => {
    const rows = kwicRows(corpus, dict, { width: 5 }).filter((r) => r.match === 'Soviet Union');
    expect(rows.map((r) => [r.left, r.right])).toEqual([['the ', '. Rev']]);
  });

  it('names an extra term that is also a key apart from the key', () => {
    const rows = kwicRows(corpus, dict, { terms: ['unity'] });
    expect(rows.filter((r) => r.phrase === 'unity')).toHaveLength(2);
    expect(rows.filter((r) => r.phrase === 'unity (term)')).toHaveLength(2);
  });

  it('has as many lines per key as phrases.csv counts (property)', () => {
    const d = loadDictionary(
      'a: [marxist-leninist]\nb: [revisionis*]\nc: [soviet union, soviet*]\nd: [n. s. khrushchev, khrushchev*]\ne:\n  independent: true\n  patterns: [union]\n',
      'd.yaml',
    );
    const piece = fc.constantFrom(
      'Marxist - Leninist',
      'Marxist-Leninist s',
      'Marxism',
      'revisionists',
      'Revisionism',
      'Soviet Union',
      'soviet',
      'Union',
      'N.S. Khrushchev',
      'N. S.',
      'Khrushchevian',
      'the',
      'and',
      ',',
      '.',
      '\n\n',
    );
    const turnText = fc.array(piece, { maxLength: 30 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('A', 'B'), turnText), { minLength: 1, maxLength: 5 }),
        (turns) => {
          const t = transcript(
            'x',
            '1961-01-01',
            turns.map(([s, text]) => [s, s === 'A' ? 'Albania' : 'DPRK', text]),
          );
          const lines = kwicRows([t], d);
          const { phrases } = phraseTables([t], d);
          for (const e of d.entries) {
            const count = phrases
              .filter((p) => p.phrase === e.key)
              .reduce((s, p) => s + p.count, 0);
            expect(lines.filter((l) => l.phrase === e.key)).toHaveLength(count);
          }
          for (const l of lines) expect(l.position >= 0 && l.position < 1).toBe(true);
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('places each match by the words spoken before it (property)', () => {
    const d = loadDictionary('a: [anti-imperialis*, imperialis*]\nb: [soviet union]\n', 'd.yaml');
    const piece = fc.constantFrom(
      'anti-imperialist',
      'imperialists',
      'Soviet  Union',
      'the',
      '—',
      'x-y',
      '\n\n',
      ',',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.array(piece, { maxLength: 10 }),
        (a, b) => {
          const first = a.join(' ');
          const second = b.join('');
          const t = transcript('x', '1961-01-01', [
            ['A', 'Albania', first],
            ['B', 'DPRK', second],
          ]);
          const total = countWords(first) + countWords(second);
          const expected = [
            ...matchDictionary(d, first).map((m) => countWords(first.slice(0, m.start)) / total),
            ...matchDictionary(d, second).map(
              (m) => (countWords(first) + countWords(second.slice(0, m.start))) / total,
            ),
          ].sort();
          expect(
            kwicRows([t], d)
              .map((r) => r.position)
              .sort(),
          ).toEqual(expected);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    expect(kwicRows(corpus, dict, { terms: ['the'] })).toEqual(
      kwicRows(corpus, dict, { terms: ['the'] }),
    );
  });
});
