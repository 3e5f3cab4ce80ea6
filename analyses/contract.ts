/**
 * The contract every analysis keeps (docs/analyses.md: how to add one).
 *
 * An analysis is one module exporting one `Analysis` and one line in the
 * registry (analyses/index.ts). It declares
 * - its id, a one-line description and its documented defaults;
 * - optionally a per-document part: a function of one counted transcript and
 *   its annotation, run where the document is annotated (a worker thread for
 *   a large corpus), returning compact plain data (structured-clone and
 *   v8-serializable: it crosses from a worker and is cached with the document);
 * - its merge: the parts of every document in corpus order (date, undated
 *   last, then doc_id) and the corpus context → its tables. The whole-corpus
 *   result is the merge of every document's part: one code path. A merge
 *   may read another analysis's parts too (ctx.parts(id)), declared in
 *   `reads`. A merge that is a sum, the same in any order, can be given as
 *   a fold instead (`fold`, with `foldedAnalysis`): the pipeline then folds
 *   each part in as its document arrives and holds no parts;
 * - optionally its row-level tables' rows from one document's part
 *   (`documentRows`), written where the document is processed and put in
 *   the table's order without holding every row, and what of its part the
 *   main thread keeps in memory (`keep`) instead of spooling it to disk;
 * - its tables: each with its CSV name, its key in the results map, what a
 *   row is, its columns with their codebook text (declared here only: the
 *   table writer, reports/data/README.md and the README's list of tables
 *   follow these declarations) and whether it is row-level (one row per turn,
 *   sentence, match or term: CSV only) or aggregate (CSV and JSON);
 * - its figures (results → Vega-Lite spec, over the kit in pipeline/figures/kit.ts);
 * - its sentence for the report's methods paragraph.
 */
import type { Figure } from '../pipeline/figures/types.js';
import type { AnnotatedDocument, Transcript } from '../pipeline/types.js';
import type { Comparisons } from './comparisons.js';
import type { Vocabulary } from './counts.js';
import type { FigureOptions } from './figure-options.js';
import type { CodebookColumn, Results, TableSpec } from './tables.js';
import type { Dictionary } from './types.js';

export type { FigureOptions, Results, TableSpec };

/** What the per-document parts see: one document as counted, and its annotation. */
export interface DocumentInput {
  /** The transcript with only the speech counted (--speech) among its turns. */
  transcript: Transcript;
  annotated: AnnotatedDocument;
}

/** The corpus-wide settings every part and merge may read (parsed once, handed to workers). */
export interface AnalysisSettings {
  dictionary: Dictionary;
  /** Extra KWIC terms (command line). */
  kwicTerms: readonly string[];
  sentiment?: { targets: Array<{ key: string; patterns: string[] }> };
  /** The stop-word list (corpus/stopwords.txt), for analyses that read words rather than terms. */
  stopwords: readonly string[];
  /** Words whose collocates are asked for (--collocates). */
  collocateTerms?: readonly string[];
}

/** A figure's own table (reports/figures/<id>.csv): exactly the rows it plots. */
export interface FigureTableSpec {
  /** The figure's id. */
  id: string;
  unit: string;
  description: string;
  order: string;
  columns: CodebookColumn[];
}

/** What the parts kept in memory share: one copy of each string, one vocabulary of terms. */
export interface KeepKit {
  intern(s: string): string;
  vocabulary: Vocabulary;
}

/**
 * A group of one document's rows of a row-level table, with its place in the
 * table: the table's file is every document's groups in `key` order (code
 * points, item by item; equal keys in the order the documents were read).
 */
export interface DocumentRows {
  key: readonly string[];
  rows: readonly object[];
}

export interface Analysis<Part = unknown> {
  id: string;
  description: string;
  /** Documented defaults (window sizes, caps, seeds …), recorded in the registry. */
  defaults: Readonly<Record<string, unknown>>;
  tables: readonly TableSpec[];
  perDocument?: (doc: DocumentInput, settings: AnalysisSettings) => Part;
  /**
   * The analysis's tables (keys among its declared tables' keys) from each
   * document's part in corpus order (empty without a per-document part) and
   * the corpus context. Must not depend on anything but the parts' order.
   * The parts come one at a time (a large corpus's are read back from disk,
   * pipeline/collect.ts): fold them rather than hold them, where the
   * analysis can. Iterating again reads them again.
   */
  merge: (
    parts: Iterable<Part>,
    ctx: AnalysisContext,
  ) => Partial<Results> | Promise<Partial<Results>>;
  /**
   * The merge as a fold whose result does not depend on the parts' order
   * (foldedAnalysis derives `merge` from it). A pipeline run folds each part
   * in as its document arrives, in whatever order the workers finish, and
   * neither keeps nor spools the part; runAnalyses then finishes the fold
   * it is given (ctx.folded) instead of merging.
   */
  fold?: PartFold<Part>;
  /** The analyses whose parts its merge reads besides its own (ctx.parts(id)). */
  reads?: readonly string[];
  /**
   * Row-level tables (by table name) whose file is made document by document
   * from the parts, rather than from the merged rows: the document's rows in
   * groups with their sort keys (columns beyond the table's are ignored).
   */
  documentRows?: Readonly<Record<string, (part: Part) => DocumentRows[]>>;
  /**
   * What the main thread keeps of each part until the merges, in memory
   * (without it a part is spooled to disk and read back for each merge):
   * what no merge reads dropped (the files made from `documentRows` have it),
   * strings shared through the kit, and the rows rebuilt as plain literals
   * (rows that arrive from a worker are deserialized with their fields out
   * of line, about twice the memory of the same row built here). Merges then
   * see these kept parts, with ctx.rowLevel false.
   */
  keep?: (part: Part, kit: KeepKit) => Part;
  figures?: ReadonlyArray<(results: Results, options: FigureOptions) => Figure | undefined>;
  /** The codebook entry of each figure's CSV (reports/figures/<id>.csv). */
  figureTables?: readonly FigureTableSpec[];
  /** Its sentence of the methods paragraph, from the results (undefined: nothing to say). */
  methods?: (results: Results) => string | undefined;
}

