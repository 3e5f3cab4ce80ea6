/**
 * corpus/<doc_id>.json: one record's transcript with its text written once.
 *
 * The normalised `text` is stored whole; everything else that repeats it is
 * stored as what rebuilds it:
 * - the original text (as read, or as taken from a web page, PDF or Word
 *   file) as `originalEdits`, a list of [start, end, replacement]: replace
 *   text.slice(start, end) by replacement, offsets into `text` in UTF-16
 *   code units (JavaScript string offsets), ascending and not overlapping.
 *   When the two texts differ too much for the diff to finish within its
 *   bound, or the edits would take more room than the original, `original`
 *   is stored whole instead, and `originalEdits` is absent.
 * - each turn's `text` (and, in a reported turn, `quoted`) is left out when
 *   it is the turn's speech segments' text put back together (see
 *   turnSpeech and quotedSpeech); a turn whose text is not is stored with it.
 *
 * readCorpusRecord() gives back the full transcript, equal to what the
 * pipeline held. The writer checks every rebuild before leaving a field out.
 */
import { diffArrays, diffChars } from 'diff';
import { stableJson } from './csv.js';
import { collapse } from './segment.js';
import type { Segment, Transcript, Turn } from './types.js';

/** [start, end, replacement]: text.slice(start, end) is replaced by replacement. */
export type TextEdit = [start: number, end: number, replacement: string];

/**
 * The diff gives up beyond this many inserted plus deleted lines (or, inside
 * a run of changed lines, characters): its cost grows with length times
 * edits. A bound on edits, not a time limit, so the output does not depend
 * on the machine's speed.
 */
export const MAX_EDIT_LENGTH = 4000;

/** A stored corpus/<doc_id>.json: a transcript with the rebuildable text left out. */
export type StoredTranscript = Omit<Transcript, 'original' | 'turns'> & {
  original?: string;
  originalEdits?: TextEdit[];
  turns: Array<Omit<Turn, 'text'> & { text?: string }>;
};

/** corpus/<doc_id>.json's text for a transcript. */
export function corpusJson(t: Transcript, maxEditLength = MAX_EDIT_LENGTH): string {
  return stableJson(compactTranscript(t, maxEditLength), 0);
}

/** The transcript as stored: the original as edits of `text`, turns without rebuildable text. */
export function compactTranscript(
  t: Transcript,
  maxEditLength = MAX_EDIT_LENGTH,
): StoredTranscript {
  const { original, turns, ...rest } = t;
  const edits = textEdits(t.text, original, maxEditLength);
  const stored: StoredTranscript = { ...rest, turns: turns.map((u) => compactTurn(t, u)) };
  if (edits) stored.originalEdits = edits;
  else stored.original = original;
  return stored;
}

function compactTurn(t: Transcript, u: Turn): StoredTranscript['turns'][number] {
  const { text, quoted, ...rest } = u;
  const out: StoredTranscript['turns'][number] = { ...rest };
  if (turnSpeech(t.text, t.segments, u.turn) !== text) out.text = text;
  if (quoted !== undefined && quotedSpeech(t.text, t.segments, u.turn) !== quoted)
    out.quoted = quoted;
  return out;
}

/**
 * Reads back corpus/<doc_id>.json (its text, or the parsed object) as the
 * full transcript: the original text rebuilt from its edits, each turn's
 * text (and quotations) from its speech segments.
 */
export function readCorpusRecord(json: string | StoredTranscript): Transcript {
  const stored: StoredTranscript = typeof json === 'string' ? JSON.parse(json) : json;
  const { original, originalEdits, turns, ...rest } = stored;
  if (typeof rest.text !== 'string' || !Array.isArray(rest.segments) || !Array.isArray(turns))
    throw new Error('not a corpus record: expected "text", "segments" and "turns"');
  let whole: string;
  if (typeof original === 'string') whole = original;
  else if (Array.isArray(originalEdits)) whole = applyEdits(rest.text, originalEdits);
  else throw new Error('not a corpus record: neither "original" nor "originalEdits"');
  return {
    ...rest,
    original: whole,
    turns: turns.map((u) => {
      const turn: Turn = { ...u, text: u.text ?? turnSpeech(rest.text, rest.segments, u.turn) };
      if (u.mode === 'reported' && u.quotedWords !== undefined && u.quoted === undefined)
        turn.quoted = quotedSpeech(rest.text, rest.segments, u.turn);
      return turn;
    }),
  } as Transcript;
}

