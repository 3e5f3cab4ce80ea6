import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../analyses/dictionary.js';
import { loadStopwords, stopwordSet } from '../analyses/stopwords.js';
import { createAnnotator } from '../pipeline/annotate.js';
import { ConfigError } from '../pipeline/errors.js';
import type { Registry } from '../pipeline/types.js';
import { transcript } from './fixtures/analyses/corpus.js';

const registry: Registry = {
  speakers: [
    { name: 'Enver Hoxha', aliases: ['Comrade Enver Hoxha'], side: 'Albania', role: '' },
    { name: 'Choe Yong-geon', aliases: ['Choe Yong Gon'], side: 'DPRK', role: '' },
  ],
  honorifics: ['Comrade'],
};
const dictionary = loadDictionary(
  [
    'marxist-leninist: [marxist-leninist]',
    'soviet-union: [soviet union, soviet*]',
    'kim-il-sung: [kim il sung]',
    'khrushchev: [khrushchev*, n. s. khrushchev]',
  ].join('\n'),
  'dictionary.yaml',
);
const stopwords = stopwordSet(
  loadStopwords(readFileSync('corpus/stopwords.txt', 'utf8'), 'stopwords.txt'),
);

/** A stand-in for the sentiment scorer: "good" scores 0.5, nothing else scores. */
const fakeScorer = () => ({
  scoreSentence(sentence: unknown) {
    const text = (sentence as { out(): string }).out();
    const n = text.split(/\bgood\b/).length - 1;
    return n > 0
      ? { score: 0.5, covered: true, contributions: [['good', 0.5 * n]] as Array<[string, number]> }
      : { score: 0, covered: false, contributions: [] };
  },
});

const meeting = transcript('1960-01-01_test', '1960-01-01', [
  [
    'Enver Hoxha',
    'Albania',
    'We will never forget Comrade Choe Yong Gon and the Marxist - Leninist s.\n\nThe Soviet Union is good, but the revisionists are not good!',
  ],
  ['Choe Yong-geon', 'DPRK', 'Kim Il Sung’s party fights against N. S. Khrushchev in 1959.'],
]);

describe('createAnnotator (real wink model)', () => {
  const annotator = createAnnotator({ registry, dictionary, stopwords, makeScorer: fakeScorer });

  it('gives terms, sentences and counts per turn', () => {
    const doc = annotator.annotate(meeting);
    expect(doc).toEqual({
      docId: '1960-01-01_test',
      date: '1960-01-01',
      sourceFile: '1960-01-01_test.txt',
      sha256: 'sha-1960-01-01_test',
      tokens: 24 + 11,
      turns: [
        {
          turn: 1,
          speaker: 'Enver Hoxha',
          side: 'Albania',
          words: 24,
          // 13 word tokens in the first paragraph ("-" is punctuation), 11 in the second.
          tokens: 24,
          terms: [
            'we',
            'never',
            'forget',
            'comrade',
            'choe yong-geon', // registry alias → canonical name
            'marxist-leninist', // dash variant and stray plural "s" → one term
            'soviet union',
            'good',
            'revisionist',
            'not',
            'good',
          ],
          sentences: [
            {
              index: 1,
              text: 'We will never forget Comrade Choe Yong Gon and the Marxist - Leninist s.',
              score: 0,
              covered: false,
              contributions: [],
            },
            {
              index: 2,
              text: 'The Soviet Union is good, but the revisionists are not good!',
              score: 0.5,
              covered: true,
              contributions: [['good', 1]],
            },
          ],
        },
        {
          turn: 2,
          speaker: 'Choe Yong-geon',
          side: 'DPRK',
          // countWords: Kim, Il, Sung’s, party, fights, against, N, S, Khrushchev, in, 1959.
          words: 11,
          // Kim, Il, Sung, ’s, party, fights, against, N., S., Khrushchev, in (1959 is a number).
          tokens: 11,
          // "’s" is a listed stop word; the initials "N." "S." are single letters.
          terms: ['kim il sung', 'party', 'fight', 'against', 'khrushchev'],
          sentences: [
            {
              index: 1,
              text: 'Kim Il Sung’s party fights against N. S. Khrushchev in 1959.',
              score: 0,
              covered: false,
              contributions: [],
            },
          ],
        },
      ],
    });
  });

  it('is deterministic', () => {
    expect(annotator.annotate(meeting)).toEqual(annotator.annotate(meeting));
  });

  it('scores nothing without a scorer', () => {
    const plain = createAnnotator({ registry, dictionary, stopwords });
    const sentences = plain.annotate(meeting).turns.flatMap((t) => t.sentences);
    expect(sentences.map((s) => [s.score, s.covered])).toEqual([
      [0, false],
      [0, false],
      [0, false],
    ]);
  });

  it('keeps annotators with different dictionaries independent (one wink instance)', () => {
    const other = createAnnotator({
      registry: { speakers: [], honorifics: [] },
      dictionary: loadDictionary('party: [party fights]', 'd.yaml'),
      stopwords,
    });
    expect(other.annotate(meeting).turns[1]!.terms).toEqual([
      'kim',
      'il',
      'sing', // wink's lemma of "Sung": why names are merged before lemmatising
      'party fights',
      'against',
      'khrushchev',
    ]);
    expect(annotator.annotate(meeting).turns[1]!.terms[0]).toBe('kim il sung');
  });
});

describe('loadStopwords', () => {
  it('reads one word per line, skipping comments and repeats', () => {
    expect(loadStopwords('# header\nThe\n\nof  # inline\nthe\n’s\n', 's.txt')).toEqual([
      'the',
      'of',
      '’s',
    ]);
    expect([...stopwordSet(["'s"])].sort()).toEqual(["'s", '’s']);
  });

  it('rejects a line that is not one word, naming the line', () => {
    expect(() => loadStopwords('the\nof the\n', 's.txt')).toThrow(ConfigError);
    expect(() => loadStopwords('the\nof the\n', 's.txt')).toThrow('s.txt:2: expected one word');
  });

  it('keeps the words the issue asks to keep', () => {
    const list = loadStopwords(readFileSync('corpus/stopwords.txt', 'utf8'), 'stopwords.txt');
    for (const kept of [
      'not',
      'no',
      'never',
      'against',
      'we',
      'our',
      'us',
      'must',
      'without',
      'nor',
    ]) {
      expect(list).not.toContain(kept);
    }
    for (const dropped of ['the', 'of', 'be', 'and', 'they']) expect(list).toContain(dropped);
  });
});