/** An analysis with its part's type checked (the registry holds them as Analysis). */
export function defineAnalysis<Part>(a: Analysis<Part>): Analysis {
  return a as unknown as Analysis;
}

/**
 * A merge made of three steps: an empty accumulator, one part folded into
 * it (in any order, each document once), the tables from it and the
 * corpus context.
 */
export interface PartFold<Part, Acc = unknown> {
  start: () => Acc;
  add: (acc: Acc, part: Part) => void;
  finish: (acc: Acc, ctx: AnalysisContext) => Partial<Results>;
  /**
   * Optional, with `combine`: the accumulator as plain structured-clone
   * data, so that a worker thread can fold its own documents' parts and
   * send the accumulator once, when it is done, instead of every part.
   */
  save?: (acc: Acc) => unknown;
  /**
   * Folds an accumulator saved by `save` (of other documents than acc's)
   * into acc: the same as adding each of its documents' parts to acc.
   */
  combine?: (acc: Acc, saved: unknown) => void;
}

/** The fold of an analysis whose accumulator can be folded elsewhere and combined (PartFold.save). */
export function combinableFold(a: Pick<Analysis, 'fold'>): Required<PartFold<unknown>> | undefined {
  const f = a.fold;
  return f?.save && f.combine ? (f as Required<PartFold<unknown>>) : undefined;
}

/** defineAnalysis for an analysis whose merge is a fold: `merge` folds the parts given. */
export function foldedAnalysis<Part, Acc>(
  a: Omit<Analysis<Part>, 'merge' | 'fold'> & { fold: PartFold<Part, Acc> },
): Analysis {
  const fold = a.fold;
  return defineAnalysis<Part>({
    ...a,
    fold: fold as PartFold<Part>,
    merge: (parts, ctx) => {
      const acc = fold.start();
      for (const p of parts) fold.add(acc, p);
      return fold.finish(acc, ctx);
    },
  });
}

export interface AnalysisContext {
  transcripts: Transcript[];
  annotated: AnnotatedDocument[];
  dictionary: Dictionary;
  /** The stop-word list in use (recorded in the manifest; terms are already filtered). */
  stopwords: string[];
  /** Extra KWIC terms (command line). */
  kwicTerms: string[];
  sentiment?: { targets: Array<{ key: string; patterns: string[] }> };
  /**
   * The analysis `id`'s per-document parts in the order of `transcripts`,
   * when they were computed where the documents were processed (read back
   * one at a time; `annotated` may then be left empty). Without it, runAnalyses
   * computes them from `transcripts` and `annotated` with the analyses' own
   * perDocument. In a merge: its own parts and those of the analyses it
   * `reads`, nothing else.
   */
  parts?: (id: string) => Iterable<unknown>;
  /**
   * The accumulator of the analysis `id`'s fold (Analysis.fold) with every
   * document's part folded in where the documents arrived; undefined for an
   * analysis not folded there (its merge then reads `parts`).
   */
  folded?: (id: string) => unknown;
  /**
   * false: the parts are those the analyses keep (their `keep`), and the
   * row-level table of terms (one row per term per speaker-document), which
   * the caller writes itself from the counts (termsInOrder), is left out;
   * every other table is built as usual. Default true.
   */
  rowLevel?: boolean;
  /** Keep the names of the people present at each meeting in the keyness comparison (default: left out). */
  keepPresentNames?: boolean;
  /** Words whose collocates are asked for (--collocates). */
  collocateTerms?: string[];
  /** The registry's honorifics ("Comrade", "Ambassador"), for telling names from expressions. */
  honorifics?: string[];
  /** The sides and periods keyness compares (default: chosen from the data, analyses/comparisons.ts). */
  comparisons?: Comparisons;
}
