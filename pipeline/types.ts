/**
 * The data model shared by every stage. Each stage returns a new, plain,
 * JSON-serialisable value; the type names carry the stage order
 * (RawDocument → NormalizedDocument → DescribedDocument → Transcript), so a
 * later stage cannot be handed an earlier artifact.
 */

import type { SideColours } from './figures/theme.js';

/** A problem found in the data or configuration, with its place. */
export interface Diagnostic {
  /** Path relative to the corpus folder (e.g. "raw/1959-06-06.txt", "speakers.yaml"). */
  file: string;
  /** 1-based line in that file, when known (lines of the raw file for raw/ inputs). */
  line?: number;
  /** Stable rule id, e.g. "encoding/windows-1252", "segment/unregistered-speaker". */
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** One entry of corpus/speakers.yaml. */
export interface Speaker {
  /** Canonical name without honorifics, e.g. "Enver Hoxha". */
  name: string;
  /** Other spellings and labelled forms ("Comrade Enver Hoxha", "Choe Yong Gon"). */
  aliases: string[];
  /** "Albania", "DPRK", or whatever sides the registry declares; "Unknown" if unregistered. */
  side: string;
  role: string;
  /** True for speakers created on the fly from an unregistered label. */
  unregistered?: boolean;
}

export interface Registry {
  speakers: Speaker[];
  /** Honorifics stripped from labels before lookup ("Comrade", "Ambassador", …). */
  honorifics: string[];
  /** The sides in their declared order, with chosen colours (figures, legends, the report). */
  sides?: SideColours;
}

/** The kind of file a document came from (its extension; .htm is html). */
export type SourceFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

/** ingest: the only read of the corpus. */
export interface RawDocument {
  /** Stable id: the file name without extension. */
  docId: string;
  /** File name relative to raw/ (e.g. "1959-06-06_hoxha-choe-yong-geon.txt"). */
  sourceFile: string;
  /** sha256 of the file's bytes (the original file, before any conversion), hex. */
  sha256: string;
  bytes: number;
  /** html, pdf and docx are converted to text (pipeline/convert/); txt and md are text. */
  sourceFormat: SourceFormat;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /**
   * Decoded text, BOM removed, otherwise untouched; for html, pdf and docx the
   * text extracted from the file (encoding is then that of the web page, or
   * utf-8 for pdf and docx).
   */
  original: string;
  diagnostics: Diagnostic[];
  /**
   * Unregistered one-word names of this record's labels linked to the one
   * fuller name with that word seen in the corpus's other records
   * ("Khrushchev" → "N. S. Khrushchev"), set before the documents are read
   * (pipeline/speaker-names.ts corpusLinks); absent when there are none.
   */
  corpusLinks?: Record<string, CorpusLink>;
}

/** A one-word name linked across records: the fuller name, and the records it was seen in. */
export interface CorpusLink {
  name: string;
  seenIn: string[];
}

/** normalize: display text every offset refers to. */
export interface NormalizedDocument extends Omit<RawDocument, 'diagnostics'> {
  /**
   * Normalised text: NFC, LF line ends, odd spaces replaced, web and markdown
   * leftovers removed, page-broken paragraphs rejoined, stray spaces removed.
   * Paragraphs are separated by exactly one blank line ("\n\n").
   * Dash variants inside hyphenated terms ("Marxist - Leninist") are KEPT here
   * for display; `analysisForm()` in pipeline/normalize.ts unifies them.
   */
  text: string;
  diagnostics: Diagnostic[];
}

export interface Metadata {
  /**
   * ISO date of the meeting at the precision known: YYYY-MM-DD, YYYY-MM when
   * the record gives only a month ("April 1950"), YYYY from corpus.yaml; ""
   * when not found.
   */
  date: string;
  title: string;
  summary: string;
  /** e.g. "AQPPSH, MPP Korese, D 3, V. 1966". */
  archiveRef: string;
  translator: string;
  sourceUrl: string;
  /** Names of participants mentioned in the opening narrative / attendee lists. */
  participants: string[];
  /** Which fields came from corpus/corpus.yaml rather than the text. */
  overridden: string[];
}

export interface DescribedDocument extends NormalizedDocument {
  metadata: Metadata;
}

/**
 * Segment kinds. Every character of the normalised text is in exactly one
 * segment (lossless). Only `speech` counts as a speaker's words.
 * - header: title, date line, citation block, web leftovers before the record
 * - narrative: the recorder's prose (who attended, "After the guests were greeted…")
 * - label: the speaker label that opens a turn ("Comrade Enver Hoxha: ")
 * - speech: what a speaker said
 * - editorial: square-bracket insertions by translator/archive ("[sic]", "[1]")
 * - stage: stage directions in parentheses ("(Laughter)")
 * - trailer: signatures, typist lines, summary, archive reference, rights notice
 * - break: the whitespace between paragraphs
 */
export type SegmentKind =
  | 'header'
  | 'narrative'
  | 'label'
  | 'speech'
  | 'editorial'
  | 'stage'
  | 'trailer'
  | 'break';

export interface Segment {
  kind: SegmentKind;
  /** Offsets into NormalizedDocument.text, [start, end). */
  start: number;
  end: number;
  /** 1-based line of `start` in the normalised text. */
  line: number;
  /** 1-based paragraph index in the normalised text (0 for break segments). */
  paragraph: number;
  /** Turn number (1-based) for label/speech and for editorial/stage inside a turn. */
  turn?: number;
  /** Canonical speaker for segments inside a turn. */
  speaker?: string;
  /** Why it was classified so (rule id), for the audit table. */
  rule: string;
  /** "direct" for a quotation inside a reported turn (rule speech/quotation-in-report). */
  mode?: 'direct';
}

export interface Turn {
  docId: string;
  /** 1-based within the document. */
  turn: number;
  /** Canonical speaker; for a joint label the people's names joined by " and ". */
  speaker: string;
  /**
   * Each person the label names: one, or several for a joint label
   * ("Comrades Hysni Kapo and Ramiz Alia"). Always set by segment().
   */
  speakers?: string[];
  side: string;
  /** The label as written ("Ambassador An Yong"). */
  label: string;
  /** Offsets of the whole turn (label to end of its last paragraph) in the normalised text. */
  start: number;
  end: number;
  /**
   * Speech only: editorial and stage segments removed, paragraphs joined with
   * "\n\n", runs of spaces collapsed. Display form (dash variants kept).
   */
  text: string;
  /**
   * "direct" when the speaker's own words are recorded; "reported" when the
   * note-taker reports them ("Stalin asks how they traveled", "Comrade Mao
   * Zedong: Greets the delegation and asks …", "He said that …").
   */
  mode?: 'direct' | 'reported';
  /** Words in `text` (its analysisForm, so "Marxist - Leninist" is one word), by countWords(). */
  words: number;
  paragraphs: number;
  /**
   * In a reported turn, the speaker's own words it quotes (“…”, of three
   * words or more), joined by "\n\n", and their words; absent when none.
   * They are part of `text` and `words`; `--speech direct` counts them as
   * direct speech (pipeline/speech.ts).
   */
  quoted?: string;
  quotedWords?: number;
  /** For a joint turn, each person's side, in the order of `speakers`; absent otherwise. */
  sides?: string[];
}

/** A speaker and their side. */
export interface Person {
  speaker: string;
  side: string;
}

/** segment: the complete transcript model of one document. */
export interface Transcript extends DescribedDocument {
  segments: Segment[];
  turns: Turn[];
  /** Canonical names of the speakers with at least one turn, in order of first turn. */
  speakers: string[];
  /** How the record gives speech: all turns direct, all reported, both, or "" without turns. */
  record?: 'verbatim' | 'summary' | 'mixed' | '';
}

/** A file found in raw/: its name and bytes (the only read of the corpus happens in io.ts). */
export interface RawFile {
  name: string;
  bytes: Uint8Array;
  /** The text of a web page, PDF or Word file, extracted by pipeline/convert/ (bytes stay the original). */
  converted?: {
    format: SourceFormat;
    text: string;
    encoding: RawDocument['encoding'];
    /** A web page read as Windows-1252: the line of its first byte that is not UTF-8. */
    badLine?: number;
  };
}

/** A corpus folder as read (pipeline/io.ts): raw files and configuration texts. */
export interface CorpusFiles {
  dir: string;
  raw: RawFile[];
  /** Text of the configuration files present (speakers.yaml, …), by name. */
  config: Map<string, string>;
  diagnostics: Diagnostic[];
}

// ── Annotation (pipeline/annotate.ts) ────────────────────────────────────────
// AnnotatedDocument is plain JSON (per turn, its terms and scored sentences; no
// wink object survives), so it can be computed in a worker thread and merged.

/** How a sentence scored. Produced by analyses/sentiment/scorer.ts. */
export interface SentimentScore {
  /** Sentence score in [-1, 1]; 0 when no sentiment-bearing word. */
  score: number;
  /** True when at least one sentiment-bearing word was found (coverage). */
  covered: boolean;
  /** Each sentiment-bearing word (lower-cased) and its signed contribution. */
  contributions: Array<[term: string, weight: number]>;
}

export interface AnnotatedSentence {
  /** 1-based within the turn. */
  index: number;
  text: string;
  score: number;
  covered: boolean;
  contributions: Array<[term: string, weight: number]>;
}

export interface AnnotatedTurn {
  turn: number;
  speaker: string;
  side: string;
  /** For a joint turn, each person credited with its words (creditedPeople); absent otherwise. */
  people?: Person[];
  /** countWords(turn.text): the denominator of every rate. */
  words: number;
  /** wink word tokens in the turn (for throughput figures). */
  tokens: number;
  /**
   * Content terms in reading order: lemmas lower-cased, stop words (corpus
   * list) removed, punctuation/numbers dropped, multi-word names from the
   * registry and dictionary kept as one term ("kim il sung", "marxist-leninist").
   */
  terms: string[];
  sentences: AnnotatedSentence[];
}

export interface AnnotatedDocument {
  docId: string;
  date: string;
  sourceFile: string;
  sha256: string;
  tokens: number;
  turns: AnnotatedTurn[];
}
