import type { Diagnostic, NormalizedDocument, RawDocument } from './types.js';

/**
 * normalize: RawDocument → NormalizedDocument.
 *
 * The normalised text is what every offset refers to and what the reading
 * view shows. Its contract:
 * - NFC, LF line ends, no non-breaking / zero-width / soft-hyphen characters;
 * - web leftovers ("Skip to content") and markdown markup (`**bold**`,
 *   backslash escapes such as `\$`, `<https://…>` autolinks) removed;
 * - one paragraph per line, paragraphs separated by exactly one blank line;
 *   a paragraph cut by a page break mid-sentence is rejoined with the next;
 * - runs of spaces collapsed, stray spaces before punctuation and the stray
 *   plural ("Marxist-Leninist s") repaired.
 * Dash variants inside hyphenated terms are kept for display; analysisForm()
 * unifies them. The function is idempotent: it is iterated to a fixpoint.
 */
export function normalize(raw: RawDocument): NormalizedDocument {
  const diagnostics: Diagnostic[] = [...raw.diagnostics];
  const { text, removedLeftovers, splits } = normalizeText(raw.original);
  for (const split of splits) {
    diagnostics.push({
      file: `raw/${raw.sourceFile}`,
      line: lineIn(raw.original, split.at),
      rule: 'normalize/split-paragraph',
      severity: 'info',
      message: `a ${split.length}-character paragraph holds headings or speaker labels in the middle (lost line breaks?); split before ${split.before.map((b) => `"${b}"`).join(', ')}`,
    });
  }
  if (removedLeftovers > 0) {
    diagnostics.push({
      file: `raw/${raw.sourceFile}`,
      rule: 'normalize/web-leftover',
      severity: 'info',
      message: `removed ${removedLeftovers} web-page leftover line(s) such as "Skip to content"`,
    });
  }
  return { ...raw, text, diagnostics };
}

/** Lines that are web-page chrome, not part of the record (matched whole, case-insensitive). */
export const WEB_LEFTOVERS: readonly string[] = [
  'skip to content',
  'skip to main content',
  'skip to navigation',
  'back to top',
  'print this page',
];

