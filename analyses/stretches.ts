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
import { WORD } from '../pipeline/words.js';

export interface StretchWord {
  /** Lower-cased word form. */
  form: string;
  /** Offsets into the stretch's `text`, [start, end). */
  start: number;
  end: number;
}

export interface Stretch {
  /** analysisForm of the speech segment's text. */
  text: string;
  words: StretchWord[];
  /** Each word's number in its document's vocabulary (Stretches.forms), aligned with `words`. */
  ids: Int32Array;
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

/** The words of a text, with offsets. */
export function wordsOf(text: string): StretchWord[] {
  const out: StretchWord[] = [];
  // wordForm of the whole text at once, when that gives each word's own form
  // as a slice: lower-casing can change a text's length ("İ" → "i̇"), and
  // capital sigma is the one letter whose lower case depends on what follows
  // it (final ς), so a text with either is done word by word.
  const forms = text.includes('Σ') ? '' : wordForm(text);
  const aligned = forms.length === text.length;
  for (const m of text.matchAll(WORD)) {
    const end = m.index + m[0].length;
    out.push({ form: aligned ? forms.slice(m.index, end) : wordForm(m[0]), start: m.index, end });
  }
  return out;
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
  for (const s of t.segments) {
    if (s.kind !== 'speech' || s.turn === undefined || !counted.has(s.turn)) continue;
    const text = analysisForm(t.text.slice(s.start, s.end));
    const words = wordsOf(text);
    if (words.length === 0) continue;
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const form = words[i]!.form;
      let id = number.get(form);
      if (id === undefined) {
        id = forms.length;
        number.set(form, id);
        forms.push(form);
      }
      ids[i] = id;
    }
    byTurn.get(s.turn)!.push({ text, words, ids });
  }
  return Object.assign(byTurn, { forms });
}
