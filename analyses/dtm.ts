/**
 * The document–term matrix for R and Python users (data/dtm.mtx with
 * data/dtm_rows.csv and data/dtm_terms.csv; data/dtm.csv holds the same
 * cells as a table).
 *
 * Rows: one per speaker in a document (the unit of terms.csv), in document
 * order (doc_id) and, within a document, in order of the speaker's first
 * turn. Columns: the terms of terms.csv (lemmas, stop words removed,
 * multi-word names kept as one term; pipeline/annotate.ts), in code-point
 * order. Cells: how often the speaker used the term in that document.
 *
 * dtm.mtx is a Matrix Market file in coordinate format ("%%MatrixMarket
 * matrix coordinate integer general"; NIST, Boisvert, Pozo & Remington
 * 1996): a header line, comment lines starting with %, a line
 * "rows columns entries", then one line "row column count" per non-zero
 * cell, 1-based, sorted by row then column, each cell once. R:
 * `Matrix::readMM("dtm.mtx")`; Python: `scipy.io.mmread("dtm.mtx")`. The
 * row and column names are in the two CSV files (row / column = the index
 * in the matrix).
 */

import type { AnnotatedDocument } from '../pipeline/types.js';
import { defineAnalysis } from './contract.js';
import type { TableSpec } from './tables.js';
import { cmp, type SpeakerDoc, speakerDocs } from './terms.js';

/** The per-document part: each speaker's term counts. */
export interface DtmPart {
  docId: string;
  date: string;
  units: Array<{ speaker: string; side: string; words: number; counts: Array<[string, number]> }>;
}

export function dtmPart(a: AnnotatedDocument): DtmPart {
  return dtmPartFromUnits(a.docId, a.date, speakerDocs([a]));
}

/** The part from speaker-documents already counted (the pipeline's per-document units). */
export function dtmPartFromUnits(
  docId: string,
  date: string,
  units: readonly SpeakerDoc[],
): DtmPart {
  return {
    docId,
    date,
    units: units.map((u) => ({
      speaker: u.speaker,
      side: u.side,
      words: u.words,
      counts: [...u.counts],
    })),
  };
}

export interface DtmRow {
  row: number;
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  words: number;
}

export interface DtmTerm {
  column: number;
  term: string;
  /** Sum of the column. */
  count: number;
  /** Non-zero cells in the column (speaker-documents using the term). */
  rows: number;
}

export const DTM_ROW_COLUMNS: ReadonlyArray<keyof DtmRow & string> = [
  'row',
  'doc_id',
  'date',
  'speaker',
  'side',
  'words',
];
export const DTM_TERM_COLUMNS: ReadonlyArray<keyof DtmTerm & string> = [
  'column',
  'term',
  'count',
  'rows',
];

export interface DtmCell {
  row: number;
  column: number;
  count: number;
}

export const DTM_CELL_COLUMNS: ReadonlyArray<keyof DtmCell & string> = ['row', 'column', 'count'];

export interface Dtm {
  rows: DtmRow[];
  terms: DtmTerm[];
  /** The non-zero cells, by row then column. */
  cells: DtmCell[];
}

/** The matrix from the parts (any order: rows are sorted by doc_id). */
export function buildDtm(parts: readonly DtmPart[]): Dtm {
  const docs = [...parts].sort((a, b) => cmp(a.docId, b.docId));
  const vocabulary = new Map<string, { count: number; rows: number }>();
  for (const p of docs) {
    for (const u of p.units) {
      for (const [term, n] of u.counts) {
        if (n <= 0) continue;
        const v = vocabulary.get(term);
        if (v) {
          v.count += n;
          v.rows++;
        } else vocabulary.set(term, { count: n, rows: 1 });
      }
    }
  }
  const sorted = [...vocabulary.keys()].sort(cmp);
  const column = new Map(sorted.map((t, i) => [t, i + 1]));
  const terms: DtmTerm[] = sorted.map((term, i) => ({
    column: i + 1,
    term,
    ...vocabulary.get(term)!,
  }));
  const rows: DtmRow[] = [];
  const cells: DtmCell[] = [];
  for (const p of docs) {
    for (const u of p.units) {
      const row = rows.length + 1;
      rows.push({
        row,
        doc_id: p.docId,
        date: p.date,
        speaker: u.speaker,
        side: u.side,
        words: u.words,
      });
      const own = u.counts
        .filter(([, n]) => n > 0)
        .map(([t, n]) => ({ row, column: column.get(t)!, count: n }))
        .sort((a, b) => a.column - b.column);
      for (const c of own) cells.push(c);
    }
  }
  return { rows, terms, cells };
}

