/**
 * What the main thread keeps of each processed document, so that memory
 * grows with the aggregated tables and not with the corpus text.
 *
 * As each document arrives from the per-document stage (in the order the
 * workers finish), the collector
 * - hands its corpus/<doc_id>.json to the output writer at once;
 * - appends its rows of the row-level tables made per document (segments,
 *   turns and the analyses' documentRows) to a spool (./run/spool.ts),
 *   remembering only where they are and their sort keys;
 * - folds each part of an analysis whose merge is a fold (its `fold`,
 *   analyses/contract.ts) into that analysis's accumulator, and lets the
 *   part go;
 * - keeps each other analysis's part for the merges: what the analysis
 *   keeps of it in memory (its `keep`, given the collector's string table
 *   and term vocabulary), else the part spooled and read back when asked
 *   for;
 * - appends its entry of the report's speech files to the spool;
 * - keeps a light copy of the transcript (without its text, segments and
 *   turn texts, strings shared between documents interned), except for the
 *   earliest documents only, as many as the
 *   report's reading view inlines (MAX_READING_DOCS, by date then doc_id);
 *   every record's reading layout is spooled, and the speech entry of each
 *   record the page does not inline carries it.
 *
 * The row-level CSVs are then assembled from the spool in their tables'
 * order. Everything the report, the figures and the aggregated tables read
 * is unchanged: tests/e2e-cli.test.ts compares the outputs of a run through
 * worker threads with a single-threaded one.
 */
import { deserialize, serialize } from 'node:v8';
import type { Analysis, KeepKit } from '../analyses/contract.js';
import { Vocabulary } from '../analyses/counts.js';
import { ANALYSES } from '../analyses/index.js';
import { toCsv } from './csv.js';
import type { ProcessedDocument } from './processed-document.js';
import {
  hitsOf,
  planSpeechFiles,
  readingLayout,
  type SpeechTargets,
  sentencesOf,
  speechFile,
  speechRecord,
  withLayout,
} from './report/evidence-data.js';
import { MAX_READING_DOCS } from './report/index.js';
import { Spool, type SpoolRange } from './run/spool.js';
import type { Transcript } from './types.js';

export interface CollectedDocument {
  /** Position in ingestion order (the tie-breaker of every sort, so duplicate ids stay ordered). */
  index: number;
  transcript: Transcript;
  /** wink word tokens of its counted speech. */
  tokens: number;
  /** Full transcript kept (one of the report's earliest records). */
  full: boolean;
  /**
   * Its part of the analysis `id` (analyses/contract.ts): what the analysis
   * keeps of it in memory (its `keep`), else read back from the spool, so
   * that the part is not held between the document's arrival and the merge,
   * which reads them one at a time (undefined: none, or folded in on
   * arrival: DocumentCollector.folded).
   */
  part(id: string): unknown;
}

interface Entry extends CollectedDocument {
  /** Its entry of the report's speech files (./report/evidence-data.ts). */
  speech: SpoolRange;
  /** Its reading layout, which its speech entry carries unless the page inlines it. */
  layout: SpoolRange;
}

/** A spooled group of one document's CSV rows: its place in its table, where it is. */
interface RowGroup {
  key: readonly string[];
  index: number;
  range: SpoolRange;
}

function compareGroups(a: RowGroup, b: RowGroup): number {
  const n = Math.min(a.key.length, b.key.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a.key[i]!, b.key[i]!);
    if (c !== 0) return c;
  }
  return a.key.length - b.key.length || a.index - b.index;
}

/** The spool file of the analysis `id`'s per-document parts. */
const partTable = (id: string) => `part-${id}`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report's order of records: date (empty first), then doc_id. */
function reportOrder(a: Entry, b: Entry): number {
  return (
    cmp(a.transcript.metadata.date, b.transcript.metadata.date) ||
    cmp(a.transcript.docId, b.transcript.docId) ||
    a.index - b.index
  );
}

/**
 * A document's part(id): kept, or read back from the spool. Made outside
 * add(), so that the closure holds these and not the parts as made (a
 * closure keeps every variable its scope's closures capture).
 */
function partReader(
  kept: ReadonlyMap<string, unknown>,
  spooled: ReadonlyMap<string, SpoolRange>,
  spool: Spool,
): (id: string) => unknown {
  return (id) => {
    if (kept.has(id)) return kept.get(id);
    const range = spooled.get(id);
    return range === undefined ? undefined : deserialize(spool.read(partTable(id), range));
  };
}

export class DocumentCollector {
  private readonly entries: Entry[] = [];
  /** Each spooled table's row groups, as they arrived. */
  private readonly rows = new Map<string, RowGroup[]>();
  private readonly spool: Spool;
  private readonly strings = new Map<string, string>();
  private readonly vocabulary = new Vocabulary();
  private readonly kit: KeepKit = { intern: (s) => this.intern(s), vocabulary: this.vocabulary };
  /** The parts kept in memory, by document and analysis (the others are spooled). */
  private readonly kept = new Map<Entry, Map<string, unknown>>();
  private readonly keepers: ReadonlyMap<string, NonNullable<Analysis['keep']>>;
  /** The analyses whose parts are folded in as they arrive (their `fold`), with their accumulators. */
  private readonly folds = new Map<string, { fold: NonNullable<Analysis['fold']>; acc: unknown }>();
  /** The earliest records in report order, kept in full. */
  private readonly early: Entry[] = [];

  constructor(
    private readonly emit: (name: string, content: Uint8Array) => void,
    private readonly keep = { docs: MAX_READING_DOCS },
    scratchDir?: string,
    private readonly speechTargets: SpeechTargets = { keys: [], test: [] },
    analyses: readonly Analysis[] = ANALYSES,
  ) {
    this.spool = new Spool(scratchDir);
    this.keepers = new Map(analyses.flatMap((a) => (a.keep ? [[a.id, a.keep] as const] : [])));
    for (const a of analyses)
      if (a.fold) this.folds.set(a.id, { fold: a.fold, acc: a.fold.start() });
  }

