/**
 * Multi-word expressions (analyses/ngrams.ts) on a corpus counted by hand:
 * pieces cut at sentence ends and insertions, the stop-word rule, range,
 * G² against the parts (both splits of a 3-gram), candidates, and merging
 * the per-document parts in any order.
 */
import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../analyses/dictionary.js';
import {
  mergeNgrams,
  NGRAM_COLUMNS,
  NGRAM_DEFAULTS,
  NGRAM_TABLES,
  type NgramRow,
  ngramRows,
  ngramsPart,
  pieces,
} from '../analyses/ngrams.js';
import { stopwordSet } from '../analyses/stopwords.js';
import { turnStretches } from '../analyses/stretches.js';
import { transcriptOf } from './helpers.js';

const dictionary = loadDictionary(
  'modern-revisionism: [modern revisionis*]\nrevisionism: [revisionis*]\nlabor: [betray the party of labor]\n',
  'dictionary.yaml',
);
const stopwords = stopwordSet(['the', 'of', 'and']);

const docA = transcriptOf(
  '1960-03-03_a.txt',
  'March 3, 1960\n\n' +
    'Comrade Enver Hoxha: The modern revisionists betray the party of labor. Modern revisionists [sic] lie.\n\n' +
    'Choe Yong Gon: Modern revisionists lie.\n',
);
const docB = transcriptOf(
  '1961-04-04_b.txt',
  'April 4, 1961\n\nChoe Yong Gon: Revisionists lie and lie.\n',
);

/** The sentences annotation would give (wink splits at ". "); written out here. */
const sentencesA = {
  turns: [
    {
      turn: 1,
      sentences: [
        { text: 'The modern revisionists betray the party of labor.' },
        { text: 'Modern revisionists lie.' },
      ],
    },
    { turn: 2, sentences: [{ text: 'Modern revisionists lie.' }] },
  ],
};
const sentencesB = { turns: [{ turn: 1, sentences: [{ text: 'Revisionists lie and lie.' }] }] };

const options = {
  ...NGRAM_DEFAULTS,
  minFrequency: 1,
  candidates: { minFrequency: 2, minMeetings: 2 },
};
const part = ngramsPart({ dictionary, stopwords, options });
const parts = [part(docA, sentencesA), part(docB, sentencesB)];
const rows = ngramRows(mergeNgrams(parts), { options });
const row = (g: string): NgramRow | undefined => rows.find((r) => r.ngram === g);

const formsOf = (p: ReturnType<typeof pieces>): string[][] => {
  const s = turnStretches(docA);
  return p.map((x) =>
    Array.from(s.get(1)![x.stretch]!.ids.subarray(x.from, x.to), (id) => s.forms[id]!),
  );
};

describe('pieces', () => {
  it('cut stretches at sentence ends and stretches at the insertion', () => {
    const s = turnStretches(docA).get(1)!;
    // Sentences: 8 words then 3; the insertion "[sic]" ends a stretch after word 10.
    expect(formsOf(pieces(s, sentencesA.turns[0]!.sentences))).toEqual([
      ['the', 'modern', 'revisionists', 'betray', 'the', 'party', 'of', 'labor'],
      ['modern', 'revisionists'],
      ['lie'],
    ]);
  });

  it.each([
    ['one sentence', ['Something else entirely.']],
    ['two sentences', ['Something else.', 'Entirely.']],
  ])('fall back to the stretches when the sentences do not add up (%s)', (_, texts) => {
    const s = turnStretches(docA).get(1)!;
    expect(
      formsOf(
        pieces(
          s,
          texts.map((text) => ({ text })),
        ),
      ),
    ).toEqual([
      [
        'the',
        'modern',
        'revisionists',
        'betray',
        'the',
        'party',
        'of',
        'labor',
        'modern',
        'revisionists',
      ],
      ['lie'],
    ]);
  });

  it('give each piece its words’ offsets in the stretch’s text', () => {
    const s = turnStretches(docA).get(1)!;
    const cut = pieces(s, sentencesA.turns[0]!.sentences);
    expect(
      cut.map((p) =>
        Array.from({ length: p.to - p.from }, (_, i) => {
          const { text, starts, ends } = s[p.stretch]!;
          return text.slice(starts[p.from + i], ends[p.from + i]);
        }),
      ),
    ).toEqual([
      ['The', 'modern', 'revisionists', 'betray', 'the', 'party', 'of', 'labor'],
      ['Modern', 'revisionists'],
      ['lie'],
    ]);
  });
});

