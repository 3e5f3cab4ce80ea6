/**
 * documents.csv and turns.csv: the corpus as segmented, one row per document
 * and one per speech turn, so every rate can be traced to its denominators.
 */
import { datePrecision } from '../pipeline/describe.js';
import type { Transcript } from '../pipeline/types.js';
import { cmp } from './terms.js';
import type { DocumentRow, TurnRow } from './types.js';

export const DOCUMENT_COLUMNS: ReadonlyArray<keyof DocumentRow & string> = [
  'doc_id',
  'date',
  'date_precision',
  'title',
  'source_file',
  'source_format',
  'sha256',
  'speakers',
  'turns',
  'words',
  'speech',
  'archive_ref',
  'translator',
  'source_url',
  'participants',
  'warnings',
];

export const TURN_COLUMNS: ReadonlyArray<keyof TurnRow & string> = [
  'doc_id',
  'date',
  'turn',
  'speaker',
  'speakers',
  'side',
  'mode',
  'words',
  'text',
];

/**
 * One row per document, sorted by doc_id. `speakers` and `participants` are
 * joined with "; " (speakers in order of first turn); `words` = speech words
 * of all turns; `warnings` = diagnostics of severity warning or error.
 */
export function documentRows(transcripts: readonly Transcript[]): DocumentRow[] {
  return transcripts
    .map((t) => ({
      doc_id: t.docId,
      date: t.metadata.date,
      date_precision: datePrecision(t.metadata.date),
      title: t.metadata.title,
      source_file: t.sourceFile,
      source_format: t.sourceFormat,
      sha256: t.sha256,
      speakers: t.speakers.join('; '),
      turns: t.turns.length,
      words: t.turns.reduce((s, x) => s + x.words, 0),
      speech: t.record ?? '',
      archive_ref: t.metadata.archiveRef,
      translator: t.metadata.translator,
      source_url: t.metadata.sourceUrl,
      participants: t.metadata.participants.join('; '),
      warnings: t.diagnostics.filter((d) => d.severity !== 'info').length,
    }))
    .sort((a, b) => cmp(a.doc_id, b.doc_id));
}

/** One row per speech turn, sorted by doc_id, turn. `text` = speech only (Turn.text). */
export function turnRows(transcripts: readonly Transcript[]): TurnRow[] {
  const rows: TurnRow[] = [];
  for (const t of transcripts) {
    for (const turn of t.turns) {
      rows.push({
        doc_id: t.docId,
        date: t.metadata.date,
        turn: turn.turn,
        speaker: turn.speaker,
        speakers: (turn.speakers ?? [turn.speaker]).join('; '),
        side: turn.side,
        mode: turn.mode ?? 'direct',
        words: turn.words,
        text: turn.text,
      });
    }
  }
  return rows.sort((a, b) => cmp(a.doc_id, b.doc_id) || a.turn - b.turn);
}