  add(index: number, doc: ProcessedDocument): void {
    const { transcript, parts: made, csv } = doc;
    this.emit(`corpus/${transcript.docId}.json`, doc.json);
    const spool = this.spool;
    const parts = new Map<string, SpoolRange>();
    const kept = new Map<string, unknown>();
    for (const [id, part] of Object.entries(made)) {
      const folding = this.folds.get(id);
      if (folding) {
        folding.fold.add(folding.acc, part);
        continue;
      }
      const keep = this.keepers.get(id);
      if (keep) kept.set(id, keep(part, this.kit));
      else parts.set(id, spool.append(partTable(id), serialize(part)));
    }
    const entry: Entry = {
      index,
      transcript,
      tokens: doc.tokens,
      full: true,
      part: partReader(kept, parts, spool),
      speech: spool.append('speech', this.speechEntry(transcript, made)),
      layout: spool.append('layout', Buffer.from(readingLayout(transcript), 'utf8')),
    };
    for (const { table, key, body } of csv) {
      let groups = this.rows.get(table);
      if (!groups) {
        groups = [];
        this.rows.set(table, groups);
      }
      groups.push({ key: key.map((k) => this.intern(k)), index, range: spool.append(table, body) });
    }
    this.entries.push(entry);
    this.kept.set(entry, kept);
    this.keepEarly(entry);
  }

  /** A record's entry of the report's speech files, from its parts as made. */
  private speechEntry(t: Transcript, made: Readonly<Record<string, unknown>>): Uint8Array {
    const part = (id: string) => made[id];
    return Buffer.from(
      speechRecord(t, hitsOf(part), sentencesOf(part), this.speechTargets),
      'utf8',
    );
  }

  /** The documents kept, in ingestion order. */
  documents(): CollectedDocument[] {
    return [...this.entries].sort((a, b) => a.index - b.index);
  }

  /**
   * A spooled table's CSV (header and rows) as chunks, in its table's order:
   * every document's groups of rows by their keys, equal keys in the order
   * the documents were read.
   */
  *csv(table: string, columns: readonly string[]): Generator<Uint8Array> {
    yield Buffer.from(toCsv([], columns as string[]), 'utf8');
    const groups = [...(this.rows.get(table) ?? [])].sort(compareGroups);
    yield* this.spool.chunks(
      table,
      groups.map((g) => g.range),
    );
  }

  /**
   * The report's speech files, records in report order: their names (for
   * the page) and a writer for each. A record past the ones the page
   * inlines carries its reading layout.
   */
  speechFiles(): Array<{ name: string; docs: string[]; content: () => Iterable<Uint8Array> }> {
    const entries = [...this.entries].sort(reportOrder);
    const laidOut = (i: number) => i >= MAX_READING_DOCS;
    const sizes = entries.map((e, i) => e.speech[1] + (laidOut(i) ? e.layout[1] + 1 : 0));
    return planSpeechFiles(sizes).map((f) => ({
      name: f.name,
      docs: entries.slice(f.from, f.to).map((e) => e.transcript.docId),
      content: () =>
        speechFile(
          (function* (spool: Spool) {
            for (let i = f.from; i < f.to; i++) {
              const e = entries[i]!;
              const speech = spool.read('speech', e.speech);
              yield laidOut(i) ? withLayout(speech, spool.read('layout', e.layout)) : speech;
            }
          })(this.spool),
        ),
    }));
  }

  /**
   * Folds into the analysis `id`'s fold one saved elsewhere (a worker's,
   * pipeline/document-processor.ts WorkerFolds) of documents added here
   * without that part.
   */
  combine(id: string, saved: unknown): void {
    const folding = this.folds.get(id);
    const combine = folding?.fold.combine;
    if (!folding || !combine)
      throw new Error(`expected a fold of ${id} to combine a saved one into`);
    combine(folding.acc, saved);
  }

  /**
   * The accumulator of the analysis `id`'s fold, every document added so
   * far folded in (analyses/contract.ts AnalysisContext.folded), and the
   * folds combined in; undefined for an analysis without a fold.
   */
  folded(id: string): unknown {
    return this.folds.get(id)?.acc;
  }

  /** Lets the parts kept in memory and the folds go (once every merge has read them). */
  dropParts(): void {
    for (const kept of this.kept.values()) kept.clear();
    this.folds.clear();
  }

  /** Removes the spool and forgets the documents (call once the CSVs are written, and on failure). */
  close(): void {
    this.spool.close();
    this.entries.length = 0;
    this.rows.clear();
    this.kept.clear();
    this.early.length = 0;
    this.strings.clear();
  }

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** Keeps `entry` in full if it is among the earliest records the report shows; lightens the one it displaces. */
  private keepEarly(entry: Entry): void {
    let at = this.early.length;
    while (at > 0 && reportOrder(entry, this.early[at - 1]!) < 0) at--;
    this.early.splice(at, 0, entry);
    if (this.early.length > this.keep.docs) this.lighten(this.early.pop()!);
  }

  /**
   * What no document needs beyond the report's earliest records: the text.
   * Its reading view, which the page will not inline, is written first.
   */
  private lighten(e: Entry): void {
    const t = e.transcript;
    e.transcript = {
      ...t,
      original: '',
      text: '',
      segments: [],
      turns: t.turns.map((x) => ({
        ...x,
        docId: this.intern(x.docId),
        speaker: this.intern(x.speaker),
        side: this.intern(x.side),
        label: this.intern(x.label),
        text: '',
      })),
    };
    e.full = false;
  }
}
