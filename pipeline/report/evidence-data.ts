/**
 * The report's evidence, written beside index.html as classic scripts: a
 * page opened from the file system cannot fetch its sibling files, but
 * <script src> can load them, and the page adds those elements only when a
 * reader searches the concordance, clicks a mark or opens a record.
 *
 * - report-data/speech-NNNN.js: every record's turns (speech text, speaker,
 *   side, mode), its dictionary matches as offsets into the turn text and
 *   its scored sentences as offsets too, so no text is written twice. The
 *   records go in the report's order (date, then doc_id), about
 *   SPEECH_FILE_CHARS characters to a file.
 * - report-data/records/<doc_id>.js: the reading view of each record the
 *   page does not inline (the same HTML the page inlines for the earliest
 *   ones), with placeholder anchors and side classes that the page fills in.
 *
 * Each file calls nothing: it appends its JSON to a global array or map
 * that the page's script reads. The files are scripts of their own, never
 * inlined in the page, so plain JSON is a safe literal in them (no
 * "</script" to guard against).
 */
import { targetMatcher } from '../../analyses/sentiment/analysis.js';
import type { KwicRow, SentenceRow } from '../../analyses/types.js';
import type { Transcript } from '../types.js';
import { byReportOrder, MAX_READING_DOCS, renderTranscript } from './reading.js';

export const REPORT_DATA_DIR = 'report-data';
/** A speech file is closed once it holds this many characters of JSON. */
export const SPEECH_FILE_CHARS = 2_000_000;
/** The anchor a record file's HTML uses; the page replaces it with the record's own. */
export const RECORD_ANCHOR = 'rec-anchor';

export interface SpeechTargets {
  keys: string[];
  test: Array<(text: string) => boolean>;
}

/** The sentiment targets as the speech files mark them (a sentence's bit i: it mentions target i). */
export function speechTargets(
  targets: ReadonlyArray<{ key: string; patterns: readonly string[] }>,
): SpeechTargets {
  return { keys: targets.map((t) => t.key), test: targets.map((t) => targetMatcher(t.patterns)) };
}

type Hit = Pick<KwicRow, 'turn' | 'phrase' | 'match'> & { start: number };

/** A record's scored sentences: the sentiment analysis's part (none without it). */
export function sentencesOf(part: (id: string) => unknown): readonly Sentence[] {
  return (part('sentiment') as { sentences: readonly Sentence[] } | undefined)?.sentences ?? [];
}

/** A record's dictionary and term matches: the KWIC analysis's part (none without it). */
export function hitsOf(part: (id: string) => unknown): readonly Hit[] {
  return (part('kwic') as readonly Hit[] | undefined) ?? [];
}
type Sentence = Pick<SentenceRow, 'turn' | 'sentence' | 'sentiment' | 'covered' | 'text'>;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * One record's entry of a speech file (JSON):
 * [doc_id, speakers, sides, phrases, turns], each turn
 * [turn, speaker index, side index, 1 if reported, text, hits, sentences],
 * each hit [phrase index, start, length], each sentence
 * [start, length, score, 1 if covered, target bit mask], or [-1, text, …]
 * for a sentence whose text is not found as it stands in the turn.
 */
export function speechRecord(
  t: Transcript,
  hits: readonly Hit[],
  sentences: readonly Sentence[],
  targets: SpeechTargets,
): string {
  const speakers: string[] = [];
  const sides: string[] = [];
  const phrases: string[] = [];
  const indexIn = (list: string[], v: string) => {
    let i = list.indexOf(v);
    if (i < 0) i = list.push(v) - 1;
    return i;
  };
  const hitsByTurn = new Map<number, Hit[]>();
  for (const h of hits) {
    const list = hitsByTurn.get(h.turn) ?? [];
    list.push(h);
    hitsByTurn.set(h.turn, list);
  }
  const sentsByTurn = new Map<number, Sentence[]>();
  for (const s of sentences) {
    const list = sentsByTurn.get(s.turn) ?? [];
    list.push(s);
    sentsByTurn.set(s.turn, list);
  }
  const turns = [...t.turns]
    .sort((a, b) => a.turn - b.turn)
    .map((turn) => {
      const text = turn.text;
      const h = (hitsByTurn.get(turn.turn) ?? [])
        .slice()
        .sort(
          (a, b) => a.start - b.start || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0),
        )
        .map((x) => [indexIn(phrases, x.phrase), x.start, x.match.length]);
      let cursor = 0;
      const s = (sentsByTurn.get(turn.turn) ?? [])
        .slice()
        .sort((a, b) => a.sentence - b.sentence)
        .map((x) => {
          let mask = 0;
          targets.test.forEach((test, i) => {
            if (test(x.text)) mask |= 1 << i;
          });
          const at = x.text ? text.indexOf(x.text, cursor) : -1;
          const score = round4(x.sentiment);
          const covered = x.covered ? 1 : 0;
          if (at < 0) return [-1, x.text, score, covered, mask];
          cursor = at + x.text.length;
          return [at, x.text.length, score, covered, mask];
        });
      return [
        turn.turn,
        indexIn(speakers, turn.speaker),
        indexIn(sides, turn.side),
        turn.mode === 'reported' ? 1 : 0,
        text,
        h,
        s,
      ];
    });
  return JSON.stringify([t.docId, speakers, sides, phrases, turns]);
}

