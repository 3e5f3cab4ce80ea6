/**
 * What the main thread keeps of each processed document, so that memory
 * grows with the aggregated tables and not with the corpus text.
 *
 * As each document arrives from the per-document stage (in the order the
 * workers finish), the collector
 * - hands its corpus/<doc_id>.json to the output writer at once;
 * - appends its rows of the row-level tables (segments, turns, sentences,
 *   phrases, kwic) to a spool (./run/spool.ts), remembering only where they are;
 * - keeps a light copy for the merges: the transcript without its text,
 *   segments and turn texts, sentence rows without their text, KWIC rows
 *   without their context, term counts in typed arrays (analyses/counts.ts),
 *   strings shared between documents interned;
 * - appends its entry of the report's speech files to the spool;
 * - keeps the full transcript of the earliest documents only, as many as the
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
import { TermCounts, Vocabulary } from '../analyses/counts.js';
import type { DocumentPartial } from '../analyses/per-document.js';
import { toCsv } from './csv.js';
import type { ProcessedDocument } from './processed-document.js';
import {
  planSpeechFiles,
  readingLayout,
  type SpeechTargets,
  speechFile,
  speechRecord,
  withLayout,
} from './report/evidence-data.js';
import { MAX_READING_DOCS } from './report/index.js';
import { Spool, type SpoolRange } from './run/spool.js';
import { sortTranscripts } from './transcripts.js';
import type { Transcript } from './types.js';

/** The row-level tables whose CSV rows are made per document and spooled. */
export const SPOOLED = ['segments', 'turns', 'sentences', 'phrases', 'kwic'] as const;
export type SpooledTable = (typeof SPOOLED)[number];

export interface CollectedDocument {
  /** Position in ingestion order (the tie-breaker of every sort, so duplicate ids stay ordered). */
  index: number;
  transcript: Transcript;
  partial: DocumentPartial;
  /** Full transcript and KWIC context kept (one of the report's earliest records). */
  full: boolean;
  /**
   * Its part of the analysis `id` (analyses/contract.ts), read back from the
   * spool: the parts are not held in memory between the document's arrival
   * and the merge, which reads them one at a time (undefined: none).
   */
  part(id: string): unknown;
}

interface Entry extends CollectedDocument {
  spooled: Record<Exclude<SpooledTable, 'kwic'>, SpoolRange>;
  /** Its entry of the report's speech files (./report/evidence-data.ts). */
  speech: SpoolRange;
  /** Its reading layout, which its speech entry carries unless the page inlines it. */
  layout: SpoolRange;
  kwic: Array<[phrase: string, range: SpoolRange]>;
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

export class DocumentCollector {
  private readonly entries: Entry[] = [];
  private readonly spool: Spool;
  private readonly strings = new Map<string, string>();
  private readonly vocabulary = new Vocabulary();
  /** The earliest records in report order, kept in full. */
  private readonly early: Entry[] = [];
  private earlyKwic = 0;

  constructor(
    private readonly emit: (name: string, content: Uint8Array) => void,
    private readonly keep = { docs: MAX_READING_DOCS, kwic: 0 },
    scratchDir?: string,
    private readonly speechTargets: SpeechTargets = { keys: [], test: [] },
  ) {
    this.spool = new Spool(scratchDir);
  }

  add(index: number, doc: ProcessedDocument): void {
    const { transcript, partial, csv } = doc;
    this.emit(`corpus/${transcript.docId}.json`, doc.json);
    const spool = this.spool;
    const parts = new Map<string, SpoolRange>();
    for (const [id, part] of Object.entries(partial.parts))
      parts.set(id, spool.append(partTable(id), serialize(part)));
    partial.parts = {};
    const entry: Entry = {
      index,
      transcript,
      partial,
      full: true,
      part: (id) => {
        const range = parts.get(id);
        return range === undefined ? undefined : deserialize(spool.read(partTable(id), range));
      },
      spooled: {
        segments: this.spool.append('segments', csv.segments),
        turns: this.spool.append('turns', csv.turns),
        sentences: this.spool.append('sentences', csv.sentences),
        phrases: this.spool.append('phrases', csv.phrases),
      },
      speech: this.spool.append(
        'speech',
        Buffer.from(
          speechRecord(transcript, partial.kwic, partial.sentiment.sentences, this.speechTargets),
          'utf8',
        ),
      ),
      layout: this.spool.append('layout', Buffer.from(readingLayout(transcript), 'utf8')),
      kwic: csv.kwic.map(([phrase, body]) => [
        this.intern(phrase),
        this.spool.append('kwic', body),
      ]),
    };
    this.lightenRows(partial);
    this.entries.push(entry);
    this.keepEarly(entry);
  }

  /** The documents kept, in ingestion order. */
  documents(): CollectedDocument[] {
    return [...this.entries].sort((a, b) => a.index - b.index);
  }

