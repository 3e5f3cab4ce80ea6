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
  const { text, removedLeftovers } = normalizeText(raw.original);
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

export function normalizeText(original: string): { text: string; removedLeftovers: number } {
  let removedLeftovers = 0;
  let text = original;
  for (let i = 0; i < 5; i++) {
    const pass = normalizePass(text);
    removedLeftovers += pass.removedLeftovers;
    if (pass.text === text) break;
    text = pass.text;
  }
  return { text, removedLeftovers };
}

function normalizePass(input: string): { text: string; removedLeftovers: number } {
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
  return { text: paragraphs.join('\n\n'), removedLeftovers };
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
  if (SPLIT_PLURAL.test(s)) s = s.replace(/(?<=\p{L}\p{L}) (?=(?:s|’s|'s)(?:[\s.,;:!?)]|$))/gu, '');
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
  if (/^[[(]/.test(next) || LABEL_START.test(next)) return false;
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
  return text.replace(/(\p{Lu}\p{Ll}+) *[-‐‑–—] *(?=\p{Lu}\p{Ll})/gu, '$1-');
}
