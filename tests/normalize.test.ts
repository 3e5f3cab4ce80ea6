import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysisForm, normalizeText } from '../pipeline/normalize.js';

const norm = (s: string) => normalizeText(s).text;

describe('normalizeText', () => {
  it('unifies line ends, odd spaces, markdown and web leftovers', () => {
    const input =
      'Skip to content\r\n\r\n**Notes taken during a Meeting\r\nand Choe Yong-geon**\r\n\r\nTito spent \\$45\u00a0million.\u200b\r\n';
    expect(norm(input)).toBe(
      'Notes taken during a Meeting and Choe Yong-geon\n\nTito spent $45 million.',
    );
  });

  it('rejoins a paragraph split by a page break mid-sentence', () => {
    expect(
      norm('This will be a very great gain for\n\nAlbania because we work.\n\nNext one.'),
    ).toBe('This will be a very great gain for Albania because we work.\n\nNext one.');
    expect(
      norm('the imperialists, including the American, etc. and\n\neven the Turks attacked.'),
    ).toBe('the imperialists, including the American, etc. and even the Turks attacked.');
  });

  it('does not join signatures, labels or finished sentences', () => {
    expect(norm('Haxhi Kroi\n\nEnver Hoxha meets with him.')).toBe(
      'Haxhi Kroi\n\nEnver Hoxha meets with him.',
    );
    expect(
      norm('We were talking about the many things that we did and\n\nComrade Enver Hoxha: Yes.'),
    ).toBe('We were talking about the many things that we did and\n\nComrade Enver Hoxha: Yes.');
  });

  it('repairs stray spaces before punctuation and the stray plural', () => {
    expect(norm('greetings from Comrade Choe Yong-geon .')).toBe(
      'greetings from Comrade Choe Yong-geon.',
    );
    expect(norm('we remain Marxist-Leninist s, this role')).toBe(
      'we remain Marxist-Leninists, this role',
    );
    expect(norm('It  is   so ( as  you know ) .')).toBe('It is so (as you know).');
  });

  it('leaves a bare "s" after a short word alone (a record cut off mid-word)', () => {
    expect(norm('the meaning can be s')).toBe('the meaning can be s');
    expect(norm('it ’s the party ’s role')).toBe('it’s the party’s role');
  });

  it('composes to NFC', () => {
    expect(norm('Kryeministri e\u0301')).toBe('Kryeministri é');
  });

  it('is idempotent and yields NFC text with no CR, tabs or double spaces (property)', () => {
    const pieces = fc.constantFrom(
      'a',
      'b',
      'Marxist',
      ' - ',
      ' – ',
      'Leninist',
      ' s',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\r\n',
      '.',
      ',',
      ':',
      '(',
      ')',
      '[',
      ']',
      '**',
      '\\$',
      '\u00a0',
      '\u200b',
      'e\u0301',
      'Comrade Enver Hoxha: ',
      'Skip to content',
      'for',
      'Albania',
      'and',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const once = norm(parts.join(''));
        expect(norm(once)).toBe(once);
        expect(once.normalize('NFC')).toBe(once);
        expect(once).not.toMatch(/\r|\t| {2}|\n{3}/);
      }),
      { numRuns: 400 },
    );
  });
});

describe('analysisForm', () => {
  it('makes dash variants of hyphenated terms one form, leaving parenthetical dashes', () => {
    expect(analysisForm('Marxist - Leninist, Marxism – Leninism and Marxist—Leninist')).toBe(
      'Marxist-Leninist, Marxism-Leninism and Marxist-Leninist',
    );
    expect(analysisForm('as a result – and there have been plenty – but')).toBe(
      'as a result – and there have been plenty – but',
    );
  });

  it('gives what the pattern alone gives, on random text (the quick test before it skips nothing)', () => {
    // Words of upper- and lower-case letters in and out of ASCII, astral
    // ones (𝐀 𝐚, 𐐀 𐐨), title case (ǅ) and letters of neither case, between
    // every dash, spaces and other characters.
    const upper = fc.constantFrom('M', 'Z', 'É', 'Ж', '𝐀', '𐐀', 'ǅ', '中');
    const lower = fc.constantFrom('a', 'rx', 'é', 'ж', '𝐚', '𐐨', 'ß', 'ª', '7');
    const word = fc
      .tuple(fc.option(upper), fc.array(lower, { minLength: 1, maxLength: 3 }))
      .map(([u, l]) => (u ?? '') + l.join(''));
    const between = fc.oneof(
      fc.constantFrom(
        '-',
        '‐',
        '‑',
        '–',
        '—',
        ' - ',
        '- ',
        ' -',
        ' – ',
        '  —',
        '–  ',
        ' ',
        '\n',
        '.',
        '\ud800',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    const pattern = /(\p{Lu}\p{Ll}+) *[-‐‑–—] *(?=\p{Lu}\p{Ll})/gu;
    fc.assert(
      fc.property(fc.array(fc.tuple(word, between), { maxLength: 12 }), (parts) => {
        const text = parts.flat().join('');
        expect(analysisForm(text)).toBe(text.replace(pattern, '$1-'));
      }),
      { numRuns: 5000, seed: 1960 },
    );
  });
});
