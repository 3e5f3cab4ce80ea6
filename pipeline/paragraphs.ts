import { createResolver } from './registry.js';
import type { Registry, Speaker } from './types.js';

/** A paragraph of the normalised text (paragraphs are separated by "\n\n"). */
export interface Paragraph {
  /** 1-based. */
  index: number;
  start: number;
  end: number;
  text: string;
  /** 1-based line of the normalised text. */
  line: number;
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const sep = text.indexOf('\n\n', start);
    const end = sep === -1 ? text.length : sep;
    if (end > start)
      out.push({ index: out.length + 1, start, end, text: text.slice(start, end), line });
    if (sep === -1) break;
    line += countNewlines(text, start, sep + 2);
    start = sep + 2;
  }
  return out;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Words before a colon that are headings of the archive page or the record,
 * never speakers (compared lower-case, honorifics not stripped).
 */
export const HEADER_WORDS: readonly string[] = [
  'citation',
  'summary',
  'credits',
  'original language',
  'contents',
  'source',
  'date',
  'note',
  'notes',
  "translator's note",
  'translator’s note',
  'from our side there were also these attendees at the meeting',
  'present',
  'participants',
  'subject',
  'record id',
  'document information',
];

export interface LabelMatch {
  /** The label as written, without the colon. */
  label: string;
  /** Length of "label: " including the colon and following spaces. */
  length: number;
  speaker: Speaker | undefined;
}

const LABEL = /^([^:\n[\]()]{1,80}?):[ ]+(?=\S)/u;
const NAME_WORD = /^\p{Lu}[\p{L}’'.-]*$/u;

/**
 * Builds the label detector: a label resolves through the registry, or, when
 * unregistered, must look like a name (2–5 capitalised words, or an honorific
 * followed by capitalised words) and not be a header word.
 */
export function createLabelDetector(registry: Registry): (paragraph: string) => LabelMatch | null {
  const resolve = createResolver(registry);
  const honorifics = new Set(registry.honorifics.map((h) => h.toLowerCase()));
  return (paragraph) => {
    const m = LABEL.exec(paragraph);
    if (!m) return null;
    const label = m[1]!.trim();
    if (HEADER_WORDS.includes(label.toLowerCase())) return null;
    const speaker = resolve(label);
    if (speaker) return { label, length: m[0].length, speaker };
    const words = label.split(/\s+/);
    if (words.length > 6 || /\d/.test(label)) return null;
    if (!words.every((w) => NAME_WORD.test(w))) return null;
    const titled = words.length >= 2 && honorifics.has(words[0]!.toLowerCase());
    if (!titled && (words.length < 2 || words.length > 5)) return null;
    return { label, length: m[0].length, speaker: undefined };
  };
}

const TRAILER_START =
  /^(notes? taken by|note[- ]?taker|records?[’']? clerk|stenographer|document information|printed in \d+ copies|deciphered by|typed by|date [A-Z][a-z]+ \d{1,2}, \d{4}$|original uploaded date|record id$|memorandum of conversation$|minutes of conversation|the history and public policy program|to enquire about|\[signed\]|\[seal\]|aqppsh,)/i;

/** A signature line: a bare name (1–4 capitalised words, no sentence punctuation). */
const SIGNATURE = /^\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,3}$/u;

export interface Zones {
  /** Index (0-based, into paragraphs) of the first labelled paragraph, or -1. */
  firstTurn: number;
  /** Index (0-based) of the first trailer paragraph, or paragraphs.length. */
  trailer: number;
  labels: Array<LabelMatch | null>;
}

/**
 * Splits a document into front matter (before the first speaker label), the
 * conversation, and the trailer (signatures, typist lines, archive summary,
 * rights notice), which begins at the first trailer marker or bare signature
 * after the conversation has started.
 */
export function zoneParagraphs(
  paragraphs: readonly Paragraph[],
  detect: (p: string) => LabelMatch | null,
): Zones {
  const labels = paragraphs.map((p) => detect(p.text));
  const firstTurn = labels.findIndex((l) => l !== null);
  let trailer = paragraphs.length;
  if (firstTurn >= 0) {
    for (let i = firstTurn + 1; i < paragraphs.length; i++) {
      const t = paragraphs[i]!.text;
      if (labels[i]) continue;
      if (TRAILER_START.test(t) || SIGNATURE.test(t)) {
        trailer = i;
        break;
      }
    }
  }
  return { firstTurn, trailer, labels };
}
