/**
 * The one definition of "a word" used for every denominator in the project
 * (turn lengths, per-10,000-word rates): a run of letters or digits, with
 * inner apostrophes or hyphens kept ("Workers’", "Marxist-Leninist" = 1 word).
 * Dashes standing alone (" – ") are not words.
 */
const WORD = /[\p{L}\p{N}]+(?:['’‐-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}
