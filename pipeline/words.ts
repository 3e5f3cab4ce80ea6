/**
 * The one definition of "a word" used for every denominator in the project
 * (turn lengths, per-10,000-word rates): a run of letters or digits, with
 * inner apostrophes or hyphens kept ("Workers’", "Marxist-Leninist" = 1 word).
 * Dashes standing alone (" – ") are not words.
 */
export const WORD = /[\p{L}\p{N}]+(?:['’‐-][\p{L}\p{N}]+)*/gu;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** LETTER_OR_DIGIT's answer for each BMP code point, once asked: 0 not yet, 1 yes, 2 no. */
const BMP_WORD_CHAR = new Uint8Array(0x10000);

/** True when the code point is a letter or digit (ASCII answered without the regex). */
function isWordChar(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  }
  if (cp > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  let known = BMP_WORD_CHAR[cp]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
    BMP_WORD_CHAR[cp] = known;
  }
  return known === 1;
}

/** ' ’ ‐ - : joiners inside a word. */
function isJoiner(cp: number): boolean {
  return cp === 39 || cp === 0x2019 || cp === 0x2010 || cp === 45;
}

/**
 * The number of WORD matches in `text`, counted by one scan over its code
 * points (the same count as running WORD over it; tests/words.test.ts
 * checks the two agree on random text).
 */
export function countWords(text: string): number {
  return scanWords(text, undefined);
}

/** Where findWords writes the words' offsets (grown as needed). */
export interface WordOffsets {
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The WORD matches of `text`, found by the scan of countWords: their number,
 * with each one's offsets [start, end) in `out.starts` / `out.ends` (from
 * index 0; the arrays are replaced by longer ones when they are too short).
 * The same words and offsets as `text.matchAll(WORD)` (tests/words.test.ts).
 */
export function findWords(text: string, out: WordOffsets): number {
  return scanWords(text, out);
}

/** The one scan behind countWords and findWords: counts the words, and records them in `out` if given. */
function scanWords(text: string, out: WordOffsets | undefined): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isWordChar(cp)) {
      if (!inWord) {
        if (out) {
          if (n === out.starts.length) grow(out);
          out.starts[n] = i;
        }
        n++;
        inWord = true;
      }
      if (out) out.ends[n - 1] = i + width;
    } else if (inWord && isJoiner(cp) && i + width < text.length) {
      // A joiner keeps the word going only when a letter or digit follows it.
      const next = text.codePointAt(i + width)!;
      if (!isWordChar(next)) inWord = false;
    } else {
      inWord = false;
    }
    i += width;
  }
  return n;
}

function grow(out: WordOffsets): void {
  const size = Math.max(64, out.starts.length * 2);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  starts.set(out.starts);
  ends.set(out.ends);
  out.starts = starts;
  out.ends = ends;
}

/** `s` as a literal inside a regular expression (every metacharacter escaped). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
