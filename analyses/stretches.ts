/**
 * Stretches of uninterrupted speech, the unit inside which the collocate
 * window (analyses/collocates.ts) and the n-grams (analyses/ngrams.ts) stay.
 *
 * A turn's display text (Turn.text) joins its speech with the editorial
 * insertions ("[sic]", "[illegible]", footnote marks) and stage directions
 * ("(Laughter)") taken out, so two words on either side of an insertion stand
 * next to each other there. The segments of the transcript still say where
 * each insertion was: a stretch is one `speech` segment, i.e. speech that no
 * other segment interrupts. A turn's stretches therefore end at every
 * editorial insertion, stage direction and paragraph break inside it, and
 * at the end of the turn; a window or an n-gram never spans two of them.
 *
 * Words are the project's words (pipeline/words.ts WORD, on the text's
 * analysisForm, so "Marxist - Leninist" is one word as in every word count),
 * lower-cased, with ’ written ' and the hyphen variant ‐ written -.
 */
import { analysisForm } from '../pipeline/normalize.js';
import type { Transcript } from '../pipeline/types.js';
import { findWords, type WordOffsets } from '../pipeline/words.js';

export interface Stretch {
  /** analysisForm of the speech segment's text. */
  text: string;
  /** Each word's number in its document's vocabulary (Stretches.forms), in text order. */
  ids: Int32Array;
  /** Each word's offsets into `text`, [start, end), aligned with `ids`. */
  starts: Int32Array;
  ends: Int32Array;
}

/** A document's stretches by turn number, and the word forms its stretches number. */
export interface Stretches extends ReadonlyMap<number, readonly Stretch[]> {
  /** The distinct word forms of the document's stretches, in order of first occurrence. */
  readonly forms: readonly string[];
}

/** The form a word is counted under: lower case, one apostrophe, one hyphen. */
export function wordForm(word: string): string {
  const lower = word.toLowerCase();
  return /[’‐]/.test(lower) ? lower.replace(/’/g, "'").replace(/‐/g, '-') : lower;
}

/**
 * The forms of the words of `text` found at `starts`/`ends` (`n` of them):
 * each word's wordForm. Done on the whole text at once when that gives each
 * word's own form as a slice: lower-casing can change a text's length
 * ("İ" → "i̇"), and capital sigma is the one letter whose lower case depends
 * on what follows it (final ς), so a text with either is done word by word.
 */
export function formsOf(
  text: string,
  words: Readonly<WordOffsets>,
  n: number,
  each: (form: string, i: number) => void,
): void {
  const forms = text.includes('Σ') ? '' : wordForm(text);
  const aligned = forms.length === text.length;
  const { starts, ends } = words;
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    each(aligned ? forms.slice(start, end) : wordForm(text.slice(start, end)), i);
  }
}

const stretchMemo = new WeakMap<object, Stretches>();

/**
 * turnStretches(t), made once per transcript object: the analyses that read
 * stretches (collocates, n-grams) run on the same document one after the
 * other and share them. The result must not be changed by the caller.
 */
export function stretchesOf(t: Pick<Transcript, 'text' | 'segments' | 'turns'>): Stretches {
  let s = stretchMemo.get(t);
  if (!s) {
    s = turnStretches(t);
    stretchMemo.set(t, s);
  }
  return s;
}

/** The word scan's buffers, shared by every call (the offsets are copied out). */
const scan: WordOffsets = { starts: new Int32Array(256), ends: new Int32Array(256) };

/**
 * Each counted turn's stretches, keyed by turn number, in text order. Turns
 * left out of `t.turns` (e.g. reported speech under `--speech direct`) get
 * none; a stretch without words is dropped. Words are numbered by form in
 * order of first occurrence (`forms`), so that the analyses count numbers
 * rather than look strings up.
 */
export function turnStretches(t: Pick<Transcript, 'text' | 'segments' | 'turns'>): Stretches {
  const counted = new Set(t.turns.map((u) => u.turn));
  const byTurn = new Map<number, Stretch[]>();
  const forms: string[] = [];
  const number = new Map<string, number>();
  for (const u of t.turns) byTurn.set(u.turn, []);
  let ids = new Int32Array(0);
  const numberWord = (form: string, i: number) => {
    let id = number.get(form);
    if (id === undefined) {
      id = forms.length;
      number.set(form, id);
      forms.push(form);
    }
    ids[i] = id;
  };
  for (const s of t.segments) {
    if (s.kind !== 'speech' || s.turn === undefined || !counted.has(s.turn)) continue;
    const text = analysisForm(t.text.slice(s.start, s.end));
    const n = findWords(text, scan);
    if (n === 0) continue;
    // One buffer per stretch: ids, starts, ends.
    const all = new Int32Array(3 * n);
    ids = all.subarray(0, n);
    const starts = all.subarray(n, 2 * n);
    const ends = all.subarray(2 * n);
    starts.set(scan.starts.subarray(0, n));
    ends.set(scan.ends.subarray(0, n));
    formsOf(text, scan, n, numberWord);
    byTurn.get(s.turn)!.push({ text, ids, starts, ends });
  }
  return Object.assign(byTurn, { forms });
}
