/**
 * Contracts between annotation, the analyses and the figures/report.
 *
 * Flow: Transcript ──annotate──▶ AnnotatedDocument (both pipeline/types.ts)
 * ──analyses──▶ tables (rows below) ──figures/report.
 */
import type { Results } from './tables.js';

// ── Tables (one row type per CSV in reports/data/) ───────────────────────────
// Column names are the CSV headers, snake_case. Numbers are written with fixed
// precision by the CSV writer. `date` is ISO YYYY-MM-DD.

export interface DocumentRow {
  doc_id: string;
  date: string;
  /** "day", "month" (date YYYY-MM) or "year" (YYYY); "" without a date. */
  date_precision: string;
  title: string;
  source_file: string;
  source_format: string;
  sha256: string;
  speakers: string;
  turns: number;
  words: number;
  /** "verbatim", "summary", "mixed" (direct / reported turns), "" without turns. */
  speech: string;
  archive_ref: string;
  translator: string;
  source_url: string;
  participants: string;
  warnings: number;
}

export interface TurnRow {
  doc_id: string;
  date: string;
  turn: number;
  speaker: string;
  /** Each person of the turn joined with "; " (several for a joint label). */
  speakers: string;
  side: string;
  /** "direct" or "reported". */
  mode: string;
  words: number;
  text: string;
}

export interface TermRow {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  term: string;
  count: number;
  per_10k: number;
  tf_idf: number;
}

export interface PhraseRow {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  phrase: string;
  count: number;
  /** Words of that speaker in that document (denominator). */
  words: number;
  per_10k: number;
}

export interface PhraseFormRow {
  phrase: string;
  form: string;
  count: number;
}

export interface SentenceRow {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  turn: number;
  sentence: number;
  sentiment: number;
  covered: boolean;
  text: string;
}

export interface SentimentRow {
  doc_id: string;
  date: string;
  /** Level of aggregation: "speaker" or "side". */
  level: 'speaker' | 'side';
  /** Speaker name for level "speaker", "" for level "side". */
  speaker: string;
  side: string;
  sentences: number;
  mean: number;
  ci_low: number;
  ci_high: number;
  coverage: number;
}

export interface KeynessRow {
  comparison: string;
  target: string;
  reference: string;
  term: string;
  count_target: number;
  count_reference: number;
  g2: number;
  p: number;
  log_ratio: number;
  /** Documents in which the target used the term. */
  range_target: number;
  /** Documents in which the reference used the term. */
  range_reference: number;
}

export interface KwicRow {
  phrase: string;
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  turn: number;
  left: string;
  match: string;
  right: string;
  /**
   * Where the match falls in the conversation's speech, 0–1: words spoken in
   * the document before the match divided by all words spoken in it (for the
   * dispersion plot).
   */
  position: number;
}

export interface TurnStatRow {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  turns: number;
  words: number;
  share_turns: number;
  share_words: number;
  mean_turn_words: number;
  longest_turn_words: number;
  opens: boolean;
  closes: boolean;
}

export interface SentimentArcRow {
  doc_id: string;
  date: string;
  turn: number;
  speaker: string;
  side: string;
  sentences: number;
  /** Mean sentence score within the turn. */
  mean: number;
  /** Sentences with any sentiment-bearing word. */
  sentences_covered: number;
}

export interface SentimentDriverRow {
  year: number;
  side: string;
  term: string;
  polarity: 'positive' | 'negative';
  /** Sentences of that side and year in which the term contributed. */
  sentences: number;
  /** Sum of its signed contributions. */
  contribution: number;
  /** 1-based rank within (year, side, polarity) by |contribution| desc, then term. */
  rank: number;
}

export interface SentimentTargetRow {
  year: number;
  /** Target key, e.g. "soviet-union", "china", "united-states", "yugoslavia", "korea", "albania". */
  target: string;
  side: string;
  sentences: number;
  mean: number;
  ci_low: number;
  ci_high: number;
  coverage: number;
}

/**
 * The rows of the tables declared in this file's row types, in the results
 * map (analyses/tables.ts Results). An analysis with its own row type adds
 * its table the same way, in its own module.
 */
declare module './tables.js' {
  interface Results {
    documents: DocumentRow[];
    turns: TurnRow[];
    terms: TermRow[];
    termsBySide: TermsBySideRow[];
    termsByYear: TermsByYearRow[];
    termsBySpeaker: TermsBySpeakerRow[];
    phrases: PhraseRow[];
    phraseForms: PhraseFormRow[];
    sentences: SentenceRow[];
    sentiment: SentimentRow[];
    sentimentArc: SentimentArcRow[];
    sentimentDrivers: SentimentDriverRow[];
    sentimentTargets: SentimentTargetRow[];
    keyness: KeynessRow[];
    kwic: KwicRow[];
    turnStats: TurnStatRow[];
  }
}

/** Every table the analyses produce (the results map, analyses/tables.ts). */
export type Tables = Results;

// ── Dictionary (corpus/dictionary.yaml, loaded by analyses/dictionary.ts) ────

/** One key of the concept dictionary, e.g. `revisionism: [revisionis*]`. */
export interface DictionaryEntry {
  /** The key as written, e.g. "marxist-leninist"; the `phrase` column of phrases.csv. */
  key: string;
  /** What the key is meant to capture (free text for the reader; may be ""). */
  description: string;
  /** Patterns as written: words, `*` = any run of letters/digits, multi-word phrases. */
  patterns: string[];
  /**
   * False (the default): the key competes with every other non-independent key
   * and a stretch of text belongs to at most one of them. True: the key is
   * matched on its own, so its matches may overlap other keys' matches.
   */
  independent: boolean;
  /**
   * Marked as a headline key (`headline:` in the dictionary): its place among
   * them (1 first), or true for after the numbered ones in file order. The
   * headline keys lead the phrase-rate, dispersion and trend figures and are
   * the collocates' nodes (see headlineKeys). Absent when not marked.
   */
  headline?: number | true;
  /** 1-based line of the key in the dictionary file (for messages). */
  line: number;
}

export interface Dictionary {
  /** File name shown in messages, e.g. "dictionary.yaml". */
  file: string;
  entries: DictionaryEntry[];
}

// ── Term tables grouped (terms_by_side, terms_by_year, terms_by_speaker) ─────

/** terms_by_side.csv: term counts summed over every speaker of a side. */
export interface TermsBySideRow {
  side: string;
  term: string;
  count: number;
  /** Words spoken by that side in the whole corpus (denominator). */
  words: number;
  per_10k: number;
  /** 1-based rank within the side by count desc, then term. */
  rank: number;
}

/** terms_by_year.csv: term counts summed over every speaker in a year. */
export interface TermsByYearRow {
  year: number;
  term: string;
  count: number;
  /** Words spoken in that year's documents (denominator). */
  words: number;
  per_10k: number;
  /** 1-based rank within the year by count desc, then term. */
  rank: number;
}

/** terms_by_speaker.csv: term counts summed over every document of a speaker. */
export interface TermsBySpeakerRow {
  speaker: string;
  side: string;
  term: string;
  count: number;
  /** Words spoken by that speaker in the whole corpus (denominator). */
  words: number;
  per_10k: number;
  /** 1-based rank within the speaker by count desc, then term. */
  rank: number;
}
