/**
 * The tables of reports/data/ as the analyses declare them (analyses/contract.ts),
 * and the results map that holds their rows. No imports: every analysis
 * module may declare its tables here without depending on the others.
 */

export interface CodebookColumn {
  name: string;
  description: string;
}

/** One table under reports/data/: its file, its place in the results and its codebook entry. */
export interface TableSpec {
  /** CSV base name: reports/data/<name>.csv (and <name>.json when aggregate). */
  name: string;
  /**
   * Its rows' key in the results map; absent for a table whose rows are
   * written per document and never held whole (segments.csv).
   */
  key?: keyof Results;
  /** What one row is. */
  unit: string;
  description: string;
  /** Order of rows. */
  order: string;
  /** In CSV order, each with its codebook text. */
  columns: CodebookColumn[];
  /** Row-level tables are written as CSV only (they are most of the output's volume). */
  rowLevel: boolean;
}

/**
 * Every table the analyses produce, keyed by TableSpec.key. Open: an
 * analysis module adds its own rows with
 * `declare module './tables.js' { interface Results { myTable: MyRow[] } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each analysis module (declaration merging)
export interface Results {}

/** A column and its codebook text. */
export const c = (name: string, description: string): CodebookColumn => ({ name, description });
