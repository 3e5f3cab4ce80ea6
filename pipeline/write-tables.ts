/**
 * The tables' files: each table the analyses declare (analyses/index.ts
 * tableSpecs) as reports/data/<name>.csv, and as .json when it is an
 * aggregate; the row-level ones streamed in chunks (from the spool, or made
 * as they are written, like terms.csv), so no file-sized string is built.
 */

import { ANALYSES, tableSpecs } from '../analyses/index.js';
import { type SpeakerDoc, TERM_COLUMNS, termMeasures, termsInOrder } from '../analyses/terms.js';
import type { Tables } from '../analyses/types.js';
import { formatNumber, quoteField, rowsJson, toCsv } from './csv.js';
import type { OutputContent } from './io.js';
import type { Diagnostic } from './types.js';

export function diagnosticRow(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line ?? '',
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  };
}

/**
 * terms.csv from the speaker-documents' counts, written straight to text
 * (millions of rows for a large corpus: no row objects), in chunks. The same
 * bytes as toCsv over termRows' rows (tests/counts.test.ts).
 */
export function* termsCsv(
  units: readonly SpeakerDoc[],
  columns: readonly string[],
): Generator<Uint8Array> {
  if (columns.join() !== TERM_COLUMNS.join())
    throw new Error(`termsCsv writes ${TERM_COLUMNS.join()}, asked for ${columns.join()}`);
  yield Buffer.from(toCsv([], columns as string[]), 'utf8');
  let text = '';
  for (const { unit: u, entries, idf } of termsInOrder(units)) {
    const prefix = [u.doc_id, u.date, u.speaker, u.side].map(quoteField).join(',');
    for (const [term, count] of entries) {
      const m = termMeasures(u.words, count, idf(term));
      text += `${prefix},${quoteField(term)},${count},${formatNumber(m.per_10k)},${formatNumber(m.tf_idf)}\n`;
    }
    if (text.length >= 1 << 20) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  if (text.length > 0) yield Buffer.from(text, 'utf8');
}

/**
 * Each table (those `which` accepts) as CSV and as JSON rows, handed to
 * `out` one file at a time. The row-level tables are `streamed`: their CSV
 * comes in chunks made elsewhere (per document, spooled), not from `tables`.
 */
export function writeDataFiles(
  tables: Tables,
  out: (name: string, content: OutputContent) => void,
  streamed: ReadonlyMap<string, () => Iterable<Uint8Array>> = new Map(),
  which: (name: string) => boolean = () => true,
): void {
  for (const spec of tableSpecs()) {
    if (!which(spec.name)) continue;
    const chunks = streamed.get(spec.name);
    // A table without a key in the results (segments) exists only as its spooled rows.
    if (!spec.key && !chunks) continue;
    const rows = (spec.key ? tables[spec.key] : []) as readonly object[];
    const columns = spec.columns.map((c) => c.name) as Array<keyof object & string>;
    out(`${spec.name}.csv`, chunks ? chunks() : csvContent(rows, columns));
    if (!spec.rowLevel) out(`${spec.name}.json`, rowsJson(rows, columns));
  }
}

/** Above this many rows a CSV is built in chunks and written as UTF-8 bytes (less memory). */
const CSV_CHUNK = 20_000;

/**
 * toCsv(rows, columns), as text for small tables; for large ones made
 * chunk by chunk into UTF-8 bytes as the file is written (the same bytes a
 * written string gives), so that neither a file-sized string nor the file's
 * bytes are ever held whole.
 */
function csvContent<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): string | Iterable<Uint8Array> {
  return rows.length <= CSV_CHUNK ? toCsv(rows, columns) : csvChunks(rows, columns);
}

function* csvChunks<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): Generator<Uint8Array> {
  const header = toCsv([], columns).length;
  for (let i = 0; i < rows.length; i += CSV_CHUNK) {
    const text = toCsv(rows.slice(i, i + CSV_CHUNK), columns);
    yield Buffer.from(i === 0 ? text : text.slice(header), 'utf8');
  }
}

/**
 * CSV column order per table, as the analyses declare them (the one list of
 * every file's columns; tests/terms.test.ts checks it against the row types'
 * column constants), so empty tables keep their header.
 */
export const COLUMNS: Record<string, readonly string[]> = Object.fromEntries(
  tableSpecs().map((t) => [t.name, t.columns.map((c) => c.name)]),
);

/**
 * Columns of the CSVs whose rows are made per document, with the document:
 * segments.csv and turns.csv, and the tables the analyses make from their
 * parts (documentRows), by table name.
 */
export const CSV_COLUMNS: Record<string, string[]> = Object.fromEntries(
  ['segments', 'turns', ...ANALYSES.flatMap((a) => Object.keys(a.documentRows ?? {}))].map(
    (name) => [name, [...(COLUMNS[name] ?? [])]],
  ),
);
