/**
 * The concept dictionary (corpus/dictionary.yaml), in the spirit of quanteda
 * dictionaries: each key lists patterns; a pattern is a word, a glob
 * (`revisionis*`) or a multi-word phrase.
 *
 * Matching works on a turn's DISPLAY text (pipeline/types.ts Turn.text), so the
 * forms recorded in phrase_forms.csv are exactly what the reader sees.
 *
 * Pattern rules (also explained at the top of corpus/dictionary.yaml):
 * - Case never matters; a pattern only matches whole words (a letter or digit
 *   must not touch either end of the match).
 * - `*` stands for any run of letters or digits, including none.
 * - Between two words of a pattern, a space, a hyphen or a dash in the pattern
 *   all mean the same: one or more spaces, or a hyphen/dash (‐ - ‑ ‒ – — ―)
 *   with or without spaces around it. So `marxist-leninist` matches
 *   "Marxist-Leninist", "Marxist - Leninist", "Marxist–Leninist" and
 *   "Marxist Leninist".
 * - A period is literal and the space after it is optional, so
 *   `n. s. khrushchev` matches "N. S. Khrushchev" and "N.S. Khrushchev".
 * - Plurals: a pattern ending in a plain word also matches that word + "s"
 *   ("revisionist" → "revisionists"); every pattern ending in a word also
 *   matches the translation's stray-space plural ("Marxist-Leninist s").
 *
 * Overlaps: a stretch of text belongs to at most one key. Among all
 * candidate matches the leftmost wins; among those starting at the same place
 * the longest; then the key listed first in the file; then its first pattern.
 * So "American imperialists" counts once under a key that lists
 * `american imperialis*`, and "Marxism-Leninism" can never also count as
 * `marxist-leninist`. A key marked `independent: true` is matched on its own,
 * so its matches may overlap those of other keys (and are counted under both).
 */
import { ConfigError } from '../pipeline/errors.js';
import { kind } from '../pipeline/registry.js';
import { parseYamlWithLines } from '../pipeline/yaml.js';
import { PairMemo } from './pair-memo.js';
import type { Dictionary, DictionaryEntry } from './types.js';

export interface DictionaryMatch {
  key: string;
  /** Offsets into the matched text, [start, end). */
  start: number;
  end: number;
  /** The matched text with runs of whitespace collapsed to one space. */
  form: string;
}

const KEY = /^[\p{Ll}\p{N}]+(?:[-_][\p{Ll}\p{N}]+)*$/u;

/**
 * Limits on a dictionary (stated in the README). They keep the one combined
 * regex of all patterns small enough to compile quickly and bound the work
 * per word of text; real dictionaries are far inside them.
 */
export const DICTIONARY_LIMITS = {
  /** Characters in one pattern. */
  patternChars: 100,
  /** Keys in dictionary.yaml. */
  keys: 1000,
  /** Patterns in the whole file. */
  patterns: 5000,
} as const;
const DASHES = '‐\\-‑‒–—―';
/** Between two words of a pattern: spaces, or a hyphen/dash with optional spaces. */
const WORD_SEP = `(?:\\s*[${DASHES}]\\s*|\\s+)`;
/**
 * A letter or digit for word boundaries and globs: Latin (with accents and
 * extensions), Greek, Cyrillic, and ASCII digits. Spelled as ranges because
 * each `\\p{L}` class costs V8 ~0.6 ms to compile, and a dictionary has
 * hundreds of them.
 */
const LETTER =
  '[0-9A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0370-\\u03FF\\u0400-\\u052F\\u1E00-\\u1FFF]';
const BEFORE = `(?<!${LETTER})`;

/**
 * Parses corpus/dictionary.yaml. Each key maps to a list of patterns, or to a
 * mapping `{description?, patterns, independent?}`. Throws ConfigError naming
 * the file and line for anything that cannot be used.
 */