const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g;
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const CLOSING = /[.!?:;…"”’')\]]$/u;
/** A paragraph that opens with a speaker label ("Comrade Enver Hoxha: …"). */
export const LABEL_START = /^(?:\p{Lu}[\p{L}’'.-]*)(?: [\p{Lu}][\p{L}’'.-]*){0,5}:\s/u;

/** A run-on paragraph split by splitRunOn(). */
export interface Split {
  /** The paragraph's first characters, to find it in the raw text. */
  at: string;
  length: number;
  /** What each new paragraph starts with ("Citation:", "Comrade Zhou Enlai:"). */
  before: string[];
}

export function normalizeText(original: string): {
  text: string;
  removedLeftovers: number;
  splits: Split[];
} {
  let removedLeftovers = 0;
  const splits: Split[] = [];
  let text = original;
  for (let i = 0; i < 5; i++) {
    const pass = normalizePass(text);
    removedLeftovers += pass.removedLeftovers;
    splits.push(...pass.splits);
    if (pass.text === text) break;
    text = pass.text;
  }
  return { text, removedLeftovers, splits };
}

function normalizePass(input: string): { text: string; removedLeftovers: number; splits: Split[] } {
  let s = input.normalize('NFC').replace(/\r\n?/g, '\n');
  s = s.replace(INVISIBLES, '').replace(ODD_SPACES, ' ');
  // Markdown: bold/italic markers, backslash escapes, autolinks.
  s = s.replace(/\*\*/g, '').replace(/\\+([$*_#`[\]<>&])/g, '$1');
  s = s.replace(/<(https?:\/\/[^\s<>]+)>/g, '$1');

  let removedLeftovers = 0;
  const lines: string[] = [];
  for (const line of s.split('\n')) {
    const t = line.replace(/ {2,}/g, ' ').trim();
    if (t === '') continue;
    if (WEB_LEFTOVERS.includes(t.toLowerCase())) {
      removedLeftovers++;
      continue;
    }
    lines.push(repairSpacing(t));
  }
  const paragraphs: string[] = [];
  for (const line of lines) {
    const prev = paragraphs[paragraphs.length - 1];
    if (prev !== undefined && continuesInNext(prev, line)) {
      paragraphs[paragraphs.length - 1] = `${prev} ${line}`;
    } else {
      paragraphs.push(line);
    }
  }
  const splits: Split[] = [];
  const out = paragraphs.flatMap((p) => {
    const pieces = splitRunOn(p);
    if (pieces.length > 1)
      splits.push({
        at: p.slice(0, 40),
        length: p.length,
        before: pieces.slice(1).map((x) => x.slice(0, x.indexOf(':') + 1)),
      });
    return pieces;
  });
  return { text: out.join('\n\n'), removedLeftovers, splits };
}

/** Archive-page headings that open a paragraph of their own ("Citation: …"). */
const HEADINGS = ['Citation', 'Summary', 'Original Language', 'Contents', 'Credits', 'Source'];
const HEADING_START = new RegExp(`^(?:${HEADINGS.join('|')}):\\s`, 'u');
/** Paragraphs shorter than this are never split: a heading word inside them is prose. */
const RUN_ON_MIN = 400;
/**
 * Where a run-on paragraph (line breaks lost by a PDF-to-text copy) starts a
 * new one: before an archive heading, or before a speaker label after the end
 * of a sentence ("… Comrade Li Xiannian. Comrade Zhou Enlai: We took …").
 */
const RUN_ON_BREAK = new RegExp(
  `(?<=\\S) (?=(?:${HEADINGS.join('|')}): )|(?<=[.!?”"] )(?=(?:\\p{Lu}[\\p{L}’'.-]*)(?: \\p{Lu}[\\p{L}’'.-]*){1,5}: \\p{Lu})`,
  'gu',
);

/**
 * Splits a long paragraph that holds archive headings or speaker labels in
 * the middle before each of them, so the record reads as if its line breaks
 * were there. Short paragraphs are left whole.
 */
export function splitRunOn(p: string): string[] {
  if (p.length < RUN_ON_MIN) return [p];
  const pieces: string[] = [];
  let at = 0;
  for (const m of p.matchAll(RUN_ON_BREAK)) {
    const cut = m.index!;
    const piece = p.slice(at, cut).trim();
    // A list number ("1. Source: …", a footnote) is not a paragraph of its own.
    if (/^(?:\d{1,3}\.)?$/.test(piece)) continue;
    pieces.push(piece);
    at = cut;
  }
  pieces.push(p.slice(at).trimStart());
  return pieces.map((x) => x.trim()).filter((x) => x !== '');
}

/** 1-based line of the first occurrence of `probe` in `text` (undefined if absent). */
function lineIn(text: string, probe: string): number | undefined {
  const at = text.indexOf(probe);
  if (at < 0) return undefined;
  let n = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// Cheap tests for whether a repair can apply at all: the repairs' lookbehinds
// make them slow to run over every paragraph, and most paragraphs need none.
const SPACE_BEFORE_PUNCT = / [.,;:!?](?:\s|$)/;
const SPLIT_PLURAL = / (?:s|’s|'s)(?:[\s.,;:!?)]|$)/;

function repairSpacing(p: string): string {
  let s = p;
  // stray space before punctuation ("Choe Yong-geon ." → "Choe Yong-geon.")
  if (SPACE_BEFORE_PUNCT.test(s)) s = s.replace(/(?<=\S) +(?=[.,;:!?](?:\s|$))/gu, '');
  // stray plural / possessive split off a word ("Marxist-Leninist s", "party ’s")
  // A bare "s" joins only a word of three letters or more: "be s" at the end
  // of a record cut off mid-word is "be" and a lost fragment, not "bes".
  if (SPLIT_PLURAL.test(s))
    s = s.replace(
      /(?<=\p{L}\p{L}) (?=(?:’s|'s)(?:[\s.,;:!?)]|$))|(?<=\p{L}{3}) (?=s(?:[\s.,;:!?)]|$))/gu,
      '',
    );
  if (s.includes('( ')) s = s.replace(/\( +/g, '(');
  if (s.includes(' )')) s = s.replace(/ +\)/g, ')');
  return s;
}

/**
 * True when `prev` was cut mid-sentence (by a page break) and `next` carries
 * on the same sentence: prev has no closing punctuation and either next
 * starts in lower case, or prev is a long paragraph ending on a lower-case
 * word (and next is not a speaker label, a bracket or a parenthesis).
 */
export function continuesInNext(prev: string, next: string): boolean {
  if (CLOSING.test(prev)) return false;
  if (/^[[(]/.test(next) || LABEL_START.test(next) || HEADING_START.test(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  const words = prev.split(' ');
  const last = words[words.length - 1] ?? '';
  return words.length >= 8 && /^\p{Ll}/u.test(last) && /^\p{Lu}/u.test(next);
}

/**
 * The form used for counting: spaced or en/em-dash variants between two
 * capitalised words ("Marxist - Leninist", "Marxism – Leninism") become one
 * hyphenated term ("Marxist-Leninist"). Parenthetical dashes between
 * lower-case words ("a result – and there") are left alone.
 */
export function analysisForm(text: string): string {
  // ANY_DASH first: a plain character search, and most sentences have no dash.
  return ANY_DASH.test(text) && MAYBE_SPACED_DASH.test(text)
    ? text.replace(SPACED_DASH, '$1-')
    : text;
}

const ANY_DASH = /[-‐‑–—]/;

const SPACED_DASH = /(\p{Lu}\p{Ll}+) *[-‐‑–—] *(?=\p{Lu}\p{Ll})/gu;
/**
 * What every SPACED_DASH match holds, tested without Unicode properties
 * (much faster; most texts have no dash, or one between lower-case words):
 * a lower-case letter ends in a-z or a code unit above ASCII (an astral one
 * in its low surrogate), an upper-case one starts with A-Z or one above
 * ASCII (an astral one with its high surrogate). Only a match with a space
 * or a dash other than "-" changes the text ("Marxist-Leninist" is left as
 * it is), so the test asks for one of those. No match of it, no change by
 * SPACED_DASH (tests/normalize.test.ts checks the two on random text).
 */
const MAYBE_SPACED_DASH = /[a-z\u0080-\uffff](?: +[-‐‑–—] *| *[‐‑–—] *|- +)[A-Z\u0080-\uffff]/;
