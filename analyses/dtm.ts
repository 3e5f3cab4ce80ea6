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

import { defineAnalysis } from './contract.js';
import { TermCounts } from './counts.js';
import type { TableSpec } from './tables.js';
import { cmp, type SpeakerDoc, TERMS, termUnits } from './terms.js';

/**
 * One row of the matrix: a speaker's term counts in one document (the terms
 * analysis's SpeakerDoc; its counts may be the compact TermCounts).
 */
export type DtmUnit = Pick<SpeakerDoc, 'doc_id' | 'date' | 'speaker' | 'side' | 'words'> & {
  counts: Iterable<[string, number]>;
};

/** Rows in matrix order: by doc_id (stable, so a document's speakers keep their order). */
function inRowOrder(units: readonly DtmUnit[]): DtmUnit[] {
  return [...units].sort((a, b) => cmp(a.doc_id, b.doc_id));
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

export const DTM_CELL_COLUMNS = ['row', 'column', 'count'] as const;

export interface Dtm {
  rows: DtmRow[];
  terms: DtmTerm[];
  /** Non-zero cells. */
  cells: number;
}

/** Rows and columns of the matrix (the cells are streamed: dtmCells). */
export function buildDtm(units: readonly DtmUnit[]): Dtm {
  const ordered = inRowOrder(units);
  const vocabulary = new Map<string, { count: number; rows: number }>();
  let cells = 0;
  for (const u of ordered) {
    for (const [term, n] of u.counts) {
      if (n <= 0) continue;
      cells++;
      const v = vocabulary.get(term);
      if (v) {
        v.count += n;
        v.rows++;
      } else vocabulary.set(term, { count: n, rows: 1 });
    }
  }
  const terms: DtmTerm[] = [...vocabulary.keys()]
    .sort(cmp)
    .map((term, i) => ({ column: i + 1, term, ...vocabulary.get(term)! }));
  const rows: DtmRow[] = ordered.map((u, i) => ({
    row: i + 1,
    doc_id: u.doc_id,
    date: u.date,
    speaker: u.speaker,
    side: u.side,
    words: u.words,
  }));
  return { rows, terms, cells };
}

/** Each row's non-zero cells, by row then column (1-based, as in the files). */
export function* dtmCells(
  units: readonly DtmUnit[],
  terms: readonly DtmTerm[],
): Generator<[row: number, column: number, count: number]> {
  const cells = cellTriples(units, terms);
  for (let k = 0; k < cells.length; k += 3) yield [cells[k]!, cells[k + 1]!, cells[k + 2]!];
}

/**
 * The cells as [row, column, count] triples, made once for the matrix's
 * terms and these units: dtm.mtx and dtm.csv are written from the same cells
 * (12 bytes a cell, against reading every count twice). A row's cells are
 * sorted by column: (column × 2³² + count) sorts as the column does, and a
 * typed array sorts numbers without a comparison function.
 */
const cellMemo = new WeakMap<
  readonly DtmTerm[],
  { units: readonly DtmUnit[]; cells: Int32Array }
>();
function cellTriples(units: readonly DtmUnit[], terms: readonly DtmTerm[]): Int32Array {
  const known = cellMemo.get(terms);
  if (known && known.units === units) return known.cells;
  const column = new Map(terms.map((t) => [t.term, t.column]));
  let cells = new Int32Array(3 * terms.reduce((n, t) => n + t.rows, 0));
  let at = 0;
  let own = new Float64Array(256);
  // Columns by term id, for counts kept as ids into a shared vocabulary.
  let vocabulary: readonly string[] | undefined;
  let columnOf = new Int32Array(0);
  let row = 0;
  for (const u of inRowOrder(units)) {
    row++;
    let n = 0;
    const push = (j: number, count: number) => {
      if (n === own.length) {
        const grown = new Float64Array(2 * n);
        grown.set(own);
        own = grown;
      }
      own[n++] = j * 2 ** 32 + count;
    };
    const counts = u.counts;
    if (counts instanceof TermCounts) {
      if (counts.terms !== vocabulary || counts.terms.length > columnOf.length) {
        vocabulary = counts.terms;
        columnOf = Int32Array.from(vocabulary, (t) => column.get(t) ?? 0);
      }
      const columns = columnOf;
      counts.forEachId((id, count) => {
        if (count > 0) push(columns[id]!, count);
      });
    } else for (const [t, count] of counts) if (count > 0) push(column.get(t)!, count);
    const sorted = own.subarray(0, n).sort();
    if (at + 3 * n > cells.length) {
      const grown = new Int32Array(Math.max(2 * cells.length, at + 3 * n));
      grown.set(cells);
      cells = grown;
    }
    for (let k = 0; k < n; k++) {
      const v = sorted[k]!;
      const j = Math.floor(v / 2 ** 32);
      cells[at++] = row;
      cells[at++] = j;
      cells[at++] = v - j * 2 ** 32;
    }
  }
  if (at < cells.length) cells = cells.slice(0, at);
  cellMemo.set(terms, { units, cells });
  return cells;
}

/**
 * The text `head` then one line "row<sep>column<sep>count" per cell, as
 * UTF-8 in chunks of about 1 MB: the digits are written as bytes, with no
 * string made per cell.
 */
function* cellLines(
  head: string,
  units: readonly DtmUnit[],
  terms: readonly DtmTerm[],
  sep: string,
): Generator<Uint8Array> {
  const cells = cellTriples(units, terms);
  const sepByte = sep.charCodeAt(0);
  const size = 1 << 20;
  let buf = Buffer.alloc(size);
  let at = buf.write(head, 0, 'utf8');
  const digits = new Uint8Array(10);
  const number = (x: number) => {
    let d = 0;
    do {
      digits[d++] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    while (d > 0) buf[at++] = digits[--d]!;
  };
  for (let k = 0; k < cells.length; k += 3) {
    // A line is at most 3 × 10 digits and 3 separators.
    if (at + 33 > buf.length) {
      yield buf.subarray(0, at);
      buf = Buffer.alloc(size);
      at = 0;
    }
    number(cells[k]!);
    buf[at++] = sepByte;
    number(cells[k + 1]!);
    buf[at++] = sepByte;
    number(cells[k + 2]!);
    buf[at++] = 10;
  }
  if (at > 0) yield buf.subarray(0, at);
}

/**
 * dtm.mtx: the Matrix Market header, a comment, "rows columns entries", then
 * one "row column count" line per cell.
 */
export function matrixMarket(units: readonly DtmUnit[], dtm: Dtm): Generator<Uint8Array> {
  return cellLines(
    '%%MatrixMarket matrix coordinate integer general\n' +
      '% Document-term matrix: rows = speaker in a document (dtm_rows.csv), columns = terms (dtm_terms.csv).\n' +
      `${dtm.rows.length} ${dtm.terms.length} ${dtm.cells}\n`,
    units,
    dtm.terms,
    ' ',
  );
}

/** dtm.csv: the same cells as a table (row, column, count). */
export function dtmCsv(units: readonly DtmUnit[], dtm: Dtm): Generator<Uint8Array> {
  return cellLines(`${DTM_CELL_COLUMNS.join(',')}\n`, units, dtm.terms, ',');
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
    // Written from the term counts as they are streamed (pipeline/index.ts), never held as rows.
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
  // The term counts are the terms analysis's parts: no part of its own.
  reads: [TERMS],
  merge: (_, ctx) => {
    const m = buildDtm(termUnits(ctx.parts!));
    return { dtmRows: m.rows, dtmTerms: m.terms };
  },
  methods: (results) =>
    results.dtmRows.length > 0
      ? dtmMethods({ rows: results.dtmRows, terms: results.dtmTerms })
      : undefined,
});
