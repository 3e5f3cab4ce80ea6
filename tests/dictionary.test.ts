import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dictionaryFromTerms,
  HEADLINE_FALLBACK,
  headlineKeys,
  loadDictionary,
  matchDictionary,
  matcherFor,
  multiWordTerms,
  patternSource,
  termForm,
} from '../analyses/dictionary.js';
import { ConfigError } from '../pipeline/errors.js';

const shipped = loadDictionary(readFileSync('corpus/dictionary.yaml', 'utf8'), 'dictionary.yaml');

const found = (text: string, dict = shipped) =>
  matchDictionary(dict, text).map((m) => [m.key, m.form]);

describe('the shipped dictionary', () => {
  it('marks the five headline keys of the shipped figures, in their order', () => {
    expect(headlineKeys(shipped)).toEqual([
      'marxist-leninist',
      'marxism-leninism',
      'revisionism',
      'khrushchev',
      'imperialism',
    ]);
  });

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
      'd.yaml:3: expected "patterns", "description", "independent" or "headline"',
    ],
    ['a: [x\n', 'd.yaml'],
    [
      'a:\n  patterns: [x]\n  headline: first\n',
      'd.yaml:3: expected "headline" of "a" to be its place among the headline keys (1, 2, …) or true, found string "first"',
    ],
    ['a:\n  patterns: [x]\n  headline: 0\n', 'd.yaml:3: expected "headline" of "a"'],
    ['a:\n  patterns: [x]\n  headline: 1.5\n', 'd.yaml:3: expected "headline" of "a"'],
    [
      'a:\n  patterns: [x]\n  headline: 2\nb:\n  headline: 2\n  patterns: [y]\n',
      'd.yaml:5: expected each headline place once, found headline: 2 for both "a" and "b"',
    ],
  ])('rejects %j', (text, message) => {
    expect(() => loadDictionary(text, 'd.yaml')).toThrow(ConfigError);
    expect(() => loadDictionary(text, 'd.yaml')).toThrow(message);
  });

  it('orders the headline keys by their place, then those marked true in file order', () => {
    const d = loadDictionary(
      [
        'a:\n  headline: true\n  patterns: [a]',
        'b:\n  headline: 2\n  patterns: [b]',
        'c: [c]',
        'd:\n  headline: false\n  patterns: [d]',
        'e:\n  headline: 1\n  patterns: [e]',
        'f:\n  headline: true\n  patterns: [f]',
      ].join('\n'),
      'd.yaml',
    );
    expect(headlineKeys(d)).toEqual(['e', 'b', 'a', 'f']);
    expect(d.entries.find((e) => e.key === 'b')?.headline).toBe(2);
    expect(d.entries.find((e) => e.key === 'd')).not.toHaveProperty('headline');
  });

  it('falls back to the first keys of the file when none is marked', () => {
    const keys = 'abcdefg'.split('');
    const d = loadDictionary(keys.map((k) => `${k}: [${k}]`).join('\n'), 'd.yaml');
    expect(headlineKeys(d)).toEqual(keys.slice(0, HEADLINE_FALLBACK));
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

describe('glob patterns compile to matchers without catastrophic backtracking', () => {
  /** Unbounded quantifiers over letters in a regex source (a run of `*` used to give one each). */
  const letterRuns = (source: string) => source.match(/\]\*/g)?.length ?? 0;

  it('compiles a run of stars as one star', () => {
    const hostile = `a${'*'.repeat(30)}z`;
    expect(patternSource(hostile)).toBe(patternSource('a*z'));
    expect(letterRuns(patternSource(hostile))).toBe(1);
    const d = loadDictionary(`x: ['${hostile}']\n`, 'd.yaml');
    expect(found('a aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa az abcz', d)).toEqual([
      ['x', 'az'],
      ['x', 'abcz'],
    ]);
  });

  it('gives every star but the last of a word nothing to give back', () => {
    // Before each inner part: a run of letters that stops where the part begins.
    const source = patternSource('a*b*c*d');
    expect(source.match(/\(\?:\(\?!/g)).toHaveLength(2);
    // Only the star before the last part is a plain greedy run.
    expect(letterRuns(source)).toBe(1);
  });

  it('matches a word exactly as glob matching does', () => {
    /** `*` = any run of letters, by dynamic programming (the reference). */
    const glob = (pattern: string, word: string): boolean => {
      let row = [true, ...Array<boolean>(word.length).fill(false)];
      for (const p of pattern) {
        const next = [p === '*' && row[0]!];
        for (let j = 1; j <= word.length; j++)
          next[j] = p === '*' ? row[j]! || next[j - 1]! : row[j - 1]! && p === word[j - 1];
        row = next;
      }
      return row[word.length]!;
    };
    const letters = fc.constantFrom('a', 'b');
    const pattern = fc
      .tuple(letters, fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 6 }))
      .map(([first, rest]) => first + rest.join(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(pattern, word, (p, w) => {
        const d = loadDictionary(`x: ['${p}']\n`, 'd.yaml');
        const hit = found(w, d).length === 1 && found(w, d)[0]![1] === w;
        expect(hit).toBe(glob(p.replace(/\*+/g, '*'), w));
      }),
    );
  });
});

describe('dictionary limits', () => {
  it('refuses a pattern of more than 100 characters at its line', () => {
    expect(() => loadDictionary(`a: [x]\nb:\n  - ${'y'.repeat(101)}\n`, 'd.yaml')).toThrow(
      /^d\.yaml:3: pattern "y+" of "b": expected at most 100 characters, found 101$/,
    );
  });

  it('refuses more than 1,000 keys, naming the first one too many', () => {
    const text = Array.from({ length: 1001 }, (_, i) => `k${i}: [w${i}]`).join('\n');
    expect(() => loadDictionary(text, 'd.yaml')).toThrow(
      'd.yaml:1001: expected at most 1000 keys, found 1001',
    );
  });

  it('refuses more than 5,000 patterns in all', () => {
    const keys = Array.from(
      { length: 6 },
      (_, k) => `k${k}: [${Array.from({ length: 900 }, (_, i) => `w${k}x${i}`).join(', ')}]`,
    );
    expect(() => loadDictionary(keys.join('\n'), 'd.yaml')).toThrow(
      /^d\.yaml:6: expected at most 5000 patterns in the dictionary, found more$/,
    );
  });

  it('applies the pattern limit to KWIC terms too', () => {
    expect(() => dictionaryFromTerms(['z'.repeat(101)])).toThrow(/expected at most 100 characters/);
  });
});

describe('matcherFor', () => {
  const dict = loadDictionary('revisionists:\n  - revisionis*\nparty:\n  - party\n', 'd.yaml');
  it('gives what matchDictionary gives, matching each text once per owner', () => {
    const owner = {};
    const match = matcherFor(owner, dict);
    const text = 'The revisionists attacked the Party; the party stood.';
    const first = match(text);
    expect(first).toEqual(matchDictionary(dict, text));
    expect(first.map((m) => m.key)).toEqual(['revisionists', 'party', 'party']);
    // The same texts of the same owner and dictionary: the same result, not matched again.
    expect(matcherFor(owner, dict)(text)).toBe(first);
    // Another owner, or another dictionary, matches afresh.
    expect(matcherFor({}, dict)(text)).not.toBe(first);
    const other = loadDictionary('party:\n  - party\n', 'e.yaml');
    expect(matcherFor(owner, other)(text).map((m) => m.key)).toEqual(['party', 'party']);
  });
});
