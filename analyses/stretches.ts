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
import { type DictionaryMatch, matcherFor } from './dictionary.js';
import { PairMemo } from './pair-memo.js';
import type { Dictionary } from './types.js';

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

const stretchMatchMemo = new PairMemo<
  readonly Stretch[],
  Dictionary,
  ReadonlyArray<readonly DictionaryMatch[]>
>();

/**
 * The dictionary's matches in each of one turn's stretches (`own`, from
 * stretchesOf(owner)), exactly as matchDictionary on each stretch's text
 * gives them, offsets into that text. They are taken from the matches in the
 * turn's display text (`turnText`, matched once per document already, for
 * the phrase counts: matcherFor) when that text is the stretches' texts in
 * order (each without the whitespace around it) with whitespace, and only
 * whitespace, between them and no match
 * there reaches outside one stretch: a pattern looks at no more than the
 * letter or digit just before and after it (analyses/dictionary.ts), and
 * whitespace, like the end of a text, is neither. Otherwise (a stretch whose
 * analysisForm differs from the display text, an insertion taken out with
 * no space left) each stretch is matched on its own. Made once per turn and
 * dictionary; must not be changed.
 */
export function stretchMatches(
  owner: object,
  dict: Dictionary,
  turnText: string,
  own: readonly Stretch[],
): ReadonlyArray<readonly DictionaryMatch[]> {
  return stretchMatchMemo.get(own, dict, () => {
    const match = matcherFor(owner, dict);
    return (
      (own.length > 0 ? fromTurn(turnText, own, match(turnText)) : undefined) ??
      own.map((s) => match(s.text))
    );
  });
}

const NOT_SPACE = /\S/;

/** stretchMatches from the turn's matches, or undefined where they cannot be used. */
export function fromTurn(
  text: string,
  own: ReadonlyArray<Pick<Stretch, 'text'>>,
  matches: readonly DictionaryMatch[],
): DictionaryMatch[][] | undefined {
  // Where each stretch's text, without the whitespace around it, stands in the turn's.
  const from = new Int32Array(own.length);
  const to = new Int32Array(own.length);
  const lead = new Int32Array(own.length);
  let at = 0;
  for (let k = 0; k < own.length; k++) {
    const whole = own[k]!.text;
    const core = whole.trim();
    const i = core === '' ? -1 : text.indexOf(core, at);
    if (i < 0 || (k > 0 && i === at) || NOT_SPACE.test(text.slice(at, i))) return undefined;
    from[k] = i;
    to[k] = i + core.length;
    lead[k] = whole.indexOf(core);
    at = to[k]!;
  }
  if (NOT_SPACE.test(text.slice(at))) return undefined;
  const out: DictionaryMatch[][] = own.map(() => []);
  let k = 0;
  for (const m of matches) {
    while (k < own.length && m.start >= to[k]!) k++;
    if (k === own.length || m.start < from[k]! || m.end > to[k]!) return undefined;
    const shift = from[k]! - lead[k]!;
    out[k]!.push({ key: m.key, start: m.start - shift, end: m.end - shift, form: m.form });
  }
  return out;
}