describe('the part’s tree', () => {
  it('holds only counted n-grams and the prefixes that lead to them', () => {
    let nodes = 0;
    for (const p of parts) {
      for (const { grams } of p.units) {
        // Depth first, [word, count × 8 + depth] per node: a node is a leaf when the next
        // one is not deeper. Every leaf must be counted (a counted node may have children).
        for (let i = 0; i < grams.length; i += 2) {
          nodes++;
          const depth = grams[i + 1]! & 7;
          const next = i + 3 < grams.length ? grams[i + 3]! & 7 : 0;
          if (next <= depth) expect(grams[i + 1]! >>> 3).toBeGreaterThan(0);
        }
      }
    }
    expect(nodes).toBeGreaterThan(10);
    // Document A's paths with their counts: "revisionists betray the" stays (uncounted, it
    // leads to "revisionists betray the party"); "modern revisionists betray the" (its
    // 4-word end is a stop word, and nothing longer is kept) is left out.
    const p = parts[0]!;
    const words = p.words.split('\n');
    const paths = new Map<string, number>();
    for (const { grams } of p.units) {
      const path: string[] = [];
      for (let i = 0; i < grams.length; i += 2) {
        const depth = grams[i + 1]! & 7;
        path.length = depth - 1;
        path.push(words[grams[i]!]!);
        const key = path.join(' ');
        paths.set(key, (paths.get(key) ?? 0) + (grams[i + 1]! >>> 3));
      }
    }
    expect(paths.get('revisionists betray the')).toBe(0);
    expect(paths.get('revisionists betray the party')).toBe(1);
    expect(paths.has('modern revisionists betray the')).toBe(false);
    expect(paths.get('modern revisionists betray')).toBe(1);
  });
});