export function loadDictionary(text: string, file: string): Dictionary {
  const { value, lineOf } = parseYamlWithLines(text, file);
  if (!isRecord(value) || Object.keys(value).length === 0) {
    throw new ConfigError(file, 1, `expected a mapping of keys to patterns, found ${kind(value)}`);
  }
  const keyCount = Object.keys(value).length;
  if (keyCount > DICTIONARY_LIMITS.keys) {
    throw new ConfigError(
      file,
      lineOf([Object.keys(value)[DICTIONARY_LIMITS.keys]!]) ?? 1,
      `expected at most ${DICTIONARY_LIMITS.keys} keys, found ${keyCount}`,
    );
  }
  const entries: DictionaryEntry[] = [];
  const seen = new Map<string, string>();
  // Headline place → key, so that no two keys share one.
  const places = new Map<number, string>();
  const lines = text.split(/\r?\n/);
  for (const [key, body] of Object.entries(value)) {
    // The key's own line (lineOf gives the line of its value, which may be the next one).
    const own = lines.findIndex(
      (l) => l.startsWith(`${key}:`) || l.startsWith(`'${key}':`) || l.startsWith(`"${key}":`),
    );
    const line = own >= 0 ? own + 1 : (lineOf([key]) ?? 1);
    if (!KEY.test(key)) {
      throw new ConfigError(
        file,
        line,
        `expected a key of lower-case letters, digits and hyphens (e.g. "soviet-union"), found "${key}"`,
      );
    }
    let patterns: unknown = body;
    let description = '';
    let independent = false;
    let headline: number | true | undefined;
    let path: Array<string | number> = [key];
    if (isRecord(body)) {
      for (const field of Object.keys(body)) {
        if (!['patterns', 'description', 'independent', 'headline'].includes(field)) {
          throw new ConfigError(
            file,
            lineOf([key, field]) ?? line,
            `expected "patterns", "description", "independent" or "headline" under "${key}", found "${field}"`,
          );
        }
      }
      patterns = body['patterns'];
      path = [key, 'patterns'];
      const d = body['description'] ?? '';
      if (typeof d !== 'string') {
        throw new ConfigError(
          file,
          lineOf([key, 'description']) ?? line,
          `expected "description" of "${key}" to be text, found ${kind(d)}`,
        );
      }
      description = d.trim();
      const ind = body['independent'] ?? false;
      if (typeof ind !== 'boolean') {
        throw new ConfigError(
          file,
          lineOf([key, 'independent']) ?? line,
          `expected "independent" of "${key}" to be true or false, found ${kind(ind)}`,
        );
      }
      independent = ind;
      headline = headlineMark(body['headline'], key, file, lineOf([key, 'headline']) ?? line);
      if (typeof headline === 'number') {
        const twin = places.get(headline);
        if (twin !== undefined)
          throw new ConfigError(
            file,
            lineOf([key, 'headline']) ?? line,
            `expected each headline place once, found headline: ${headline} for both "${twin}" and "${key}"`,
          );
        places.set(headline, key);
      }
    }
    if (!Array.isArray(patterns) || patterns.length === 0) {
      throw new ConfigError(
        file,
        lineOf(path) ?? line,
        `expected "${key}" to list at least one pattern, found ${kind(patterns)}`,
      );
    }
    const list: string[] = [];
    patterns.forEach((p, i) => {
      const at = lineOf([...path, i]) ?? line;
      if (typeof p !== 'string' || p.trim() === '') {
        throw new ConfigError(
          file,
          at,
          `expected pattern ${i + 1} of "${key}" to be text, found ${kind(p)}`,
        );
      }
      const pattern = p.normalize('NFC').trim().replace(/\s+/g, ' ');
      const problem = patternProblem(pattern);
      if (problem) throw new ConfigError(file, at, `pattern "${pattern}" of "${key}": ${problem}`);
      const canon = canonicalPattern(pattern);
      const other = seen.get(canon);
      if (other !== undefined) {
        const where = other === key ? `twice under "${key}"` : `under both "${other}" and "${key}"`;
        throw new ConfigError(
          file,
          at,
          `expected each pattern once (spaces, hyphens and dashes count as the same), found "${pattern}" ${where}`,
        );
      }
      seen.set(canon, key);
      if (seen.size > DICTIONARY_LIMITS.patterns) {
        throw new ConfigError(
          file,
          at,
          `expected at most ${DICTIONARY_LIMITS.patterns} patterns in the dictionary, found more`,
        );
      }
      list.push(pattern);
    });
    entries.push({
      key,
      description,
      patterns: list,
      independent,
      ...(headline === undefined ? {} : { headline }),
      line,
    });
  }
  return { file, entries };
}

