/**
 * 1. Per-speaker term frequencies (terms.csv) and the same grouped by side,
 * by year and by speaker (Tables.extra: terms_by_side, terms_by_year,
 * terms_by_speaker).
 *
 * Unit: a speaker in a document ("speaker-document"). Terms are the
 * annotated terms (pipeline/annotate.ts: lemmas, stop words removed,
 * multi-word names as one term). Denominators are words (pipeline/words.ts),
 * never terms, so rates are comparable with phrases.csv.
 *
 * - per_10k = count / words × 10,000 (words of that speaker in that document).
 * - tf_idf = tf × idf with tf = count / words and idf = ln(N / df), N = number
 *   of speaker-documents, df = number of speaker-documents using the term
 *   (the tf-idf of Spärck Jones 1972 / Salton & Buckley 1988, computed per
 *   speaker-document as tidytext's bind_tf_idf does per document, but with
 *   words as the tf denominator). A term every speaker-document uses scores 0.
 *
 * Counting and the group sums are done in Maps; the results are handed to
 * danfojs as DataFrames. danfojs' groupby was tried for the group sums and
 * dropped: its cost grows faster than the number of groups (measured here,
 * Node 20: 4,000 rows / 2,500 (side, term) groups 0.11 s, 20,000 / 10,000
 * 0.8 s, 40,000 / 20,000 9.4 s), and a larger corpus has tens of thousands
 * of (side, term) groups. Every ranking: count desc, then term.
 */
import type { AnnotatedDocument, Person } from '../pipeline/types.js';
import { DATE, DOC, PER_10K, SIDE, SPEAKER } from './columns.js';
import type { KeepKit } from './contract.js';
import { TermCounts } from './counts.js';
import { c, type TableSpec } from './tables.js';
import type { TermRow, TermsBySideRow, TermsBySpeakerRow, TermsByYearRow } from './types.js';

export interface TermsResult {
  terms: TermRow[];
  bySide: TermsBySideRow[];
  byYear: TermsByYearRow[];
  bySpeaker: TermsBySpeakerRow[];
}

export const TERM_COLUMNS: ReadonlyArray<keyof TermRow & string> = [
  'doc_id',
  'date',
  'speaker',
  'side',
  'term',
  'count',
  'per_10k',
  'tf_idf',
];

/** A speaker in a document, with its term counts. */
export interface SpeakerDoc {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  words: number;
  /** Term counts in order of first use (a Map, or a compact TermCounts from ./counts.ts). */
  counts: ReadonlyMap<string, number>;
  /** For the turns of a joint label, the people credited with them in terms_by_speaker. */
  people?: Person[];
}

/** Counts terms per (document, speaker), in document order then first turn order. */
export function speakerDocs(docs: readonly AnnotatedDocument[]): SpeakerDoc[] {
  const out: Array<SpeakerDoc & { counts: Map<string, number> }> = [];
  for (const d of docs) {
    const byName = new Map<string, SpeakerDoc & { counts: Map<string, number> }>();
    for (const t of d.turns) {
      let u = byName.get(t.speaker);
      if (!u) {
        u = {
          doc_id: d.docId,
          date: d.date,
          speaker: t.speaker,
          side: t.side,
          words: 0,
          counts: new Map(),
          ...(t.people ? { people: t.people } : {}),
        };
        byName.set(t.speaker, u);
        out.push(u);
      }
      u.words += t.words;
      for (const term of t.terms) u.counts.set(term, (u.counts.get(term) ?? 0) + 1);
    }
  }
  return out;
}

/** The id of the terms analysis, whose parts (a document's SpeakerDocs) other analyses read. */
export const TERMS = 'terms';

/** Every speaker-document in corpus order: the terms analysis's parts, one document after another. */
export function termUnits(parts: (id: string) => Iterable<unknown>): SpeakerDoc[] {
  const units: SpeakerDoc[] = [];
  for (const part of parts(TERMS) as Iterable<SpeakerDoc[] | undefined>)
    for (const u of part ?? []) units.push(u);
  return units;
}

/** A document's speaker-documents as the main thread keeps them: strings shared, counts packed. */
export function keptUnits(units: readonly SpeakerDoc[], kit: KeepKit): SpeakerDoc[] {
  const s = kit.intern;
  return units.map((u) => ({
    ...u,
    doc_id: s(u.doc_id),
    date: s(u.date),
    speaker: s(u.speaker),
    side: s(u.side),
    counts: TermCounts.from(u.counts, kit.vocabulary),
  }));
}

