/**
 * What the per-document work is configured by, what it returns for one
 * document, and that document's own output files. Plain data and no
 * wink-nlp: the main thread imports this without loading the annotator.
 */
import type { DocumentRows } from '../analyses/contract.js';
import { turnRows } from '../analyses/corpus-tables.js';
import { ANALYSES } from '../analyses/index.js';
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
  /** Columns (codebook order) of the CSVs whose rows are written per document, by table name. */
  csvColumns: Record<string, string[]>;
}

/** A group of a document's rows of a row-level table as CSV (no header), with its sort key. */
export interface DocumentCsv {
  table: string;
  key: readonly string[];
  body: Uint8Array;
}

/** The result of the per-document work: the transcript and its analyses' per-document part. */
export interface ProcessedDocument {
  transcript: Transcript;
  /** wink word tokens of the document (as annotated: its counted speech). */
  tokens: number;
  /** The per-document part of each analysis that declares one (analyses/contract.ts), by id. */
  parts: Record<string, unknown>;
  /** corpus/<doc_id>.json as UTF-8. */
  json: Uint8Array;
  /**
   * This document's rows of the row-level tables written per document
   * (segments.csv, turns.csv and the analyses' documentRows), UTF-8.
   */
  csv: DocumentCsv[];
}

const utf8 = new TextEncoder();

/** The analyses that make rows of a row-level table from their per-document parts. */
const ROW_MAKERS = ANALYSES.flatMap((a) =>
  Object.entries(a.documentRows ?? {}).map(([table, rows]) => ({ id: a.id, table, rows })),
);

/**
 * A document's own output files, made with it: corpus/<doc_id>.json and its
 * rows of segments.csv, turns.csv and of the tables the analyses make from
 * their parts (not cached: they are remade from the transcript and parts on
 * a cache hit). segments.csv goes in corpus order (date, undated last,
 * doc_id), turns.csv by doc_id; kwic.csv is sorted by phrase first, so its
 * rows come in one chunk per phrase.
 */
export function withOutputs(
  doc: Pick<ProcessedDocument, 'transcript' | 'tokens' | 'parts'>,
  settings: DocumentSettings,
): ProcessedDocument {
  const { transcript, tokens, parts } = doc;
  const cols = settings.csvColumns;
  return {
    transcript,
    tokens,
    parts,
    json: utf8.encode(corpusJson(transcript)),
    csv: [
      {
        table: 'segments',
        key: [transcript.metadata.date || '9999', transcript.docId],
        body: csvBody(segmentRows([transcript]), columnsOf(cols, 'segments')),
      },
      {
        table: 'turns',
        key: [transcript.docId],
        body: csvBody(turnRows([transcript]), columnsOf(cols, 'turns')),
      },
      ...ROW_MAKERS.flatMap((m) =>
        parts[m.id] === undefined
          ? []
          : m.rows(parts[m.id]).map((g: DocumentRows) => ({
              table: m.table,
              key: g.key,
              body: csvBody(g.rows, columnsOf(cols, m.table)),
            })),
      ),
    ],
  };
}

function columnsOf(cols: DocumentSettings['csvColumns'], table: string): string[] {
  const c = cols[table];
  if (!c) throw new Error(`expected the columns of ${table}.csv among the per-document CSVs`);
  return c;
}

/** toCsv's rows without its header row, as UTF-8. */
function csvBody<T extends object>(rows: readonly T[], columns: readonly string[]): Uint8Array {
  const text = toCsv(rows, columns as Array<keyof T & string>);
  return utf8.encode(text.slice(text.indexOf('\n') + 1));
}