/** A key's `headline:` mark: a place (a whole number from 1), true, false or absent. */
function headlineMark(
  mark: unknown,
  key: string,
  file: string,
  line: number,
): number | true | undefined {
  if (mark === undefined || mark === false) return undefined;
  if (mark === true || (typeof mark === 'number' && Number.isInteger(mark) && mark >= 1))
    return mark;
  throw new ConfigError(
    file,
    line,
    `expected "headline" of "${key}" to be its place among the headline keys (1, 2, …) or true, found ${kind(mark)}`,
  );
}

/** Keys the figures lead with when the dictionary marks none: its first keys, this many. */
export const HEADLINE_FALLBACK = 5;

/**
 * The headline keys, in order: the keys marked `headline:` (numbered ones by
 * their number, then those marked true in file order); when none is marked,
 * the first HEADLINE_FALLBACK keys of the file.
 */
export function headlineKeys(dict: Dictionary): string[] {
  const marked = dict.entries.filter((e) => e.headline !== undefined);
  if (marked.length === 0) return dict.entries.slice(0, HEADLINE_FALLBACK).map((e) => e.key);
  const place = (e: DictionaryEntry) =>
    e.headline === true ? Number.POSITIVE_INFINITY : (e.headline as number);
  // Array.prototype.sort is stable: keys marked true stay in file order.
  return [...marked].sort((a, b) => place(a) - place(b)).map((e) => e.key);
}

/**
 * Builds a dictionary from plain terms (e.g. the KWIC terms asked on the
 * command line): one independent key per term, the term being its own pattern.
 */
export function dictionaryFromTerms(terms: readonly string[], file = 'command line'): Dictionary {
  const entries: DictionaryEntry[] = [];
  const seen = new Set<string>();
  for (const raw of terms) {
    const term = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (term === '' || seen.has(term)) continue;
    const problem = patternProblem(term);
    if (problem) throw new ConfigError(file, undefined, `term "${term}": ${problem}`);
    seen.add(term);
    entries.push({ key: term, description: '', patterns: [term], independent: true, line: 0 });
  }
  return { file, entries };
}

/**
 * Finds every dictionary match in `text` (a turn's display text), resolving
 * overlaps as described at the top of this file. Sorted by start, then end,
 * then key.
 */
const matchMemo = new PairMemo<object, Dictionary, Map<string, DictionaryMatch[]>>();

/**
 * matchDictionary(dict, ·) remembered for the life of `owner` (a
 * transcript): the analyses of one document match the same texts with the
 * same dictionary, and match them once. The matches must not be changed.
 */
export function matcherFor(
  owner: object,
  dict: Dictionary,
): (text: string) => readonly DictionaryMatch[] {
  const memo = matchMemo.get(owner, dict, () => new Map());
  return (text) => {
    let m = memo.get(text);
    if (m === undefined) {
      m = matchDictionary(dict, text);
      memo.set(text, m);
    }
    return m;
  };
}

