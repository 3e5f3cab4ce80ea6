import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, WORD } from '../pipeline/words.js';

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
