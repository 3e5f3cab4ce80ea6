/**
 * The one definition of "a word" used for every denominator in the project
 * (turn lengths, per-10,000-word rates): a run of letters or digits, with
 * inner apostrophes or hyphens kept ("Workers’", "Marxist-Leninist" = 1 word).
 * Dashes standing alone (" – ") are not words.
 */
export const WORD = /[\p{L}\p{N}]+(?:['’‐-][\p{L}\p{N}]+)*/gu;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True when the code point is a letter or digit (ASCII answered without the regex). */
function isWordChar(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
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
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isWordChar(cp)) {
      if (!inWord) {
        n++;
        inWord = true;
      }
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

/** `s` as a literal inside a regular expression (every metacharacter escaped). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
