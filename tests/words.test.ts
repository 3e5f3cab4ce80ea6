import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, findWords, WORD } from '../pipeline/words.js';

/** The definition itself: the number of WORD matches. */
function byRegex(text: string): number {
  return [...text.matchAll(new RegExp(WORD.source, WORD.flags))].length;
}

// Letters (ASCII, accented, Cyrillic, an astral letter), digits, every joiner,
// dashes that are not joiners, spaces, punctuation and a lone surrogate.
const PIECES = [
  'a',
  'Z',
  'é',
  'ë',
  'Ж',
  '𝐀',
  '7',
  '٣',
  "'",
  '’',
  '‐',
  '-',
  '–',
  '—',
  ' ',
  '\n',
  '.',
  ',',
  '(',
  '\ud800',
];

describe('countWords', () => {
  it('counts a word with inner joiners once and skips lone dashes', () => {
    expect(countWords('Marxist-Leninist')).toBe(1);
    expect(countWords('Marxist - Leninist')).toBe(2);
    expect(countWords('the Workers’ Party – of Korea')).toBe(5);
    expect(countWords("don't stop--now")).toBe(3);
    expect(countWords('')).toBe(0);
    expect(countWords(' – ')).toBe(0);
  });

  it('gives the same count as the WORD regex on random text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(countWords(text)).toBe(byRegex(text));
      }),
      { numRuns: 5000, seed: 1959 },
    );
  });
});

/** The definition: each WORD match's offsets [start, end). */
function offsetsByRegex(text: string): Array<[number, number]> {
  return [...text.matchAll(new RegExp(WORD.source, WORD.flags))].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
}

function offsetsByScan(text: string, size: number): Array<[number, number]> {
  const out = { starts: new Int32Array(size), ends: new Int32Array(size) };
  const n = findWords(text, out);
  return Array.from({ length: n }, (_, i) => [out.starts[i]!, out.ends[i]!] as [number, number]);
}

// Besides PIECES: letters whose case mapping is unusual (İ lower-cases to two
// code units, Σ to σ or ς), a combining accent (not a letter), a lone low
// surrogate, and an astral digit.
const MORE_PIECES = [...PIECES, 'İ', 'Σ', 'ς', 'ı', 'e\u0301', '\udc00', '𝟘', 'ǅ'];

describe('findWords', () => {
  it('finds a word with inner joiners once, with its offsets', () => {
    expect(offsetsByScan("don't stop--now", 4)).toEqual([
      [0, 5],
      [6, 10],
      [12, 15],
    ]);
    expect(offsetsByScan('𝐀b – c-', 0)).toEqual([
      [0, 3],
      [6, 7],
    ]);
    expect(offsetsByScan('', 0)).toEqual([]);
  });

  it('finds the same words at the same offsets as the WORD regex on random text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...MORE_PIECES), fc.string({ unit: 'binary' })), {
          maxLength: 40,
        }),
        fc.nat(8),
        (parts, size) => {
          const text = parts.join('');
          // Small buffers as well, so that they have to grow.
          expect(offsetsByScan(text, size)).toEqual(offsetsByRegex(text));
        },
      ),
      { numRuns: 5000, seed: 1961 },
    );
  });
});
