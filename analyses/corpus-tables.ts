/**
 * documents.csv and turns.csv: the corpus as segmented, one row per document
 * and one per speech turn, so every rate can be traced to its denominators.
 */
import { datePrecision } from '../pipeline/describe.js';
import type { Transcript } from '../pipeline/types.js';
import { DATE, DOC, SIDE, SPEAKER, TURN, WORDS_RULE } from './columns.js';
import { c, type TableSpec } from './tables.js';
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

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const CORPUS_TABLES: TableSpec[] = [
  {
    name: 'documents',
    key: 'documents',
    rowLevel: false,
    unit: 'one document (one meeting record)',
    description: 'The corpus as read: provenance and size of every document.',
    order: 'doc_id',
    columns: [
      DOC,
      DATE,
      c(
        'date_precision',
        'How precise the date is: "day", "month" (a record dated only "April 1950": date 1950-04) or "year" (date YYYY, from corpus.yaml); empty without a date. Figures draw a month-only date on the first day of its month and a year-only date on 1 January; tables sort it before the days of that month (or year).',
      ),
      c('title', 'Title of the record.'),
      c('source_file', 'File name under corpus/raw/.'),
      c(
        'source_format',
        'Kind of file: txt, md, html (saved web page), pdf or docx; html, pdf and docx were converted to text (that text is the original kept in corpus/<doc_id>.json, as edits of its "text"; see the README).',
      ),
      c(
        'sha256',
        'SHA-256 of the raw file bytes (hex; of the file itself for html, pdf and docx), so the input can be verified.',
      ),
      c('speakers', 'Speakers with at least one turn, in order of first turn, joined with "; ".'),
      c('turns', 'Number of speech turns.'),
      c('words', `Words spoken in all turns. ${WORDS_RULE}`),
      c(
        'speech',
        'How the record gives speech: "verbatim" (every turn in the speaker\'s own words), "summary" (every turn reported by the note-taker, e.g. "Stalin asks how they traveled"), "mixed", or empty when it has no turns.',
      ),
      c('archive_ref', 'Archive reference (e.g. "AQPPSH, MPP Korese, D 3, V. 1966").'),
      c('translator', 'Translator named in the citation.'),
      c('source_url', 'Where the translation was published.'),
      c('participants', 'Participants named in the opening narrative, joined with "; ".'),
      c(
        'warnings',
        'Diagnostics of severity warning or error for this document (see diagnostics.csv).',
      ),
    ],
  },
  {
    name: 'turns',
    key: 'turns',
    rowLevel: true,
    unit: 'one speech turn',
    description:
      'Every speech turn with its speech text only: editorial insertions ([…]), stage directions ((…)) and trailers are removed and never counted.',
    order: 'doc_id, turn',
    columns: [
      DOC,
      DATE,
      TURN,
      SPEAKER,
      c(
        'speakers',
        'Each person of the turn, joined with "; ": one, or several for a joint label ("Comrades Hysni Kapo and Ramiz Alia:", whose speaker is "Hysni Kapo and Ramiz Alia").',
      ),
      SIDE,
      c(
        'mode',
        '"direct" (the speaker\'s own words) or "reported" (the note-taker\'s report of them: a turn opened by the name and a verb of saying, "Stalin asks …", or a labelled turn opening "Greets the delegation and asks …" / "He said that …"). Counts include both.',
      ),
      c('words', `Words in the turn's speech text. ${WORDS_RULE}`),
      c('text', 'The speech text as displayed (paragraphs separated by a blank line).'),
    ],
  },
  {
    name: 'segments',
    rowLevel: true,
    unit: "one segment of a document's normalised text",
    description:
      'How every paragraph was classified (header, narrative, label, speech, editorial, stage, trailer); together the segments cover the whole text. For checking the segmentation.',
    order: 'doc_id, segment',
    columns: [
      DOC,
      c('segment', 'Segment number, 1-based within the document (paragraph breaks not listed).'),
      c(
        'kind',
        "header | narrative | label | speech | editorial | stage | trailer. Only speech counts as a speaker's words.",
      ),
      c('rule', 'Id of the rule that classified it.'),
      c('paragraph', '1-based paragraph of the normalised text.'),
      c('line', '1-based line of the segment start in the normalised text.'),
      c('start', 'Start offset (characters) in the normalised text (corpus/<doc_id>.json "text").'),
      c('end', 'End offset (exclusive).'),
      c('turn', 'Turn number for segments inside a turn, else empty.'),
      c('speaker', 'Speaker for segments inside a turn, else empty.'),
      c('text', "The segment's text."),
    ],
  },
];