  /**
   * A spooled table's CSV (header and rows) as chunks, in its table's order:
   * segments in corpus order (date, unknown dates last, then doc_id),
   * turns and phrases by doc_id, sentences by date then doc_id, kwic by
   * phrase then doc_id.
   */
  *csv(table: SpooledTable, columns: readonly string[]): Generator<Uint8Array> {
    yield Buffer.from(toCsv([], columns as string[]), 'utf8');
    const byId = (a: Entry, b: Entry) =>
      cmp(a.transcript.docId, b.transcript.docId) || a.index - b.index;
    const entries = [...this.entries];
    if (table === 'kwic') {
      entries.sort(byId);
      const ranges = new Map<string, SpoolRange[]>();
      for (const e of entries) {
        for (const [phrase, range] of e.kwic) {
          const list = ranges.get(phrase) ?? [];
          list.push(range);
          ranges.set(phrase, list);
        }
      }
      const phrases = [...ranges.keys()].sort(cmp);
      yield* this.spool.chunks(
        'kwic',
        phrases.flatMap((p) => ranges.get(p)!),
      );
      return;
    }
    if (table === 'segments') sortTranscripts(entries, (e) => e.transcript);
    else if (table === 'sentences') {
      entries.sort((a, b) => cmp(a.partial.sentiment.date, b.partial.sentiment.date) || byId(a, b));
    } else entries.sort(byId);
    yield* this.spool.chunks(
      table,
      entries.map((e) => e.spooled[table]),
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

  /** Removes the spool and forgets the documents (call once the CSVs are written, and on failure). */
  close(): void {
    this.spool.close();
    this.entries.length = 0;
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
    this.earlyKwic += entry.partial.kwic.length;
    // Drop the latest record while the others still fill both windows.
    while (this.early.length > this.keep.docs) {
      const last = this.early[this.early.length - 1]!;
      if (this.earlyKwic - last.partial.kwic.length < this.keep.kwic) break;
      this.early.pop();
      this.earlyKwic -= last.partial.kwic.length;
      this.lighten(last);
    }
  }

  /** What no document needs beyond the report's earliest records: the text (its reading layout is spooled). */
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
    for (const k of e.partial.kwic) {
      k.left = '';
      k.right = '';
    }
    e.full = false;
  }

  /**
   * Text no merge reads (it is in the spool) dropped, strings shared across
   * documents interned, and the rows rebuilt as plain literals: rows that
   * arrive from a worker are deserialized with their fields out of line,
   * about twice the memory of the same row built here.
   */
  private lightenRows(p: DocumentPartial): void {
    const s = (x: string) => this.intern(x);
    const sentiment = p.sentiment;
    sentiment.sentences = sentiment.sentences.map((r) => ({
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
      turn: r.turn,
      sentence: r.sentence,
      sentiment: r.sentiment,
      covered: r.covered,
      text: '',
    }));
    sentiment.arc = sentiment.arc.map((r) => ({
      ...r,
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
    }));
    sentiment.drivers = PackedDrivers.from(sentiment.drivers, s);
    for (const t of sentiment.targets) t[0] = s(t[0]);
    p.kwic = p.kwic.map((r) => ({
      phrase: s(r.phrase),
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
      turn: r.turn,
      left: r.left,
      match: s(r.match),
      right: r.right,
      position: r.position,
      start: r.start,
    }));
    p.phrases = p.phrases.map((r) => ({
      doc_id: s(r.doc_id),
      date: s(r.date),
      speaker: s(r.speaker),
      side: s(r.side),
      phrase: s(r.phrase),
      count: r.count,
      words: r.words,
      per_10k: r.per_10k,
    }));
    p.phraseForms = p.phraseForms.map((r) => ({ ...r, phrase: s(r.phrase), form: s(r.form) }));
    for (const u of p.units) {
      u.doc_id = s(u.doc_id);
      u.date = s(u.date);
      u.speaker = s(u.speaker);
      u.side = s(u.side);
      u.counts = TermCounts.from(u.counts, this.vocabulary);
    }
  }
}

/**
 * A document's driver terms (key, each sentence's contribution) packed into
 * three arrays instead of an array and a small array of numbers per term
 * (a few hundred terms a document); iterates as the pairs it was made from.
 */
class PackedDrivers implements Iterable<[string, Float64Array]> {
  private constructor(
    private readonly keys: string[],
    private readonly ends: Uint32Array,
    private readonly weights: Float64Array,
  ) {}

  static from(
    drivers: Iterable<[string, Iterable<number>]>,
    intern: (s: string) => string,
  ): PackedDrivers {
    const keys: string[] = [];
    const ends: number[] = [];
    const weights: number[] = [];
    for (const [key, ws] of drivers) {
      keys.push(intern(key));
      for (const w of ws) weights.push(w);
      ends.push(weights.length);
    }
    return new PackedDrivers(keys, Uint32Array.from(ends), Float64Array.from(weights));
  }

  *[Symbol.iterator](): Generator<[string, Float64Array]> {
    let start = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const end = this.ends[i]!;
      yield [this.keys[i]!, this.weights.subarray(start, end)];
      start = end;
    }
  }
}
