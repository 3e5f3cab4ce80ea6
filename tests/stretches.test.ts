/**
 * Stretch words: each word's form is wordForm of that word alone, whatever
 * the rest of the text holds (the fast path lower-cases the whole text
 * once), and its offsets are those of its WORD match.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDictionary, matchDictionary } from '../analyses/dictionary.js';
import {
  formsOf,
  fromTurn,
  stretchMatches,
  turnStretches,
  wordForm,
} from '../analyses/stretches.js';
import { findWords, WORD } from '../pipeline/words.js';
import { FIXTURES, REPO, transcriptOf } from './helpers.js';

/** The definition: every WORD match, its own wordForm. */
function reference(text: string) {
  return [...text.matchAll(WORD)].map((m) => ({
    form: wordForm(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The words as turnStretches finds them: findWords, then formsOf. */
function wordsOf(text: string) {
  const offsets = { starts: new Int32Array(0), ends: new Int32Array(0) };
  const n = findWords(text, offsets);
  const out: Array<{ form: string; start: number; end: number }> = [];
  formsOf(text, offsets, n, (form, i) =>
    out.push({ form, start: offsets.starts[i]!, end: offsets.ends[i]! }),
  );
  return out;
}

describe('stretch words', () => {
  it.each([
    ['plain speech', 'Comrade Enver Hoxha said: the Soviet revisionists are splitters.'],
    ['curly apostrophe and hyphen variant', 'Hoxha’s view of the Marxist‐Leninist parties'],
    ['a letter whose lower case is longer (İ → i̇)', 'İstanbul and Izmir, then ÇANKIRI'],
    ['a capital sigma before a letter (σ, not final ς)', 'ΟΔΟΣ.Α and ΚΟΣΜΟΣ'],
    ['a final sigma at a word end', 'ΛΟΓΟΣ ΚΑΙ ΕΡΓΟΝ'],
    ['empty', ''],
    ['no words', ' — [ ] … '],
  ])('%s', (_, text) => {
    expect(wordsOf(text)).toEqual(reference(text));
  });

  it('are the WORD matches with their own forms on random text', () => {
    const pieces = ['a', 'Q', 'İ', 'I', 'ı', 'Σ', 'σ', 'ς', 'Ά', 'ß', 'ǅ', '𝐀', '𐐀', '7'];
    const joints = ["'", '’', '‐', '-', '–', ' ', '.', '\n', 'e\u0301', '\ud800'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...pieces, ...joints), fc.string({ unit: 'grapheme' })), {
          maxLength: 30,
        }),
        (parts) => {
          const text = parts.join('');
          expect(wordsOf(text)).toEqual(reference(text));
        },
      ),
      { numRuns: 3000, seed: 1962 },
    );
  });
});

describe('turnStretches', () => {
  it('give each stretch its words as numbers and offsets into its text', () => {
    const doc = transcriptOf(
      '1960-03-03_a.txt',
      'March 3, 1960\n\n' +
        'Comrade Enver Hoxha: The Marxist - Leninist parties [sic] of the ΚΟΣΜΟΣ. İstanbul’s party.\n\n' +
        'Choe Yong Gon: The parties.\n',
    );
    const stretches = turnStretches(doc);
    const seen = [...stretches.values()].flat().map((s) => ({
      text: s.text,
      words: Array.from(s.ids, (id, i) => ({
        form: stretches.forms[id]!,
        start: s.starts[i]!,
        end: s.ends[i]!,
      })),
    }));
    expect(seen.map((s) => s.text)).toEqual([
      'The Marxist-Leninist parties ',
      ' of the ΚΟΣΜΟΣ. İstanbul’s party.',
      'The parties.',
    ]);
    for (const s of seen) expect(s.words).toEqual(reference(s.text));
    // Numbered by form in order of first occurrence.
    expect(stretches.forms.slice(0, 4)).toEqual(['the', 'marxist-leninist', 'parties', 'of']);
  });
});

describe('stretchMatches', () => {
  const dictionary = loadDictionary(
    readFileSync(join(REPO, 'corpus', 'dictionary.yaml'), 'utf8'),
    'dictionary.yaml',
  );

  it('gives what matching each stretch gives, on the shipped and the real records', () => {
    const files = [
      ...readdirSync(join(REPO, 'corpus', 'raw')).map((f) => join(REPO, 'corpus', 'raw', f)),
      ...readdirSync(join(FIXTURES, 'real'))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => join(FIXTURES, 'real', f)),
    ];
    let turns = 0;
    let fromTurns = 0;
    for (const file of files) {
      const t = transcriptOf(file.split('/').pop()!, readFileSync(file));
      const stretches = turnStretches(t);
      for (const turn of t.turns) {
        const own = stretches.get(turn.turn) ?? [];
        if (own.length === 0) continue;
        turns++;
        const direct = own.map((s) => matchDictionary(dictionary, s.text));
        expect(stretchMatches(t, dictionary, turn.text, own)).toEqual(direct);
        const derived = fromTurn(turn.text, own, matchDictionary(dictionary, turn.text));
        if (derived) {
          fromTurns++;
          expect(derived).toEqual(direct);
        }
      }
    }
    // Most turns are taken from the turn's matches; the check above covers both ways.
    expect(turns).toBeGreaterThan(300);
    expect(fromTurns).toBeGreaterThan(turns / 2);
    expect(fromTurns).toBeLessThan(turns);
  });

  /** A one-turn record of Hoxha's speech, its turn and the turn's stretches. */
  const oneTurn = (speech: string) => {
    const t = transcriptOf(
      '1960-01-01_x.txt',
      `January 1, 1960\n\nComrade Enver Hoxha: ${speech}\n`,
    );
    const turn = t.turns[0]!;
    return { t, turn, own: turnStretches(t).get(turn.turn)! };
  };

  it('matches each stretch on its own where a match of the turn reaches across a break', () => {
    const dict = loadDictionary('soviet-union: [soviet union]\nsoviet: [soviet*]\n', 'd.yaml');
    const { t, turn, own } = oneTurn('We spoke of the Soviet\n\nUnion and of China.');
    expect(own.map((s) => s.text)).toEqual(['We spoke of the Soviet', 'Union and of China.']);
    // In the turn's text "Soviet Union" is one match, across the paragraph break.
    expect(matchDictionary(dict, turn.text).map((m) => m.key)).toEqual(['soviet-union']);
    expect(fromTurn(turn.text, own, matchDictionary(dict, turn.text))).toBeUndefined();
    const got = stretchMatches(t, dict, turn.text, own);
    expect(got.map((list) => list.map((m) => `${m.key}:${m.form}`))).toEqual([
      ['soviet:Soviet'],
      [],
    ]);
  });

  it('shifts the turn’s matches to each stretch’s own offsets', () => {
    const dict = loadDictionary('china: [china]\n', 'd.yaml');
    const { turn, own } = oneTurn('First China.\n\nThen China [sic] and China.');
    expect(own.length).toBe(3);
    const derived = fromTurn(turn.text, own, matchDictionary(dict, turn.text));
    expect(derived).toBeDefined();
    expect(derived!.map((list) => list.map((m) => [m.start, m.end]))).toEqual(
      own.map((s) => matchDictionary(dict, s.text).map((m) => [m.start, m.end])),
    );
    expect(derived!.flat().length).toBe(3);
  });
});
