import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dictionaryFromTerms,
  loadDictionary,
  matchDictionary,
  multiWordTerms,
  termForm,
} from '../analyses/dictionary.js';
import { ConfigError } from '../pipeline/errors.js';

const shipped = loadDictionary(readFileSync('corpus/dictionary.yaml', 'utf8'), 'dictionary.yaml');

const found = (text: string, dict = shipped) =>
  matchDictionary(dict, text).map((m) => [m.key, m.form]);

describe('the shipped dictionary', () => {
  it('has the keys the issue asks for', () => {
    const keys = shipped.entries.map((e) => e.key);
    for (const k of [
      'marxist-leninist',
      'marxism-leninism',
      'revisionism',
      'imperialism',
      'khrushchev',
      'soviet-union',
      'china',
      'tito',
      'yugoslavia',
      'united-states',
      'unity',
      'friendship',
      'kim-il-sung',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it.each([
    ['the Marxist - Leninist parties', 'marxist-leninist', 'Marxist - Leninist'],
    ['the Marxist–Leninist parties', 'marxist-leninist', 'Marxist–Leninist'],
    ['the Marxist-Leninist parties', 'marxist-leninist', 'Marxist-Leninist'],
    ['all Marxist-Leninist s agree', 'marxist-leninist', 'Marxist-Leninist s'],
    ['all Marxist-Leninists agree', 'marxist-leninist', 'Marxist-Leninists'],
    ['true Marxism – Leninism.', 'marxism-leninism', 'Marxism – Leninism'],
    ['true Marxism-Leninism.', 'marxism-leninism', 'Marxism-Leninism'],
    ['Khruschev said', 'khrushchev', 'Khruschev'],
    ['comrade N. S. Khrushchev said', 'khrushchev', 'N. S. Khrushchev'],
    ['comrade N.S. Khrushchev said', 'khrushchev', 'N.S. Khrushchev'],
    ['the Khrushchevian group', 'khrushchev', 'Khrushchevian'],
    ['Khrushchev’s speech', 'khrushchev', 'Khrushchev'],
    ['the revisionists', 'revisionism', 'revisionists'],
    ['modern revisionism', 'revisionism', 'revisionism'],
    ['the imperialists', 'imperialism', 'imperialists'],
    ['the Soviet Union', 'soviet-union', 'Soviet Union'],
    ['Comrade Kim Il Sung', 'kim-il-sung', 'Kim Il Sung'],
    ['the Yugoslavs', 'yugoslavia', 'Yugoslavs'],
    ['the Titoists', 'tito', 'Titoists'],
  ])('%s → %s', (text, key, form) => {
    expect(found(text)).toEqual([[key, form]]);
  });

  it('gives a stretch of text to one key: leftmost, then longest', () => {
    expect(found('Marxism-Leninism and Marxist-Leninist')).toEqual([
      ['marxism-leninism', 'Marxism-Leninism'],
      ['marxist-leninist', 'Marxist-Leninist'],
    ]);
    // "United States" is longer than unity's "united"; "South Korea" than korea's "korea*".
    expect(found('the United States and South Korea, united')).toEqual([
      ['united-states', 'United States'],
      ['south-korea', 'South Korea'],
      ['unity', 'united'],
    ]);
    expect(found('American imperialists')).toEqual([
      ['united-states', 'American'],
      ['imperialism', 'imperialists'],
    ]);
  });

  it('lets independent keys overlap the others', () => {
    expect(found('the Korean Workers’ Party')).toEqual([
      ['korea', 'Korean'],
      ['korean-workers-party', 'Korean Workers’ Party'],
    ]);
  });

  it('matches whole words only', () => {
    expect(found('a warm welcome, the warden')).toEqual([]);
    expect(found('the war and the wars')).toEqual([
      ['war', 'war'],
      ['war', 'wars'],
    ]);
  });

  it('keeps its multi-word phrases as terms for annotation', () => {
    const terms = multiWordTerms(shipped);
    expect(terms).toContain('marxist-leninist');
    expect(terms).toContain('marxism-leninism');
    expect(terms).toContain('soviet union');
    expect(terms).toContain('kim il sung');
    expect(terms).not.toContain('n. s. khrushchev');
    expect(termForm('Marxism – Leninism')).toBe('marxism-leninism');
  });
});

describe('loadDictionary', () => {
  it('reads both forms of a key', () => {
    const d = loadDictionary(
      'a: [x*, y z]\nb:\n  description: Bee\n  independent: true\n  patterns:\n    - b\n',
      'd.yaml',
    );
    expect(d.entries).toEqual([
      { key: 'a', description: '', patterns: ['x*', 'y z'], independent: false, line: 1 },
      { key: 'b', description: 'Bee', patterns: ['b'], independent: true, line: 2 },
    ]);
  });

  it.each([
    ['A: [x]\n', 'd.yaml:1: expected a key of lower-case letters'],
    ['a: []\n', 'd.yaml:1: expected "a" to list at least one pattern'],
    ['a: [x]\nb:\n  - y\n  - "x (y)"\n', 'd.yaml:4: pattern "x (y)" of "b": expected letters'],
    ['a: [soviet union]\nb:\n  - soviet-union\n', 'd.yaml:3: expected each pattern once'],
    [
      'a:\n  patterns: [x]\n  colour: red\n',
      'd.yaml:3: expected "patterns", "description" or "independent"',
    ],
    ['a: [x\n', 'd.yaml'],
  ])('rejects %j', (text, message) => {
    expect(() => loadDictionary(text, 'd.yaml')).toThrow(ConfigError);
    expect(() => loadDictionary(text, 'd.yaml')).toThrow(message);
  });

  it('builds one independent key per extra term', () => {
    const d = dictionaryFromTerms(['peace*', 'peace*', 'socialist camp']);
    expect(d.entries.map((e) => [e.key, e.independent])).toEqual([
      ['peace*', true],
      ['socialist camp', true],
    ]);
    expect(found('peaceful socialist camps', d)).toEqual([
      ['peace*', 'peaceful'],
      ['socialist camp', 'socialist camps'],
    ]);
  });

  it('resolves ties at the same span by file order', () => {
    const d = loadDictionary('first: [china]\nsecond: [chin*]\n', 'd.yaml');
    expect(found('China', d)).toEqual([['first', 'China']]);
  });
});