/**
 * The edits that turn `text` into `original`, or undefined when the diff
 * gives up or the edits would not be smaller than `original` itself (it is
 * then stored whole). The texts are compared line by line first (each line
 * and each run of line ends a token: normalising mostly removes blank lines
 * and joins broken ones, so most lines are equal), then character by
 * character inside each run of changed tokens; a
 * run whose character diff gives up becomes one edit. As a guard, edits
 * that do not give back `original` are not used.
 */
export function textEdits(
  text: string,
  original: string,
  maxEditLength = MAX_EDIT_LENGTH,
): TextEdit[] | undefined {
  if (text === original) return [];
  const lines = diffArrays(tokens(text), tokens(original), { maxEditLength });
  if (!lines) return undefined;
  const edits: TextEdit[] = [];
  let at = 0;
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed === '' && added === '') return;
    const inner =
      removed === '' || added === '' ? undefined : charEdits(removed, added, maxEditLength);
    if (inner) for (const [s, e, r] of inner) edits.push([at + s, at + e, r]);
    else edits.push([at, at + removed.length, added]);
    at += removed.length;
    removed = '';
    added = '';
  };
  for (const c of lines) {
    const value = c.value.join('');
    if (c.removed) removed += value;
    else if (c.added) added += value;
    else {
      flush();
      at += value.length;
    }
  }
  flush();
  if (JSON.stringify(edits).length >= JSON.stringify(original).length) return undefined;
  return applyEdits(text, edits) === original ? edits : undefined;
}

/** Lines and the runs of line ends between them, as tokens of their own. */
const LINES = /(\n+)/;

function tokens(s: string): string[] {
  return s.split(LINES).filter((t) => t !== '');
}

/** Character edits turning `from` into `to`, or undefined when the diff gives up. */
function charEdits(from: string, to: string, maxEditLength: number): TextEdit[] | undefined {
  const changes = diffChars(from, to, { maxEditLength });
  if (!changes) return undefined;
  const edits: TextEdit[] = [];
  let at = 0;
  let open: TextEdit | undefined;
  for (const c of changes) {
    if (!c.added && !c.removed) {
      open = undefined;
      at += c.value.length;
      continue;
    }
    if (!open) {
      open = [at, at, ''];
      edits.push(open);
    }
    if (c.removed) {
      at += c.value.length;
      open[1] = at;
    } else open[2] += c.value;
  }
  return edits;
}

/** `text` with each edit applied (edits ascending, not overlapping). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    if (!(start >= at && end >= start && end <= text.length))
      throw new Error(`corpus record: edit [${start}, ${end}] out of order or outside the text`);
    out += text.slice(at, start) + replacement;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * A turn's speech as the segmenter writes it (Turn.text): per paragraph, its
 * speech segments' text (a space where something else stood between them),
 * spaces collapsed; paragraphs with speech joined by a blank line.
 */
export function turnSpeech(text: string, segments: readonly Segment[], turn: number): string {
  const paragraphs: string[] = [];
  let paragraph = -1;
  let body = '';
  let end = -1;
  for (const s of segments) {
    if (s.kind !== 'speech' || s.turn !== turn) continue;
    if (s.paragraph !== paragraph) {
      if (paragraph >= 0) paragraphs.push(body);
      paragraph = s.paragraph;
      body = '';
    } else if (s.start !== end) body += ' ';
    body += text.slice(s.start, s.end);
    end = s.end;
  }
  if (paragraph >= 0) paragraphs.push(body);
  return paragraphs
    .map(collapse)
    .filter((p) => p !== '')
    .join('\n\n');
}

/**
 * A reported turn's quotations of the speaker's own words (Turn.quoted):
 * each run of its direct-speech segments, with no reported speech between
 * them, is one quotation; quotations joined by a blank line.
 */
export function quotedSpeech(text: string, segments: readonly Segment[], turn: number): string {
  const quotes: string[][] = [];
  let open: string[] | undefined;
  let paragraph = -1;
  for (const s of segments) {
    if (s.turn !== turn) continue;
    if (s.paragraph !== paragraph) open = undefined;
    paragraph = s.paragraph;
    if (s.kind !== 'speech') continue;
    if (s.mode !== 'direct') {
      open = undefined;
      continue;
    }
    if (!open) {
      open = [];
      quotes.push(open);
    }
    open.push(text.slice(s.start, s.end));
  }
  return quotes
    .map((q) => q.join(' '))
    .filter((q) => q !== '')
    .map(collapse)
    .join('\n\n');
}
