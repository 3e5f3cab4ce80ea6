/**
 * One person across records without the registry: a one-word name in one
 * record ("Khrushchev:") is linked to the one fuller name another record
 * gives ("N. S. Khrushchev:"), each link listed at info level; two people
 * sharing the word are never merged.
 */
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../pipeline/registry.js';
import { corpusLinks } from '../pipeline/speaker-names.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import type { CorpusFiles } from '../pipeline/types.js';

const registry = loadRegistry('honorifics: [Comrade, Cde.]\nspeakers: []\n');

const corpusOf = (raw: Record<string, string>): CorpusFiles => ({
  dir: '/nowhere',
  raw: Object.entries(raw).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })),
  config: new Map([['speakers.yaml', 'honorifics: [Comrade, Cde.]\nspeakers: []\n']]),
  diagnostics: [],
});

describe('one person across records', () => {
  it('links a one-word name to the one fuller name of the corpus with that word', () => {
    const links = corpusLinks(
      new Map([
        ['a.txt', ['N. S. Khrushchev', 'Mao Zedong']],
        ['b.txt', ['Khrushchev', 'Mao']],
        ['c.txt', ['N.S. Khrushchev']],
      ]),
      registry,
    );
    // "N. S. Khrushchev" and "N.S. Khrushchev" are one name written two ways.
    expect(links.get('b.txt')).toEqual({
      Khrushchev: { name: 'N. S. Khrushchev', seenIn: ['a.txt', 'c.txt'] },
      Mao: { name: 'Mao Zedong', seenIn: ['a.txt'] },
    });
    expect(links.has('a.txt')).toBe(false);
    expect(links.get('c.txt')).toEqual({
      'N.S. Khrushchev': { name: 'N. S. Khrushchev', seenIn: ['a.txt'] },
    });
  });

  it('never merges two people sharing the word when both fuller names are seen', () => {
    const links = corpusLinks(
      new Map([
        ['a.txt', ['Fidel Castro']],
        ['b.txt', ['Raúl Castro']],
        ['c.txt', ['Castro', 'Guevara']],
      ]),
      registry,
    );
    expect(links.get('c.txt')).toBeUndefined();
  });

  it('reads the records with the link and lists each link at info level', () => {
    const { transcripts } = buildTranscripts(
      corpusOf({
        'a.txt': 'Comrade Mao Zedong: Welcome.\n\nN. S. Khrushchev: Thank you.',
        // One-word labels count when the record names the person elsewhere ("Cde. Khrushchev").
        'b.txt':
          'Present: Cde. Khrushchev and Comrade Castro.\n\nComrade Mao: Good.\n\nKhrushchev: Yes, we agree.\n\nCastro: No.',
        'c.txt': 'Fidel Castro: Yes.\n\nRaúl Castro: Also yes.',
      }),
    );
    const b = transcripts.find((t) => t.docId === 'b')!;
    expect(b.turns.map((u) => u.speaker)).toEqual(['Mao Zedong', 'N. S. Khrushchev', 'Castro']);
    const infos = b.diagnostics.filter((d) => d.rule === 'segment/speaker-linked-across-records');
    expect(infos.map((d) => [d.severity, d.message.split(' (')[0]])).toEqual([
      ['info', 'speaker "Khrushchev"'],
      ['info', 'speaker "Mao"'],
    ]);
    expect(infos[0]!.message).toContain('"N. S. Khrushchev"');
    expect(infos[0]!.message).toContain('raw/a.txt');
    // Within one record a fuller name is still found there first.
    const c = transcripts.find((t) => t.docId === 'c')!;
    expect(c.turns.map((u) => u.speaker)).toEqual(['Fidel Castro', 'Raúl Castro']);
  });
});