/**
 * The term tables from speaker-documents already counted (speakerDocs, per
 * document in a worker thread; in document order).
 */
export function termTablesFromUnits(
  units: readonly SpeakerDoc[],
  options: { rows?: boolean } = {},
): Pick<TermsResult, 'terms' | 'bySide' | 'byYear' | 'bySpeaker'> {
  const terms = (options.rows ?? true) ? termRows(units) : [];

  const bySide = ranked(
    groupRows(
      units,
      (u) => [u.side],
      ([side], term, count, words) => ({
        side: side!,
        term,
        count,
        words,
        per_10k: rate(count, words),
        rank: 0,
      }),
    ),
    (r) => r.side,
  );
  const byYear = ranked(
    groupRows(
      units,
      (u) => [String(yearOf(u.date))],
      ([year], term, count, words) => ({
        year: Number(year),
        term,
        count,
        words,
        per_10k: rate(count, words),
        rank: 0,
      }),
    ),
    (r) => String(r.year).padStart(6, '0'),
  );
  // Each person of a joint turn is credited with its words and terms here
  // (so these rows sum to more than the corpus by the joint turns); the
  // corpus, side and year tables above count them once.
  const credited = units.flatMap((u) =>
    u.people ? u.people.map((p) => ({ ...u, speaker: p.speaker, side: p.side })) : [u],
  );
  const bySpeaker = ranked(
    groupRows(
      credited,
      (u) => [u.speaker, u.side],
      ([speaker, side], term, count, words) => ({
        speaker: speaker!,
        side: side!,
        term,
        count,
        words,
        per_10k: rate(count, words),
        rank: 0,
      }),
    ),
    (r) => `${r.speaker}\u0000${r.side}`,
  );

  return { terms, bySide, byYear, bySpeaker };
}

/** One speaker-document's terms in terms.csv's order, with what each row's measures need. */
export interface UnitTerms {
  unit: SpeakerDoc;
  /** [term, count], count desc then term. */
  entries: Array<[string, number]>;
  /** ln(N / df) per term: N speaker-documents, df those using the term. */
  idf: (term: string) => number;
}

/**
 * The speaker-documents in terms.csv's order (doc_id, speaker), each with
 * its terms sorted; one at a time, so a large corpus's rows (one per term
 * per speaker-document) are never all built at once.
 */
