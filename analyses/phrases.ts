/**
 * 2. Phrase and concept counts (phrases.csv) and the surface forms behind
 * them (phrase_forms.csv).
 *
 * Matching is analyses/dictionary.ts matchDictionary() on each speech turn's
 * display text (never editorial insertions, stage directions or trailers).
 * Unit: a speaker in a document. Every (document, speaker, key) combination
 * is written, with count 0 where the key never matched, so that rates over
 * time show true zeros. per_10k = count / words × 10,000, words = that
 * speaker's words in that document (pipeline/words.ts).
 */
import type { Transcript } from '../pipeline/types.js';
import { DATE, DOC, PER_10K, SIDE, SPEAKER } from './columns.js';
import { type DictionaryMatch, matchDictionary } from './dictionary.js';
import { c, type TableSpec } from './tables.js';
import { cmp, rate } from './terms.js';
import type { Dictionary, PhraseFormRow, PhraseRow } from './types.js';

export const PHRASE_COLUMNS: ReadonlyArray<keyof PhraseRow & string> = [
  'doc_id',
  'date',
  'speaker',
  'side',
  'phrase',
  'count',
  'words',
  'per_10k',
];
export const PHRASE_FORM_COLUMNS: ReadonlyArray<keyof PhraseFormRow & string> = [
  'phrase',
  'form',
  'count',
];

export interface PhraseTables {
  phrases: PhraseRow[];
  phraseForms: PhraseFormRow[];
}

/**
 * Rows sorted by doc_id, speaker, phrase; forms by phrase, count desc, form
 * (forms keep their case: "Revisionists" and "revisionists" are two rows).
 */
export function phraseTables(
  transcripts: readonly Transcript[],
  dict: Dictionary,
  match: (text: string) => readonly DictionaryMatch[] = (text) => matchDictionary(dict, text),
): PhraseTables {
  const keys = dict.entries.map((e) => e.key).sort(cmp);
  const phrases: PhraseRow[] = [];
  const forms = new Map<string, PhraseFormRow>();
  for (const t of transcripts) {
    const units = new Map<string, { side: string; words: number; counts: Map<string, number> }>();
    for (const turn of t.turns) {
      let u = units.get(turn.speaker);
      if (!u) {
        u = { side: turn.side, words: 0, counts: new Map() };
        units.set(turn.speaker, u);
      }
      u.words += turn.words;
      for (const m of match(turn.text)) {
        u.counts.set(m.key, (u.counts.get(m.key) ?? 0) + 1);
        const id = `${m.key}\u0000${m.form}`;
        const f = forms.get(id);
        if (f) f.count++;
        else forms.set(id, { phrase: m.key, form: m.form, count: 1 });
      }
    }
    for (const [speaker, u] of units) {
      for (const phrase of keys) {
        const count = u.counts.get(phrase) ?? 0;
        phrases.push({
          doc_id: t.docId,
          date: t.metadata.date,
          speaker,
          side: u.side,
          phrase,
          count,
          words: u.words,
          per_10k: rate(count, u.words),
        });
      }
    }
  }
  return sortPhraseTables(phrases, [...forms.values()]);
}

function sortPhraseTables(phrases: PhraseRow[], phraseForms: PhraseFormRow[]): PhraseTables {
  phrases.sort(
    (a, b) => cmp(a.doc_id, b.doc_id) || cmp(a.speaker, b.speaker) || cmp(a.phrase, b.phrase),
  );
  phraseForms.sort((a, b) => cmp(a.phrase, b.phrase) || b.count - a.count || cmp(a.form, b.form));
  return { phrases, phraseForms };
}

/**
 * phraseTables of the whole corpus from the tables of each document (in
 * corpus order): rows concatenated and sorted, form counts summed.
 */
export function mergePhraseTables(parts: Iterable<PhraseTables>): PhraseTables {
  const phrases: PhraseRow[] = [];
  const forms = new Map<string, PhraseFormRow>();
  for (const part of parts) {
    for (const r of part.phrases) phrases.push(r);
    for (const f of part.phraseForms) {
      const id = `${f.phrase}\u0000${f.form}`;
      const g = forms.get(id);
      if (g) g.count += f.count;
      else forms.set(id, { ...f });
    }
  }
  return sortPhraseTables(phrases, [...forms.values()]);
}

/** A document's phrase tables as the main thread keeps them until the merge: strings shared. */
export function keptPhraseTables(p: PhraseTables, s: (x: string) => string): PhraseTables {
  return {
    phrases: p.phrases.map((r) => ({
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
      phrase: s(r.phrase),
      count: r.count,
      words: r.words,
      per_10k: r.per_10k,
    })),
    phraseForms: p.phraseForms.map((r) => ({ ...r, phrase: s(r.phrase), form: s(r.form) })),
  };
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const PHRASE_TABLES: TableSpec[] = [
  {
    name: 'phrases',
    key: 'phrases',
    rowLevel: true,
    unit: 'one dictionary key for one speaker in one document',
    description:
      'Concept counts from corpus/dictionary.yaml (analyses/dictionary.ts): case-insensitive, whole words, `*` = any letters, hyphen/dash/space variants and plurals (also "Marxist-Leninist s") match; a stretch of text counts under one key only (leftmost, then longest match, then the key listed first), unless a key is marked independent. Matched on speech text only. Every (document, speaker, key) combination has a row, with count 0 where nothing matched, so rates over time show true zeros.',
    order: 'doc_id, speaker, phrase',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('phrase', 'The dictionary key, e.g. "revisionism".'),
      c(
        'count',
        "Matches of the key in the speaker's speech in the document (= its lines in kwic.csv).",
      ),
      c('words', 'Words of that speaker in that document (denominator).'),
      PER_10K,
    ],
  },
  {
    name: 'phrase_forms',
    key: 'phraseForms',
    rowLevel: false,
    unit: 'one surface form matched by one key, whole corpus',
    description:
      'Exactly what was counted: every piece of text each key matched, as written (case kept, whitespace collapsed).',
    order: 'phrase, count desc, form',
    columns: [
      c('phrase', 'The dictionary key.'),
      c('form', 'The matched text, e.g. "Marxist - Leninist", "N.S. Khrushchev".'),
      c('count', "Times this form was matched (sums to the key's total in phrases.csv)."),
    ],
  },
];