/** The speech files for records (in report order) of the given sizes: names and which records each holds. */
export function planSpeechFiles(
  sizes: readonly number[],
): Array<{ name: string; from: number; to: number }> {
  const files: Array<{ name: string; from: number; to: number }> = [];
  let from = 0;
  let chars = 0;
  for (let i = 0; i < sizes.length; i++) {
    chars += sizes[i]!;
    if (chars >= SPEECH_FILE_CHARS || i === sizes.length - 1) {
      files.push({ name: speechFileName(files.length + 1), from, to: i + 1 });
      from = i + 1;
      chars = 0;
    }
  }
  return files;
}

function speechFileName(n: number): string {
  return `${REPORT_DATA_DIR}/speech-${String(n).padStart(4, '0')}.js`;
}

const SPEECH_OPEN = '(window.REPORT_SPEECH=window.REPORT_SPEECH||[]).push(\n';
const SPEECH_CLOSE = '\n);\n';

/** A speech file's bytes from its records' entries. */
export function* speechFile(entries: Iterable<Uint8Array | string>): Generator<Uint8Array> {
  yield Buffer.from(SPEECH_OPEN, 'utf8');
  let first = true;
  for (const e of entries) {
    if (!first) yield Buffer.from(',\n', 'utf8');
    first = false;
    yield typeof e === 'string' ? Buffer.from(e, 'utf8') : e;
  }
  yield Buffer.from(SPEECH_CLOSE, 'utf8');
}

/** Where a record's reading view is written. */
export function recordFileName(docId: string): string {
  return `${REPORT_DATA_DIR}/records/${docId}.js`;
}

/** A record's reading-view file: its HTML under a placeholder anchor, side classes left to the page. */
export function recordFile(
  t: Transcript,
  hits: ReadonlyArray<Pick<KwicRow, 'turn' | 'match' | 'phrase'>>,
): string {
  const html = renderTranscript(t, hits, {
    anchor: () => RECORD_ANCHOR,
    sideClass: () => 'side-0',
  });
  return `(window.REPORT_RECORDS=window.REPORT_RECORDS||{})[${JSON.stringify(t.docId)}]=${JSON.stringify(html)};\n`;
}

/** Every speech file for records held in memory (tests and small corpora): [name, content]. */
export function speechFilesFor(
  records: ReadonlyArray<{
    transcript: Transcript;
    hits: readonly Hit[];
    sentences: readonly Sentence[];
  }>,
  targets: SpeechTargets,
): Array<[string, string]> {
  const entries = records.map((r) => speechRecord(r.transcript, r.hits, r.sentences, targets));
  return planSpeechFiles(entries.map((e) => Buffer.byteLength(e, 'utf8'))).map((f) => [
    f.name,
    Buffer.concat([...speechFile(entries.slice(f.from, f.to))]).toString('utf8'),
  ]);
}

/**
 * Writes the speech files and the reading view of each record held in full
 * beyond the ones the page inlines (a large corpus's other records had
 * theirs written as they left memory); returns the speech files' names.
 */
export function writeEvidenceFiles(
  emit: (name: string, content: string | Iterable<Uint8Array>) => void,
  speech: ReadonlyArray<{ name: string; content: () => Iterable<Uint8Array> }>,
  full: readonly Transcript[],
  kwic: ReadonlyArray<Pick<KwicRow, 'doc_id' | 'turn' | 'match' | 'phrase'>>,
): string[] {
  for (const f of speech) emit(f.name, f.content());
  const rest = [...full].sort(byReportOrder).slice(MAX_READING_DOCS);
  const hitsOf = new Map<string, Array<Pick<KwicRow, 'turn' | 'match' | 'phrase'>>>(
    rest.map((t) => [t.docId, []]),
  );
  for (const k of kwic) hitsOf.get(k.doc_id)?.push(k);
  for (const t of rest) emit(recordFileName(t.docId), recordFile(t, hitsOf.get(t.docId) ?? []));
  return speech.map((f) => f.name);
}