describe('n-grams', () => {
  it('keep n-grams whose first and last words are not stop words', () => {
    // Hoxha's "revisionists lie" spans the insertion and is not formed.
    expect(rows.map((r) => r.ngram).sort()).toEqual(
      [
        'modern revisionists',
        'revisionists lie',
        'revisionists betray',
        'lie and lie',
        'modern revisionists betray',
        'modern revisionists lie',
        'betray the party',
        'party of labor',
        'revisionists betray the party',
        'revisionists lie and lie',
      ].sort(),
    );
  });

  it('count, range and G² against the parts, computed by hand', () => {
    // Bigram positions: piece 1: 7, piece 2: 1, Choe A: 2, Choe B: 3 → N = 13.
    // "modern revisionists": O11 3; first word "modern" at 3 positions, second word
    // "revisionists" at 3. Table [3, 0; 0, 10], E11 = 9/13:
    //   G² = 2 (3 ln(3 / (9/13)) + 10 ln(10 / (100/13))) = 2 (3 ln(13/3) + 10 ln(13/10))
    const mr = row('modern revisionists')!;
    expect([mr.n, mr.count, mr.meetings, mr.speakers, mr.attracted]).toEqual([2, 3, 1, 2, true]);
    expect(mr.g2).toBeCloseTo(2 * (3 * Math.log(13 / 3) + 10 * Math.log(13 / 10)), 12);
    expect(mr.g2).toBeCloseTo(14.045307702110382, 12);
    // "revisionists lie": O11 2, R1 3, C1 3: table [2, 1; 1, 9]; E = [9, 30, 30, 100] / 13.
    const rl = row('revisionists lie')!;
    expect([rl.count, rl.meetings, rl.speakers]).toEqual([2, 2, 1]);
    const o = [2, 1, 1, 9];
    const e = [9 / 13, 30 / 13, 30 / 13, 100 / 13];
    expect(rl.g2).toBeCloseTo(2 * o.reduce((s, x, i) => s + x * Math.log(x / e[i]!), 0), 12);
    expect(rl.g2).toBeCloseTo(3.72456322451254, 12);
  });

  it('score a 3-gram by the weaker of its two splits', () => {
    // Trigram positions: piece 1: 6, Choe A: 1, Choe B: 2 → N = 9.
    // "modern revisionists lie": (modern | revisionists lie): R1 2, C1 1 → [1, 1; 0, 7], G² 3.506;
    // (modern revisionists | lie): R1 2, C1 2 ("lie and lie" ends in lie) → [1, 1; 1, 6], G² 1.020.
    const a =
      2 * (1 * Math.log(1 / (2 / 9)) + 1 * Math.log(1 / (16 / 9)) + 7 * Math.log(7 / (56 / 9)));
    const b =
      2 *
      (1 * Math.log(1 / (4 / 9)) +
        1 * Math.log(1 / (14 / 9)) +
        1 * Math.log(1 / (14 / 9)) +
        6 * Math.log(6 / (49 / 9)));
    expect(a).toBeCloseTo(3.5063890029347933, 12);
    expect(b).toBeCloseTo(1.0204944047602722, 12);
    expect(row('modern revisionists lie')!.g2).toBeCloseTo(b, 12);
    // "party of labor": both splits [1, 0; 0, 8]: 2 (ln 9 + 8 ln(9/8)).
    expect(row('party of labor')!.g2).toBeCloseTo(2 * (Math.log(9) + 8 * Math.log(9 / 8)), 12);
    // 4-grams have no score.
    expect(row('revisionists betray the party')).toMatchObject({
      n: 4,
      count: 1,
      g2: null,
      attracted: null,
    });
  });

  it('flag dictionary matches and candidate entries', () => {
    expect(row('modern revisionists')!.in_dictionary).toBe('modern-revisionism');
    expect(row('revisionists lie')).toMatchObject({ in_dictionary: '', candidate: true });
    // Used 3 times but in one meeting only, and in the dictionary anyway.
    expect(row('modern revisionists')!.candidate).toBe(false);
    const named = ngramRows(mergeNgrams(parts), {
      options,
      names: ['Revisionists Lie'],
    });
    expect(named.find((r) => r.ngram === 'revisionists lie')!.candidate).toBe(false);
  });

  it('count an n-gram inside a longer dictionary match as in the dictionary', () => {
    // "betray the party of labor" is one match of key labor: its pieces are covered,
    // "revisionists betray the party" reaches outside it.
    expect(row('betray the party')!.in_dictionary).toBe('labor');
    expect(row('party of labor')!.in_dictionary).toBe('labor');
    expect(row('revisionists betray the party')!.in_dictionary).toBe('');
  });

  it('do not propose names, with or without honorifics', () => {
    const cand = (names: string[], honorifics: string[]) =>
      ngramRows(mergeNgrams(parts), { options, names, honorifics }).find(
        (r) => r.ngram === 'revisionists lie',
      )!.candidate;
    expect(cand([], [])).toBe(true);
    // "revisionists" as an honorific leaves "lie": part of the name "Lie Tok".
    expect(cand(['Lie Tok'], ['Revisionists'])).toBe(false);
    expect(cand(['Lie Tok'], [])).toBe(true);
    // Nothing but honorifics.
    expect(cand([], ['revisionists', 'lie'])).toBe(false);
  });

  it('do not propose a dictionary key behind honorifics ("comrade khrushchev")', () => {
    const lying = loadDictionary('lying: [lie*]\n', 'dictionary.yaml');
    const cand = (honorifics: string[], dict?: typeof lying) =>
      ngramRows(mergeNgrams(parts), {
        options,
        honorifics,
        ...(dict ? { dictionary: dict } : {}),
      }).find((r) => r.ngram === 'revisionists lie')!.candidate;
    // "revisionists" as an honorific leaves "lie", which the key lying matches whole.
    expect(cand(['Revisionists'], lying)).toBe(false);
    expect(cand(['Revisionists'])).toBe(true);
    // Without the honorific the n-gram is more than the key: still a candidate.
    expect(cand([], lying)).toBe(true);
  });

  it('sort by count, then length, then text, and drop rows under the minimum', () => {
    expect(rows.slice(0, 2).map((r) => r.ngram)).toEqual([
      'modern revisionists',
      'revisionists lie',
    ]);
    const min2 = ngramRows(mergeNgrams(parts), {
      options: { ...options, minFrequency: 2 },
    });
    expect(min2.map((r) => r.ngram)).toEqual(['modern revisionists', 'revisionists lie']);
  });

  it('merge the parts in any order to the same rows', () => {
    const reversed = ngramRows(mergeNgrams([...parts].reverse()), { options });
    expect(reversed).toEqual(rows);
    expect(structuredClone(parts[0])).toEqual(parts[0]);
  });

  it('count the same in one long document as in short ones (the part trees grow)', () => {
    // 1,500 three-word sentences over 300 words (a fixed pseudo-random
    // sequence): the long document has more distinct word pairs than the
    // first arrays of its part's trees hold, so they grow; the short ones
    // stay small.
    let seed = 1959;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return `w${seed % 300}`;
    };
    const sentences = Array.from({ length: 1500 }, () => [next(), next(), next()].join(' '));
    const doc = (name: string, from: number, to: number) => {
      const own = sentences.slice(from, to).map((x) => `${x}.`);
      return part(transcriptOf(name, `March 3, 1960\n\nChoe Yong Gon: ${own.join(' ')}\n`), {
        turns: [{ turn: 1, sentences: own.map((text) => ({ text })) }],
      });
    };
    const counted = (ps: Parameters<typeof mergeNgrams>[0]) =>
      ngramRows(mergeNgrams(ps), { options })
        .map((r) => `${r.ngram} ${r.count} ${r.g2}`)
        .sort();
    const longPart = doc('1960-03-03_long.txt', 0, 1500);
    expect(longPart.firstPair3.length / 3).toBeGreaterThan(1024);
    const long = counted([longPart]);
    const short = counted(
      Array.from({ length: 15 }, (_, k) => doc(`1960-03-03_s${k}.txt`, k * 100, k * 100 + 100)),
    );
    expect(long).toEqual(short);
  });
});

describe('codebook', () => {
  it('documents every column of ngrams.csv, in order', () => {
    expect(NGRAM_TABLES[0]!.columns.map((c) => c.name)).toEqual(NGRAM_COLUMNS);
  });
});