export function* termsInOrder(units: readonly SpeakerDoc[]): Generator<UnitTerms> {
  const df = new Map<string, number>();
  for (const u of units) for (const term of u.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = units.length;
  const idf = (term: string) => Math.log(n / df.get(term)!);
  const order = units
    .map((u, i) => [u, i] as const)
    .sort(([a, i], [b, j]) => cmp(a.doc_id, b.doc_id) || cmp(a.speaker, b.speaker) || i - j)
    .map(([u]) => u);
  for (const unit of order) {
    const entries = [...unit.counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
    yield { unit, entries, idf };
  }
}

/** per_10k and tf_idf of one terms.csv row (tf = count / words). */
export function termMeasures(
  words: number,
  count: number,
  idf: number,
): { per_10k: number; tf_idf: number } {
  const tf = words > 0 ? count / words : 0;
  return { per_10k: rate(count, words), tf_idf: tf * idf };
}

/** terms.csv's rows in its order (the pipeline writes them as text from termsInOrder instead). */
export function termRows(units: readonly SpeakerDoc[]): TermRow[] {
  const rows: TermRow[] = [];
  for (const { unit: u, entries, idf } of termsInOrder(units)) {
    for (const [term, count] of entries) {
      rows.push({
        doc_id: u.doc_id,
        date: u.date,
        speaker: u.speaker,
        side: u.side,
        term,
        count,
        ...termMeasures(u.words, count, idf(term)),
      });
    }
  }
  return rows;
}

/** Rate per 10,000 words; 0 when there are no words. */
export function rate(count: number, words: number): number {
  return words > 0 ? (count * 10_000) / words : 0;
}

/** Calendar year of an ISO date; 0 when the date is unknown. */
export function yearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number.isInteger(y) && /^\d{4}/.test(date) ? y : 0;
}

/**
 * Sums term counts and words of the speaker-documents over a grouping key
 * (words once per speaker-document, never per term) and builds one row per
 * (group, term).
 */
function groupRows<T>(
  units: readonly SpeakerDoc[],
  key: (u: SpeakerDoc) => string[],
  make: (key: string[], term: string, count: number, words: number) => T,
): T[] {
  const groups = new Map<string, { key: string[]; words: number; counts: Map<string, number> }>();
  for (const u of units) {
    const k = key(u);
    const id = k.join('\u0000');
    let g = groups.get(id);
    if (!g) {
      g = { key: k, words: 0, counts: new Map() };
      groups.set(id, g);
    }
    g.words += u.words;
    for (const [term, n] of u.counts) g.counts.set(term, (g.counts.get(term) ?? 0) + n);
  }
  const out: T[] = [];
  for (const g of groups.values()) {
    for (const [term, count] of g.counts) out.push(make(g.key, term, count, g.words));
  }
  return out;
}

/** Sorts by group, then count desc, then term, and numbers ranks within each group. */
function ranked<T extends { term: string; count: number; rank: number }>(
  rows: T[],
  group: (r: T) => string,
): T[] {
  rows.sort((a, b) => cmp(group(a), group(b)) || b.count - a.count || cmp(a.term, b.term));
  let prev: string | undefined;
  let rank = 0;
  for (const r of rows) {
    const g = group(r);
    rank = g === prev ? rank + 1 : 1;
    prev = g;
    r.rank = rank;
  }
  return rows;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const TERM_TABLES: TableSpec[] = [
  {
    name: 'terms',
    key: 'terms',
    rowLevel: true,
    unit: 'one term used by one speaker in one document',
    description:
      'Per-speaker term frequencies. Terms come from annotation (pipeline/annotate.ts, wink-nlp): lemmas lower-cased; multi-word names from the speaker registry and the dictionary kept as one term ("kim il sung", "soviet union", "marxist-leninist", whatever the dashes); words in corpus/stopwords.txt, punctuation, numbers and single letters dropped. Terms a speaker never used in a document have no row.',
    order: 'doc_id, speaker, count desc, term',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('term', 'The term (lemma, lower case; or a multi-word name).'),
      c('count', 'Times the speaker used the term in the document.'),
      c('per_10k', 'count ÷ words of that speaker in that document × 10,000.'),
      c(
        'tf_idf',
        'tf × idf, tf = count ÷ words of that speaker in that document, idf = ln(N ÷ df), N = number of (document, speaker) pairs, df = pairs using the term. 0 for a term every speaker uses in every document.',
      ),
    ],
  },
  {
    name: 'terms_by_side',
    key: 'termsBySide',
    rowLevel: false,
    unit: 'one term of one side, whole corpus',
    description: 'terms.csv summed over every speaker and document of a side.',
    order: 'side, count desc, term',
    columns: [
      SIDE,
      c('term', 'The term.'),
      c('count', 'Times the side used it.'),
      c('words', 'Words spoken by the side in the corpus (denominator).'),
      PER_10K,
      c('rank', '1-based rank within the side: count desc, ties broken by term.'),
    ],
  },
  {
    name: 'terms_by_year',
    key: 'termsByYear',
    rowLevel: false,
    unit: 'one term in one calendar year (all speakers)',
    description: 'terms.csv summed over every speaker and document of a year (year 0 = undated).',
    order: 'year, count desc, term',
    columns: [
      c('year', 'Year of the meeting date.'),
      c('term', 'The term.'),
      c('count', 'Times it was used that year.'),
      c('words', "Words spoken in that year's documents (denominator)."),
      PER_10K,
      c('rank', '1-based rank within the year: count desc, ties broken by term.'),
    ],
  },
  {
    name: 'terms_by_speaker',
    key: 'termsBySpeaker',
    rowLevel: false,
    unit: 'one term of one speaker, whole corpus',
    description:
      'terms.csv summed over every document of a speaker (for the top-terms-per-speaker figure). A joint turn ("Comrades Hysni Kapo and Ramiz Alia:", one row of terms.csv and turns.csv under the joint name) is credited to each of its people here, so these rows sum to more than the corpus by its words; terms.csv, terms_by_side.csv and terms_by_year.csv count it once.',
    order: 'speaker, side, count desc, term',
    columns: [
      SPEAKER,
      SIDE,
      c('term', 'The term.'),
      c('count', 'Times the speaker used it.'),
      c('words', 'Words spoken by the speaker in the corpus (denominator).'),
      PER_10K,
      c('rank', '1-based rank within the speaker: count desc, ties broken by term.'),
    ],
  },
];
