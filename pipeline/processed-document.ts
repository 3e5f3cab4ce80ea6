/**
 * What the per-document work is configured by, what it returns for one
 * document, and that document's own output files. Plain data and no
 * wink-nlp: the main thread imports this without loading the annotator.
 */
import { turnRows } from '../analyses/corpus-tables.js';
import { sortKwic, stripStart } from '../analyses/kwic.js';
import type { DocumentPartial } from '../analyses/per-document.js';
import { corpusJson } from './corpus-json.js';
import { toCsv } from './csv.js';
import type { SpeechCounted } from './speech.js';
import { segmentRows } from './transcripts.js';
import type { Transcript } from './types.js';

/** The configuration texts an annotator is built from (also what workers receive). */
export interface AnnotateInputs {
  speakers: string;
  dictionary: string;
  stopwords: string;
  sentiment: string;
}

/** What the per-document work is configured by (also what workers receive). */
export interface DocumentSettings {
  inputs: AnnotateInputs;
  /** Extra KWIC terms (command line). */
  kwicTerms: string[];
  /** Words whose collocates are asked for (--collocates). */
  collocateTerms?: string[];
  /** Which speech the analyses count: both modes, or direct speech only (--speech direct). */
  speech?: SpeechCounted;
  /** Columns (codebook order) of the CSVs whose rows are written per document. */
  csvColumns: {
    segments: string[];
    turns: string[];
    sentences: string[];
    phrases: string[];
    kwic: string[];
  };
}

/** The result of the per-document work: the transcript and its analyses' per-document part. */
export interface ProcessedDocument {
  transcript: Transcript;
  partial: DocumentPartial;
  /** corpus/<doc_id>.json as UTF-8. */
  json: Uint8Array;
  /** This document's rows of segments.csv, turns.csv, sentences.csv, phrases.csv and kwic.csv (no header), UTF-8. */
  csv: {
    segments: Uint8Array;
    turns: Uint8Array;
    sentences: Uint8Array;
    phrases: Uint8Array;
    /** kwic.csv rows by phrase, in kwic.csv's phrase order. */
    kwic: Array<[phrase: string, body: Uint8Array]>;
  };
}

const utf8 = new TextEncoder();

/**
 * A document's own output files, made with it: corpus/<doc_id>.json and its
 * rows of segments.csv, turns.csv, sentences.csv, phrases.csv and kwic.csv
 * (not cached: they are remade from the transcript and partial on a cache
 * hit). kwic.csv is sorted by phrase first, so its rows come in one chunk
 * per phrase.
 */
export function withOutputs(
  doc: Pick<ProcessedDocument, 'transcript' | 'partial'>,
  settings: DocumentSettings,
): ProcessedDocument {
  const { transcript, partial } = doc;
  const cols = settings.csvColumns;
  return {
    transcript,
    partial,
    json: utf8.encode(corpusJson(transcript)),
    csv: {
      segments: csvBody(segmentRows([transcript]), cols.segments),
      turns: csvBody(turnRows([transcript]), cols.turns),
      sentences: csvBody(partial.sentiment.sentences, cols.sentences),
      phrases: csvBody(partial.phrases, cols.phrases),
      kwic: kwicChunks(partial.kwic, cols.kwic),
    },
  };
}

/** A document's kwic.csv rows in kwic.csv's order, one body per phrase. */
function kwicChunks(
  rows: ProcessedDocument['partial']['kwic'],
  columns: readonly string[],
): Array<[phrase: string, body: Uint8Array]> {
  const sorted = stripStart(sortKwic([...rows]));
  const out: Array<[string, Uint8Array]> = [];
  let from = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i]!.phrase !== sorted[from]!.phrase) {
      out.push([sorted[from]!.phrase, csvBody(sorted.slice(from, i), columns)]);
      from = i;
    }
  }
  return out;
}

/** toCsv's rows without its header row, as UTF-8. */
function csvBody<T extends object>(rows: readonly T[], columns: readonly string[]): Uint8Array {
  const text = toCsv(rows, columns as Array<keyof T & string>);
  return utf8.encode(text.slice(text.indexOf('\n') + 1));
}
