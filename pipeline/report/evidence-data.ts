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
 * - Each record the page does not inline (past the first MAX_READING_DOCS)
 *   also carries its reading layout (readingLayout): the text that is not
 *   speech and where each piece of speech sits in its turn, from which the
 *   page draws its reading view when it is opened (./reading-client.ts).
 *
 * Each file calls nothing: it appends its JSON to a global array or map
 * that the page's script reads. The files are scripts of their own, never
 * inlined in the page, so plain JSON is a safe literal in them (no
 * "</script" to guard against).
 */
import { targetMatcher } from '../../analyses/sentiment/analysis.js';
import type { KwicRow, SentenceRow } from '../../analyses/types.js';
import type { SegmentKind, Transcript } from '../types.js';
import { safeUrl } from './html.js';
import { byReportOrder, MAX_READING_DOCS, readingParagraphs } from './reading.js';

export const REPORT_DATA_DIR = 'report-data';
/** A speech file is closed once it holds this many characters of JSON. */
export const SPEECH_FILE_CHARS = 2_000_000;

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
 * [doc_id, speakers, sides, phrases, turns] (and a reading layout,
 * readingLayout, for a record the page does not inline), each turn
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

/** The one-letter code of each kind of segment in a record's reading layout. */
export const SEGMENT_CODES: Readonly<Record<Exclude<SegmentKind, 'break'>, string>> = {
  header: 'h',
  narrative: 'n',
  label: 'l',
  speech: 's',
  editorial: 'e',
  stage: 't',
  trailer: 'r',
};

/**
 * What the reading view of a record needs beyond its entry's turns (JSON):
 * [meta, paragraphs]. meta is [date, title, archive ref, translator,
 * source file, source URL if safe to link, source URL otherwise].
 * Each paragraph is [head, ...segments], head 0 outside a turn, else the
 * turn's number, or [turn, speaker] when the paragraph names a speaker
 * other than its turn's. A segment of speech in the paragraph's turn
 * points into the turn's text: [start, length] when it is that slice as it
 * stands, [start, length, before, after] with the whitespace around it;
 * [text] when its text is not found in the turn's (whitespace inside it,
 * say), [text, turn] when it belongs to another turn. Any other segment is
 * a string: its kind's code (SEGMENT_CODES) and its text. So the text of a
 * turn is written once, in the turn; the layout adds the text that is not
 * speech (headers, labels, narrative, editorial insertions, stage
 * directions), which the concordance does not search.
 */
export function readingLayout(t: Transcript): string {
  const turns = new Map(t.turns.map((x) => [x.turn, x] as const));
  const cursor = new Map<number, number>();
  const paragraphs = readingParagraphs(t).map((segs) => {
    const turn = segs.find((x) => x.turn !== undefined)?.turn;
    let head: number | [number, string] = 0;
    if (turn !== undefined) {
      const speaker = segs.find((x) => x.speaker)?.speaker ?? '';
      head = turns.get(turn)?.speaker === speaker ? turn : [turn, speaker];
    }
    const out: unknown[] = [head];
    for (const seg of segs) {
      const text = t.text.slice(seg.start, seg.end);
      if (seg.kind !== 'speech' || seg.turn === undefined) {
        out.push(SEGMENT_CODES[seg.kind as keyof typeof SEGMENT_CODES] + text);
        continue;
      }
      if (seg.turn !== turn) {
        out.push([text, seg.turn]);
        continue;
      }
      const core = text.trim();
      const own = turns.get(seg.turn)?.text ?? '';
      const at = core ? own.indexOf(core, cursor.get(seg.turn) ?? 0) : -1;
      if (at < 0) {
        out.push([text]);
        continue;
      }
      cursor.set(seg.turn, at + core.length);
      const before = text.slice(0, text.indexOf(core));
      const after = text.slice(before.length + core.length);
      out.push(before || after ? [at, core.length, before, after] : [at, core.length]);
    }
    return out;
  });
  const m = t.metadata;
  const url = safeUrl(m.sourceUrl);
  const meta = [
    m.date,
    m.title,
    m.archiveRef,
    m.translator,
    t.sourceFile,
    url ?? '',
    url ? '' : m.sourceUrl,
  ];
  return JSON.stringify([meta, paragraphs]);
}

/** A record's speech entry with its reading layout as one more element. */
export function withLayout(speech: Uint8Array, layout: Uint8Array): Uint8Array {
  return Buffer.concat([
    speech.subarray(0, speech.length - 1),
    Buffer.from(',', 'utf8'),
    layout,
    Buffer.from(']', 'utf8'),
  ]);
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

/**
 * Every speech file for records held in memory (tests and small corpora):
 * [name, content]. Records past the ones the page inlines (in report
 * order) carry their reading layout.
 */
export function speechFilesFor(
  records: ReadonlyArray<{
    transcript: Transcript;
    hits: readonly Hit[];
    sentences: readonly Sentence[];
  }>,
  targets: SpeechTargets,
): Array<[name: string, content: string, docs: string[]]> {
  const sorted = [...records].sort((a, b) => byReportOrder(a.transcript, b.transcript));
  const entries = sorted.map((r, i) => {
    const speech = Buffer.from(speechRecord(r.transcript, r.hits, r.sentences, targets), 'utf8');
    return i < MAX_READING_DOCS
      ? speech
      : withLayout(speech, Buffer.from(readingLayout(r.transcript), 'utf8'));
  });
  return planSpeechFiles(entries.map((e) => e.length)).map((f) => [
    f.name,
    Buffer.concat([...speechFile(entries.slice(f.from, f.to))]).toString('utf8'),
    sorted.slice(f.from, f.to).map((r) => r.transcript.docId),
  ]);
}

/** Writes the speech files; returns their names and the doc_ids each holds. */
export function writeEvidenceFiles(
  emit: (name: string, content: string | Iterable<Uint8Array>) => void,
  speech: ReadonlyArray<{ name: string; docs: string[]; content: () => Iterable<Uint8Array> }>,
): { speechFiles: string[]; speechDocs: string[][] } {
  for (const f of speech) emit(f.name, f.content());
  return { speechFiles: speech.map((f) => f.name), speechDocs: speech.map((f) => f.docs) };
}