/** The parts from speaker-documents in document order (the terms analysis's units). */
export function dtmPartsFromUnits(units: readonly SpeakerDoc[]): DtmPart[] {
  const out: DtmPart[] = [];
  let i = 0;
  while (i < units.length) {
    let j = i;
    while (j < units.length && units[j]!.doc_id === units[i]!.doc_id) j++;
    out.push(dtmPartFromUnits(units[i]!.doc_id, units[i]!.date, units.slice(i, j)));
    i = j;
  }
  return out;
}

/**
 * The Matrix Market text of the matrix: header, a comment, the size line,
 * then one "row column count" line per cell.
 */
export function matrixMarket(cells: readonly DtmCell[], rows: number, columns: number): string {
  const lines = cells.map((c) => `${c.row} ${c.column} ${c.count}`);
  return (
    '%%MatrixMarket matrix coordinate integer general\n' +
    '% Document-term matrix: rows = speaker in a document (dtm_rows.csv), columns = terms (dtm_terms.csv).\n' +
    `${rows} ${columns} ${cells.length}\n` +
    (lines.length > 0 ? `${lines.join('\n')}\n` : '')
  );
}

export function dtmMethods(dtm: { rows: readonly unknown[]; terms: readonly unknown[] }): string {
  return (
    `The document–term matrix (${dtm.rows.length} speaker-documents × ${dtm.terms.length} terms, ` +
    `the counts behind terms.csv) is written in Matrix Market coordinate format for R ` +
    `(Matrix::readMM) and Python (scipy.io.mmread).`
  );
}

// ── Codebook ─────────────────────────────────────────────────────────────────

export const DTM_TABLES: TableSpec[] = [
  {
    name: 'dtm',
    key: 'dtm',
    rowLevel: true,
    unit: 'one non-zero cell: a term used by a speaker in a document',
    description:
      'The non-zero cells of the document–term matrix (rows: dtm_rows.csv, columns: dtm_terms.csv), 1-based. The same cells are in dtm.mtx, a Matrix Market file in coordinate format (integer, general: after the header and a comment line, "rows columns entries", then "row column count" per cell). R: Matrix::readMM("dtm.mtx"); Python: scipy.io.mmread("dtm.mtx"). From this CSV: Matrix::sparseMatrix(i = d$row, j = d$column, x = d$count).',
    order: 'row, column',
    columns: [
      { name: 'row', description: 'Row index (dtm_rows.csv row).' },
      { name: 'column', description: 'Column index (dtm_terms.csv column).' },
      {
        name: 'count',
        description: 'Uses of the term by that speaker in that document (the count of terms.csv).',
      },
    ],
  },
  {
    name: 'dtm_rows',
    key: 'dtmRows',
    rowLevel: false,
    unit: 'one row of dtm.mtx: a speaker in a document',
    description: 'The rows of the document–term matrix.',
    order: 'row (doc_id, then order of first turn)',
    columns: [
      { name: 'row', description: 'Row index in dtm.mtx, 1-based.' },
      { name: 'doc_id', description: 'Document id.' },
      { name: 'date', description: 'Meeting date, ISO YYYY-MM-DD; empty if unknown.' },
      { name: 'speaker', description: 'Canonical speaker name.' },
      { name: 'side', description: "The speaker's side." },
      {
        name: 'words',
        description: 'Words the speaker spoke in the document (the denominator of every rate).',
      },
    ],
  },
  {
    name: 'dtm_terms',
    key: 'dtmTerms',
    rowLevel: false,
    unit: 'one column of dtm.mtx: a term',
    description: 'The columns of the document–term matrix: the terms of terms.csv.',
    order: 'column (term in code-point order)',
    columns: [
      { name: 'column', description: 'Column index in dtm.mtx, 1-based.' },
      {
        name: 'term',
        description: 'The term (lemma, stop words removed, multi-word names as one term).',
      },
      { name: 'count', description: 'Sum of the column: uses in the whole corpus.' },
      {
        name: 'rows',
        description: 'Non-zero cells in the column: speaker-documents using the term.',
      },
    ],
  },
];

// ── The analysis (analyses/contract.ts) ──────────────────────────────────────

declare module './tables.js' {
  interface Results {
    dtm: DtmCell[];
    dtmRows: DtmRow[];
    dtmTerms: DtmTerm[];
  }
}

export const dtm = defineAnalysis({
  id: 'dtm',
  description:
    'Document–term matrix (speaker in a document × term, the counts of terms.csv) as a Matrix Market file with row and column index tables.',
  defaults: {},
  tables: DTM_TABLES,
  // The term counts are the terms analysis's per-document units: no part of its own.
  merge: (_, ctx) => {
    const units = ctx.partials ? ctx.partials.flatMap((p) => p.units) : speakerDocs(ctx.annotated);
    const m = buildDtm(dtmPartsFromUnits(units));
    return { dtm: m.cells, dtmRows: m.rows, dtmTerms: m.terms };
  },
  methods: (results) =>
    results.dtmRows.length > 0
      ? dtmMethods({ rows: results.dtmRows, terms: results.dtmTerms })
      : undefined,
});