export function matchDictionary(dict: Dictionary, text: string): DictionaryMatch[] {
  const out: DictionaryMatch[] = [];
  for (const pass of compile(dict)) {
    // The combined regex finds the leftmost place where any pattern matches;
    // each pattern is then tried there (sticky) to take the longest.
    const any = pass.any;
    any.lastIndex = 0;
    for (let m = any.exec(text); m !== null; m = any.exec(text)) {
      const start = m.index;
      let best: { end: number; entry: number } | undefined;
      const first = String.fromCodePoint(text.codePointAt(start)!).toLowerCase();
      for (const p of pass.patterns) {
        if (p.first !== undefined && p.first !== first) continue;
        p.sticky.lastIndex = start;
        const hit = p.sticky.exec(text);
        if (hit === null) continue;
        const end = start + hit[0].length;
        if (!best || end > best.end) best = { end, entry: p.entry };
      }
      if (!best || best.end === start) {
        any.lastIndex = start + 1;
        continue;
      }
      out.push({
        key: dict.entries[best.entry]!.key,
        start,
        end: best.end,
        form: text.slice(start, best.end).replace(/\s+/g, ' '),
      });
      any.lastIndex = best.end;
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end || cmp(a.key, b.key));
  return out;
}

/**
 * Multi-word phrases of the dictionary that annotation keeps as one term:
 * patterns of two or more plain words (no `*`, no periods). The term is the
 * pattern lower-cased with every hyphen/dash written "-" and spaces single,
 * e.g. "marxism – leninism" → "marxism-leninism", "soviet union".
 */
export function multiWordTerms(dict: Dictionary): string[] {
  const out = new Set<string>();
  for (const e of dict.entries) {
    for (const p of e.patterns) {
      if (p.includes('*') || p.includes('.')) continue;
      const term = termForm(p);
      if (/[ -]/.test(term)) out.add(term);
    }
  }
  return [...out].sort(cmp);
}

/** Lower-cases a phrase and writes every hyphen/dash (with any spaces around it) as "-". */
export function termForm(phrase: string): string {
  return phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(new RegExp(`\\s*[${DASHES}]\\s*`, 'g'), '-')
    .replace(/\s+/g, ' ')
    .replace(/’/g, "'")
    .trim();
}

// ── Compilation ──────────────────────────────────────────────────────────────

interface CompiledPass {
  /** Every pattern of the pass as one alternation (global). */
  any: RegExp;
  /** Each pattern alone (sticky), in file order: key, then pattern. */
  patterns: Array<{ sticky: RegExp; entry: number; first: string | undefined }>;
}

/** Lower-cased first character of a pattern, unless it is a glob. */
function firstLetter(pattern: string): string | undefined {
  const ch = [...pattern][0]!;
  return ch === '*' || ch === "'" || ch === '’' ? undefined : ch.toLowerCase();
}

const cache = new WeakMap<Dictionary, CompiledPass[]>();

/** One pass for all ordinary keys together, then one pass per independent key. */
function compile(dict: Dictionary): CompiledPass[] {
  const hit = cache.get(dict);
  if (hit) return hit;
  type Source = { source: string; entry: number; first: string | undefined };
  const shared: Source[] = [];
  const groups: Source[][] = [shared];
  dict.entries.forEach((e, entry) => {
    const list = e.patterns.map((p) => ({
      source: patternSource(p),
      entry,
      first: firstLetter(p),
    }));
    if (e.independent) groups.push(list);
    else shared.push(...list);
  });
  const passes = groups
    .filter((g) => g.length > 0)
    .map((g) => ({
      any: new RegExp(
        `${BEFORE}(?:${g.map((p) => p.source.slice(BEFORE.length)).join('|')})`,
        'gu',
      ),
      patterns: g.map((p) => ({
        sticky: new RegExp(p.source, 'uy'),
        entry: p.entry,
        first: p.first,
      })),
    }));
  cache.set(dict, passes);
  return passes;
}

type Piece = { kind: 'word'; text: string } | { kind: 'dot' } | { kind: 'sep' };

function pieces(pattern: string): Piece[] {
  const out: Piece[] = [];
  const re = new RegExp(`([\\p{L}\\p{N}'’*]+)|(\\.)|([\\s${DASHES}]+)|(.)`, 'gu');
  for (const m of pattern.matchAll(re)) {
    if (m[1] !== undefined) out.push({ kind: 'word', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'dot' });
    else if (m[3] !== undefined) out.push({ kind: 'sep' });
    else throw new Error(`unexpected "${m[4]}"`);
  }
  return out;
}

/** Why a pattern cannot be used, or undefined. */
function patternProblem(pattern: string): string | undefined {
  const chars = [...pattern].length;
  if (chars > DICTIONARY_LIMITS.patternChars)
    return `expected at most ${DICTIONARY_LIMITS.patternChars} characters, found ${chars}`;
  let list: Piece[];
  try {
    list = pieces(pattern);
  } catch (err) {
    return `expected letters, digits, *, apostrophes, periods, spaces, hyphens or dashes, found ${(err as Error).message.replace(/^unexpected /, '')}`;
  }
  const first = list[0];
  if (first?.kind !== 'word') return 'expected it to start with a word';
  const last = list[list.length - 1]!;
  if (last.kind === 'sep') return 'expected it to end with a word or a period';
  for (const p of list) {
    if (p.kind === 'word' && /^['’*]+$/.test(p.text))
      return 'expected each word to have a letter or digit';
  }
  return undefined;
}

/** Two patterns that match the same texts have the same canonical form. */
function canonicalPattern(pattern: string): string {
  return pieces(pattern)
    .map((p) =>
      p.kind === 'word' ? p.text.toLowerCase().replace(/’/g, "'") : p.kind === 'dot' ? '.' : ' ',
    )
    .join('')
    .replace(/\. /g, '.');
}

/**
 * Case is spelled out per letter ([rR]) rather than with the `i` flag:
 * V8 compiles `iu` regexes with Unicode classes ~10× slower.
 */
function wordSource(word: string): string {
  // Runs of `*` mean what one `*` means; each star would otherwise be a
  // further unbounded quantifier over the same letters (30 of them hung the
  // run: backtracking tries every way to share a word among the stars).
  const parts = word.replace(/\*+/g, '*').split('*');
  let s = '';
  parts.forEach((part, i) => {
    if (i > 0) {
      // A star before the word's last part takes letters up to the first
      // place where the next part begins, and no fewer or more: with
      // nothing to give back, stars cannot multiply their tries. For parts
      // of letters that is exactly glob matching (if a later place fits,
      // the earliest does too, the next star covering the difference). The
      // star before the last part is a plain greedy run: it backtracks
      // once over its word.
      const next = partSource(part);
      s += i < parts.length - 1 && part !== '' ? `(?:(?!${next})${LETTER})*` : `${LETTER}*`;
    }
    s += partSource(part);
  });
  return s;
}

function partSource(part: string): string {
  let s = '';
  for (const ch of part) s += ch === "'" || ch === '’' ? "['’]" : caseless(ch);
  return s;
}

function caseless(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  const forms = [...new Set([ch, lower, upper].filter((f) => [...f].length === 1))];
  const escaped = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return escaped.length === 1 ? escaped[0]! : `[${escaped.join('')}]`;
}

/** The regex source one pattern compiles to (exported for the tests). */
export function patternSource(pattern: string): string {
  const list = pieces(pattern);
  let body = '';
  let prev: Piece['kind'] | undefined;
  let pendingSep = false;
  for (const p of list) {
    if (p.kind === 'sep') {
      pendingSep = true;
      continue;
    }
    if (p.kind === 'word') {
      if (prev === 'word') body += WORD_SEP;
      else if (prev === 'dot') body += '\\s*';
      body += wordSource(p.text);
    } else {
      body += pendingSep ? '\\s*\\.' : '\\.';
    }
    prev = p.kind;
    pendingSep = false;
  }
  const last = list[list.length - 1]!;
  let plural = '';
  if (last.kind === 'word')
    plural = last.text.endsWith('*') ? '(?:[ \\t][sS])?' : '(?:[sS]|[ \\t][sS])?';
  return `${BEFORE}${body}${plural}(?!${LETTER})`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
