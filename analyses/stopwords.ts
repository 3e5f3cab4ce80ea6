/**
 * The project's own stop-word list (corpus/stopwords.txt): one word per line,
 * `#` starts a comment, blank lines ignored. Our own because wink-nlp's list
 * is fixed and drops not, no, never, against, we, must.
 * The words kept on purpose are listed in the file's header.
 */
import { ConfigError } from '../pipeline/errors.js';

/**
 * Parses the list; returns the words lower-cased, de-duplicated, in file
 * order. Throws ConfigError with file and line for a line that is not one word.
 */
export function loadStopwords(text: string, file: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const word = raw.replace(/#.*$/, '').trim().normalize('NFC').toLowerCase();
    if (word === '') return;
    if (!/^['’]?[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*['’.]?$/u.test(word)) {
      throw new ConfigError(file, i + 1, `expected one word per line, found "${raw.trim()}"`);
    }
    if (seen.has(word)) return;
    seen.add(word);
    out.push(word);
  });
  return out;
}

/**
 * The set annotation looks words up in: each word, plus its variant with the
 * other apostrophe (' and ’), because wink keeps the apostrophe as written.
 */
export function stopwordSet(words: readonly string[]): ReadonlySet<string> {
  // One set per list, so that the analyses given the same list share what
  // they remember per set (collocates.ts candidateFlags).
  const known = setMemo.get(words);
  if (known) return known;
  const set = new Set<string>();
  for (const w of words) {
    set.add(w);
    if (w.includes("'")) set.add(w.replace(/'/g, '’'));
    if (w.includes('’')) set.add(w.replace(/’/g, "'"));
  }
  setMemo.set(words, set);
  return set;
}

const setMemo = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Function words the shipped stop-word list keeps on purpose, because in
 * political speech who "we" are and what is "not" done matter for keyness and
 * the concordance (see corpus/stopwords.txt's header). Frequency rankings of
 * content terms leave them out: otherwise they lead every speaker's list.
 */
export const KEPT_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'we',
  'us',
  'our',
  'ours',
  'ourselves',
  'not',
  'no',
  'nor',
  'never',
  'nothing',
  'none',
  'neither',
  'without',
  'cannot',
  'against',
  'must',
]);
