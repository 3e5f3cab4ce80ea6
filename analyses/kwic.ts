/**
 * 5. Concordance (kwic.csv): one line per dictionary match, so the number of
 * lines of a key equals the sum of its counts in phrases.csv (both come from
 * matchDictionary() on the same speech text), plus one line per match of each
 * extra term asked for (`kwicTerms`, e.g. from the command line; its `phrase`
 * is the term itself, or "<term> (term)" if the term is also a dictionary key,
 * so that a key's lines stay countable).
 *
 * left/right: up to `width` characters (default 60) of the same turn's speech
 * text on either side of the match, whitespace collapsed to single spaces.
 * position: words spoken in the document before the match ÷ all words
 * spoken in the document (0–1), for the dispersion plot.
 */
import type { Transcript } from '../pipeline/types.js';
import { countWords } from '../pipeline/words.js';
import { DATE, DOC, SIDE, SPEAKER, TURN } from './columns.js';
import { type DictionaryMatch, dictionaryFromTerms, matchDictionary } from './dictionary.js';
import { c, type TableSpec } from './tables.js';
import { cmp } from './terms.js';
import type { Dictionary, KwicRow } from './types.js';

export const KWIC_DEFAULTS = Object.freeze({ width: 60 });

export const KWIC_COLUMNS: ReadonlyArray<keyof KwicRow & string> = [
  'phrase',
  'doc_id',
  'date',
  'speaker',
  'side',
  'turn',
  'left',
  'match',
  'right',
  'position',
];

export interface KwicOptions {
  /** Extra terms (patterns as in the dictionary: globs, phrases). */
  terms: readonly string[];
  /** Characters of context on each side. */
  width: number;
}

/** Rows sorted by phrase, doc_id, turn, then place in the turn. */
export function kwicRows(
  transcripts: readonly Transcript[],
  dict: Dictionary,
  options: Partial<KwicOptions> = {},
): KwicRow[] {
  return stripStart(sortKwic(kwicRowsWithStart(transcripts, dict, options)));
}

/** The KWIC order: phrase, doc_id, turn, place in the turn, match (stable, in place). */
export function sortKwic<T extends KwicRow & { start: number }>(rows: T[]): T[] {
  return rows.sort(
    (a, b) =>
      cmp(a.phrase, b.phrase) ||
      cmp(a.doc_id, b.doc_id) ||
      a.turn - b.turn ||
      a.start - b.start ||
      cmp(a.match, b.match),
  );
}

export function stripStart(rows: ReadonlyArray<KwicRow & { start: number }>): KwicRow[] {
  return rows.map(({ start: _start, ...row }) => row);
}

/** A KWIC row with the match's offset in its turn (for the corpus sort): the per-document part's rows. */
export type KwicLine = KwicRow & { start: number };

/** One document's lines as kwic.csv's groups: one per phrase, in kwic.csv's order. */
export function kwicGroups(lines: readonly KwicLine[]): Array<{ key: string[]; rows: KwicLine[] }> {
  const sorted = sortKwic([...lines]);
  const out: Array<{ key: string[]; rows: KwicLine[] }> = [];
  let from = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i]!.phrase !== sorted[from]!.phrase) {
      out.push({ key: [sorted[from]!.phrase, sorted[from]!.doc_id], rows: sorted.slice(from, i) });
      from = i;
    }
  }
  return out;
}

/**
 * A document's lines as the main thread keeps them until the merge: without
 * their context (kwic.csv is written from the parts; nothing else reads it),
 * strings shared.
 */
export function keptKwicLines(lines: readonly KwicLine[], s: (x: string) => string): KwicLine[] {
  return lines.map((r) => ({
    phrase: s(r.phrase),
    doc_id: s(r.doc_id),
    date: s(r.date),
    speaker: s(r.speaker),
    side: s(r.side),
    turn: r.turn,
    left: '',
    match: s(r.match),
    right: '',
    position: r.position,
    start: r.start,
  }));
}

/** The rows in reading order (unsorted), each with the match's offset in its turn. */
export function kwicRowsWithStart(
  transcripts: readonly Transcript[],
  dict: Dictionary,
  options: Partial<KwicOptions> = {},
  match: (text: string) => readonly DictionaryMatch[] = (text) => matchDictionary(dict, text),
): Array<KwicRow & { start: number }> {
  const width = options.width ?? KWIC_DEFAULTS.width;
  const keys = new Set(dict.entries.map((e) => e.key));
  const extra = dictionaryFromTerms(options.terms ?? []);
  const extraName = (key: string): string => (keys.has(key) ? `${key} (term)` : key);
  const rows: Array<KwicRow & { start: number }> = [];
  for (const t of transcripts) {
    const total = t.turns.reduce((s, turn) => s + turn.words, 0);
    let before = 0;
    for (const turn of t.turns) {
      const text = turn.text;
      const lines = [
        ...match(text).map((m) => ({ ...m, phrase: m.key })),
        ...matchDictionary(extra, text).map((m) => ({ ...m, phrase: extraName(m.key) })),
      ].sort((a, b) => a.start - b.start);
      const wordsBefore = prefixWordCounter(text);
      for (const m of lines) {
        const at = before + wordsBefore(m.start);
        rows.push({
          phrase: m.phrase,
          doc_id: t.docId,
          date: t.metadata.date,
          speaker: turn.speaker,
          side: turn.side,
          turn: turn.turn,
          left: collapse(text.slice(Math.max(0, m.start - width * 4), m.start))
            .slice(-width)
            .trimStart(),
          match: m.form,
          right: collapse(text.slice(m.end, m.end + width * 4))
            .slice(0, width)
            .trimEnd(),
          position: total > 0 ? at / total : 0,
          start: m.start,
        });
      }
      before += turn.words;
    }
  }
  return rows;
}

/**
 * countWords(text.slice(0, offset)) for non-decreasing offsets, without
 * re-counting from the start each time: the text is cut at whitespace, which
 * never splits a word, so counts of the pieces add up.
 */
function prefixWordCounter(text: string): (offset: number) => number {
  let cut = 0;
  let counted = 0;
  return (offset) => {
    let ws = offset - 1;
    while (ws >= cut && !/\s/.test(text[ws]!)) ws--;
    if (ws >= cut) {
      counted += countWords(text.slice(cut, ws + 1));
      cut = ws + 1;
    }
    return counted + countWords(text.slice(cut, offset));
  };
}

/** Whitespace that collapse() would change: a run of two, or one that is not a plain space. */
const UNCOLLAPSED = /\s\s|[^\S ]/;

function collapse(s: string): string {
  return UNCOLLAPSED.test(s) ? s.replace(/\s+/g, ' ') : s;
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const KWIC_TABLES: TableSpec[] = [
  {
    name: 'kwic',
    key: 'kwic',
    rowLevel: true,
    unit: 'one match (a line of the concordance)',
    description:
      'Keyword in context for every dictionary match, so the number of lines of a key equals its total count in phrases.csv, plus lines for extra terms asked for on the command line (their phrase is the term; "<term> (term)" if the term is also a dictionary key).',
    order: 'phrase, doc_id, turn, place in the turn',
    columns: [
      c('phrase', 'The dictionary key or extra term.'),
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      TURN,
      c(
        'left',
        "Up to 60 characters of the same turn's speech before the match, whitespace collapsed.",
      ),
      c('match', 'The matched text as written.'),
      c('right', "Up to 60 characters of the same turn's speech after the match."),
      c(
        'position',
        'Where the match falls in the meeting: words spoken in the document before it ÷ all words spoken in it (0–1).',
      ),
    ],
  },
];
