import { createResolver, DEFAULT_HONORIFICS } from './registry.js';
import type { Registry, Speaker } from './types.js';
import { escapeRegExp } from './words.js';

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
  'time',
  'place',
  'location',
  'translator',
  'interpreter',
  'date and time',
  'date & time',
];

export interface LabelMatch {
  /** The label as written, without the colon (and without restoring brackets). */
  label: string;
  /** Length of "label: " including the colon and following spaces. */
  length: number;
  speaker: Speaker | undefined;
  /**
   * The people the label names, as written, without the office qualifier:
   * one for "Chairman [Mao Zedong]", two for "Comrades Hysni Kapo and Ramiz Alia".
   */
  names: string[];
  /** True for a label the editor restored in square brackets ("[Comrade Zhou Enlai:]"). */
  restored: boolean;
  /**
   * True for a paragraph wholly in quotation marks that the narrative before
   * it introduces ("…, Comrade Hysni Kapo, after answering …, said:"); the
   * label is the name in the narrative and `length` is 0.
   */
  introduced?: boolean;
  /**
   * True for a paragraph of reported speech opened by the speaker's name and
   * a verb of saying ("Stalin asks how they traveled", "MAO ZEDONG proposes
   * …"): `label` is the name and the turn's speech starts at the verb.
   */
  reported?: boolean;
  /**
   * True when the label's form alone does not make it a label (a single word,
   * or capitals closed by a full stop) and the document must name the person
   * elsewhere for it to count (see zoneParagraphs).
   */
  needsContext: boolean;
}

/** "Name: " with an optional office or full name in brackets or parentheses before the colon. */
const LABEL = /^([^:\n[\]()]{1,80}?)(?:\s*(\[[^\]\n]{1,120}\]|\([^()\n]{1,120}\)))?:[ ]+(?=\S)/u;
/** A label the editor restored in square brackets: "[Comrade Zhou Enlai:] ". */
const RESTORED = /^\[([^\]\n:]{1,80}):\][ ]+(?=\S)/u;
/** Capitals closed by a full stop, as in Soviet records: "N.S. KHRUSHCHEV. Yes, …". */
const CAPS_LABEL =
  /^((?:\p{Lu}\. ?)*\p{Lu}[\p{Lu}’'-]+(?: \p{Lu}[\p{Lu}’'-]+){0,3})(?:\.[ ]+(?=\p{Lu}|[“"])|[ ]+(?=\p{Lu}\p{Ll}))/u;
/** Function words: capitals holding one are a heading ("THE MEETING Of …"), not a name. */
const CAPS_FUNCTION = /(?:^| )(?:THE|OF|AND|IN|AT|ON|TO|A|AN|FOR|WITH|BY)(?= |$)/u;
const NAME_WORD = /^\p{Lu}[\p{L}’'.-]*$/u;
/** Words joining the names of a joint label ("Comrades Hysni Kapo and Ramiz Alia"). */
const JOINER = /^(?:and|&)$/u;
/** An article before a title ("The President"). */
const ARTICLE = /^the$/i;

/**
 * Titles and forms of address recognised in labels besides the registry's
 * honorifics: general English forms of office and address, never names.
 */
export const TITLE_WORDS: readonly string[] = [
  ...DEFAULT_HONORIFICS,
  'Cde.',
  'Cdes.',
  'Prime',
  'PM',
  'P.M.',
  'Vice',
  'Deputy',
  'First',
  'Foreign',
  'Miss',
  'Ms.',
  'Mr',
  'Mrs',
  'Dr',
];

/**
 * Builds the label detector. A paragraph opens a turn when it starts with a
 * label: "Name: ", "[Name:] " (restored by the editor), "Title [Full Name]: ",
 * "Name (office): ", or capitals closed by a full stop ("MAO ZEDONG. ").
 * The label resolves through the registry, or, when unregistered, must be
 * built like a name: capitalised words (or capitals), optionally led by an
 * article and titles, several names joined by "and" for a joint label, and
 * never a heading word, a number or a lower-case word ("From the Chinese
 * side:", "5:00 P.M.", a vocative "Comrade Mao Zedong, allow me…").
 */
export function createLabelDetector(registry: Registry): (paragraph: string) => LabelMatch | null {
  const resolve = createResolver(registry);
  const titles = new Set([...registry.honorifics, ...TITLE_WORDS].map((h) => h.toLowerCase()));
  const isTitle = (w: string) => titles.has(w.toLowerCase());
  const lookup = (name: string) => resolve(name) ?? resolve(stripTitles(name, isTitle));
  return (paragraph) => {
    let head: string;
    let qualifier = '';
    let length: number;
    let restored = false;
    let caps = false;
    const r = paragraph.startsWith('[') ? RESTORED.exec(paragraph) : null;
    const m = r ? null : LABEL.exec(paragraph);
    const c = r || m ? null : CAPS_LABEL.exec(paragraph);
    if (r) {
      head = r[1]!.trim();
      length = r[0].length;
      restored = true;
    } else if (m) {
      head = m[1]!.trim();
      qualifier = m[2] ?? '';
      length = m[0].length;
    } else if (c && !CAPS_FUNCTION.test(c[1]!)) {
      head = c[1]!;
      length = c[0].length;
      caps = true;
    } else return null;
    if (HEADER_WORDS.includes(head.toLowerCase())) return null;
    const label = m ? m[0].replace(/:[ ]+$/u, '') : head;
    const speaker =
      lookup(head) ?? (qualifier.startsWith('[') ? lookup(bracketName(qualifier)) : undefined);
    const parts = splitJoint(head);
    if (!parts) return null;
    let names = parts;
    // "Chairman [Mao Zedong]", "Ambassador [Nesti Nase, …]": a title, the name in brackets.
    const inBrackets = qualifier.startsWith('[') ? bracketName(qualifier) : '';
    if (
      parts.length === 1 &&
      inBrackets !== '' &&
      parts[0]!.split(' ').every((w) => isTitle(w) || ARTICLE.test(w))
    )
      names = [inBrackets];
    if (speaker) return { label, length, speaker, names, restored, needsContext: false };
    if (/\d/.test(head)) return null;
    let needsContext = caps;
    for (const part of parts) {
      const words = part.split(' ').filter((w) => !ARTICLE.test(w));
      if (words.length === 0 || words.length > 6) return null;
      if (!words.every((w) => NAME_WORD.test(w))) return null;
      const titled = words.length >= 2 && isTitle(words[0]!);
      if (!titled && words.length > 5) return null;
      if (words.length === 1 && names === parts) needsContext = true;
    }
    return { label, length, speaker: undefined, names, restored, needsContext };
  };
}

/**
 * Verbs of saying in the third person, present and past: with the speaker's
 * name before them they open a paragraph of reported speech.
 */
export const SPEECH_VERBS = new Set(
  [
    'ask',
    'say',
    'answer',
    'reply',
    'thank',
    'suggest',
    'propose',
    'note',
    'express',
    'state',
    'declare',
    'inform',
    'agree',
    'accept',
    'emphasize',
    'emphasise',
    'stress',
    'explain',
    'add',
    'remark',
    'respond',
    'continue',
    'point',
    'recall',
    'object',
    'confirm',
    'insist',
    'tell',
    'turn',
    'speak',
    'pose',
    'greet',
    'welcome',
    'raise',
    'mention',
    'underline',
    'observe',
    'inquire',
    'request',
    'promise',
    'report',
    'repeat',
    'assure',
    'announce',
    'admit',
    'claim',
    'conclude',
    'warn',
    'reproach',
    // Speech acts a report names instead of "said": praise, criticism, congratulation.
    'praise',
    'criticize',
    'criticise',
    'condemn',
    'congratulate',
    'urge',
  ]
    .flatMap((v) => [
      `${v}s`,
      `${v}es`,
      v.endsWith('e') ? `${v}d` : `${v}ed`,
      v.endsWith('y') ? `${v.slice(0, -1)}ies` : '',
      v.endsWith('y') ? `${v.slice(0, -1)}ied` : '',
    ])
    .concat(['said', 'told', 'spoke', 'says']),
);
/** A name (capitalised words, initials, honorifics) at the start of a paragraph, then a lower-case word. */
const REPORTED_OPENER =
  /^((?:\p{Lu}[\p{L}’'.-]*)(?: \p{Lu}[\p{L}’'.-]*){0,5}) (?:(?:further|also|then|again|briefly) )?(\p{Ll}+)\b/u;

/** Capitalised words that open a sentence without naming anyone. */
const PRONOUNS: ReadonlySet<string> = new Set([
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'everyone',
  'both',
  'all',
  'someone',
  'one',
  'each',
  'nobody',
  'who',
  'which',
  'what',
]);

/** First and second person: words only a speaker, not the note-taker narrating, uses of themselves. */
export const FIRST_SECOND: ReadonlySet<string> = new Set([
  'i',
  'me',
  'my',
  'mine',
  'we',
  'us',
  'our',
  'ours',
  'you',
  'your',
  'yours',
]);

/**
 * "Stalin asks …", "Cde. Stalin asks …", "MAO ZEDONG proposes …": a
 * paragraph of reported speech. Not when the words after the verb are in
 * the first or second person ("Comrade Kim Il Sung asked me to transmit …"
 * is a speaker quoting someone).
 */
function reportedSpeech(
  paragraph: string,
  detect: (p: string) => LabelMatch | null,
): LabelMatch | null {
  const plain = reportedFrom(paragraph, detect);
  if (plain) return plain;
  // "After mutual greetings Cde. N. S. Khrushchev informed …", "At the
  // beginning comrade Mao Zedong greeted …": the report opens with a short
  // adverbial phrase before the name; the label covers it.
  const a = OPENING_ADVERBIAL.exec(paragraph);
  if (!a) return null;
  const l = reportedFrom(paragraph.slice(a[0].length), detect);
  return l && { ...l, length: l.length + a[0].length };
}

/** A short adverbial phrase of time opening a report ("At the beginning", "At the outset of the conversation", "When discussing construction and war preparations,"). */
const OPENING_ADVERBIAL =
  /^(?:At|After|Before|Then|Later|Afterwards|Finally|Next|When)(?: \p{Ll}+){0,5},? (?=\p{Lu})/u;

function reportedFrom(
  paragraph: string,
  detect: (p: string) => LabelMatch | null,
): LabelMatch | null {
  // A paragraph ending "…, said:" introduces a quotation (see introducedSpeech).
  if (paragraph.endsWith(':')) return null;
  const m = REPORTED_OPENER.exec(paragraph);
  if (!m || PRONOUNS.has(m[1]!.toLowerCase())) return null;
  const cut = !SPEECH_VERBS.has(m[2]!);
  if (cut && !(m[0] === paragraph && cutVerb(m[2]!))) return null;
  const next = paragraph
    .slice(m[0].length)
    .split(/\s+/)
    .filter((w) => w !== '');
  // "President Nixon spoke with Chinese leaders": a meeting, not what was said.
  if (next[0] === 'with') return null;
  // "Comrade Kim Il Sung asked me to …" is a speaker quoting someone; "Comrade
  // Hysni said that our people …" is a report (the note-taker's "our").
  // Words from a quotation on are the speaker's own ("Kim said: “we have built …”"), not the report's.
  const quote = next.findIndex((w) => /^[“"‘]/u.test(w));
  const object = next.slice(0, quote < 0 ? 3 : Math.min(3, quote));
  const clause = object.findIndex((w) => /^(?:that|whether|if|how|about)$/.test(w));
  const before = clause < 0 ? object : object.slice(0, clause);
  if (before.some((w) => FIRST_SECOND.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')))) return null;
  const l = detect(`${m[1]!}: …`);
  if (l?.names.length !== 1) return null;
  // A cut verb needs a name the registry knows ("Search in" is page chrome).
  if (cut && !l.speaker) return null;
  // The verb of saying vouches for a one-word name ("Stalin asks …").
  const needsContext = l.needsContext && /^\p{Lu}+$/u.test(m[1]!);
  return { ...l, label: m[1]!, length: m[1]!.length + 1, reported: true, needsContext };
}

/**
 * A record cut off by its copy right after the name and the first letters
 * of the verb ("Mr. Gromyko co", the whole paragraph): the letters can only
 * begin a verb of saying ("continued", "confirmed", "concluded"). Only for a
 * registered speaker's name.
 */
function cutVerb(fragment: string): boolean {
  if (fragment.length < 2) return false;
  for (const v of SPEECH_VERBS) if (v.startsWith(fragment)) return true;
  return false;
}

/** A paragraph wholly in quotation marks. */
const QUOTED = /^[“"][^“”"]*(?:[“"][^“”"]*[”"][^“”"]*)*[”"]$/u;
/** Verbs of saying that close a sentence introducing a quotation. */
const SAYING =
  'said|says|declared|declares|stated|states|replied|replies|answered|answers|added|adds|continued|continues|spoke|began|responded|responds|remarked|remarks';
/**
 * The narrative's last clause names the speaker before the verb, perhaps
 * with an inserted clause: "…, Comrade Hysni Kapo, after answering the
 * question asked by Comrade Mao Zedong, said:"; a short phrase in lower
 * case may follow the verb ("Comrade Mao spoke during the reception:").
 */
const INTRODUCER = new RegExp(
  `(?:^|[,.;] )((?:\\p{Lu}[\\p{L}’'.-]*)(?: \\p{Lu}[\\p{L}’'.-]*){0,5})(?:, [^,:]+,)? (?:\\p{Ll}+ )?(?:${SAYING})(?: \\p{Ll}+){0,4}:$`,
  'u',
);

/**
 * Whether a paragraph speaks as the speaker does: its first sentence is in
 * the first or second person ("I welcome you to our country.").
 */
function speaksInPerson(paragraph: string): boolean {
  const first = paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u, 1)[0]!;
  return first.split(/[^\p{L}]+/u).some((w) => FIRST_SECOND.has(w.toLowerCase()));
}

/**
 * Speech introduced by narrative: after a paragraph ending "<Name>[, …,]
 * said:", a paragraph wholly in quotation marks, or one not opening with a
 * quotation whose first sentence is in the first or second person, is that
 * person's turn.
 */
function introducedSpeech(
  before: string,
  quoted: string,
  detect: (p: string) => LabelMatch | null,
): LabelMatch | null {
  // A paragraph opening with a quotation that does not close it is narrative quoting someone.
  if (!QUOTED.test(quoted) && (/^[“"]/u.test(quoted) || !speaksInPerson(quoted))) return null;
  const m = INTRODUCER.exec(before);
  if (!m) return null;
  const l = detect(`${m[1]!}: …`);
  return l && !l.needsContext ? { ...l, length: 0, introduced: true } : null;
}

/** The name at the start of a bracketed qualifier: "[Nesti Nase, Albanian ambassador]" → "Nesti Nase". */
function bracketName(qualifier: string): string {
  const inner = qualifier.slice(1, -1).split(',')[0]!.trim();
  return inner.split(' ').every((w) => NAME_WORD.test(w)) ? inner : '';
}

/**
 * The names of a label: one, or several joined by "and" / "&" / commas
 * ("Comrades Hysni Kapo and Ramiz Alia"); null when a part is empty.
 */
function splitJoint(head: string): string[] | null {
  const words = head.split(/\s+/);
  const parts: string[][] = [[]];
  for (const w of words) {
    if (JOINER.test(w)) parts.push([]);
    else if (w.endsWith(',') && w.length > 1) {
      parts[parts.length - 1]!.push(w.slice(0, -1));
      parts.push([]);
    } else parts[parts.length - 1]!.push(w);
  }
  if (parts.some((p) => p.length === 0)) return null;
  return parts.map((p) => p.join(' '));
}

/** A name without leading articles and titles ("The Prime Minister Chou" → "Chou"); kept whole if only titles. */
export function stripTitles(name: string, isTitle: (w: string) => boolean): string {
  const words = name.trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && (isTitle(words[i]!) || ARTICLE.test(words[i]!))) i++;
  return words.slice(i).join(' ');
}

/**
 * Whether the document names the person of a context-dependent label
 * elsewhere: every word of a capitals label occurs in ordinary case ("MAO
 * ZEDONG." and "Mao Zedong"); a one-word label occurs next to another
 * capitalised word ("Vito:" and "Vito Kapo", "Chairman:" and "Chairman Mao").
 */
function namedElsewhere(label: LabelMatch, text: string): boolean {
  const words = label.label.split(' ');
  if (words.length > 1 || /^\p{Lu}[\p{Lu}’'.-]+$/u.test(label.label)) {
    return words.every((w) => {
      if (/^(?:\p{Lu}\.)+$/u.test(w)) return true;
      const title = w.charAt(0) + w.slice(1).toLowerCase();
      return (
        w.length < 2 ||
        new RegExp(`(?<![\\p{L}])${escapeRegExp(title)}(?![\\p{L}])`, 'u').test(text)
      );
    });
  }
  const w = escapeRegExp(label.label);
  return new RegExp(
    `(?<![\\p{L}])${w} \\p{Lu}\\p{Ll}|\\p{Lu}[\\p{L}.]* ${w}(?![\\p{L}:])`,
    'u',
  ).test(text);
}

const TRAILER_START =
  /^(notes? taken by|note[- ]?taker|records?[’']? clerk|stenographer|document information|printed in \d+ copies|deciphered by|typed by|date [A-Z][a-z]+ \d{1,2}, \d{4}$|original uploaded date|record id$|memorandum of conversation$|minutes of conversation|the history and public policy program|to enquire about|\[signed\]|\[seal\]|aqppsh,|\d{1,2}\. source: )/i;

/**
 * An archival citation closing a record: an archive's acronym, then a
 * numbered collection ("RGANI. Collection 52. Inventory 1. File 498.",
 * "AVPRF, f. 0100, op. 46"): the record has ended.
 */
const ARCHIVE_CITATION =
  /^\p{Lu}{2,}[.,]\s+(?:[Cc]ollection|[Ff]ond|[Ff]\.|[Rr]ecord [Gg]roup|RG)\s*\d+/u;

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
 * A label whose colon was lost ("Kissinger No, it is domestic."): an
 * unlabelled paragraph that opens with a label the document uses with its
 * colon at least twice, then one word that closes a clause ("No,", "Yes.")
 * or is the first or second person ("Kissinger We …"). The label and that
 * word must not be met together elsewhere in the document, as the words of
 * a longer name are ("Chou En-lai, …" beside "Premier Chou En-lai").
 */
function restoreLostColons(
  paragraphs: readonly Paragraph[],
  labels: Array<LabelMatch | null>,
  text: string,
  detect: (p: string) => LabelMatch | null,
): void {
  const uses = new Map<string, number>();
  for (const l of labels)
    if (l && !l.reported && !l.introduced && !l.restored)
      uses.set(l.label, (uses.get(l.label) ?? 0) + 1);
  // Labels used at least twice, with their order of first use (the first that fits wins).
  const repeated = new Map<string, number>();
  let words = 0;
  for (const [label, n] of uses)
    if (n >= 2) {
      repeated.set(label, repeated.size);
      words = Math.max(words, label.split(' ').length);
    }
  if (repeated.size === 0) return;
  for (let i = 0; i < paragraphs.length; i++) {
    if (labels[i]) continue;
    const t = paragraphs[i]!.text;
    // The paragraph's opening words that are a repeated label, in order of first use:
    // a lookup per opening word rather than a scan of every label.
    const candidates: string[] = [];
    for (let end = t.indexOf(' '), w = 0; end > 0 && w < words; end = t.indexOf(' ', end + 1), w++)
      if (repeated.has(t.slice(0, end))) candidates.push(t.slice(0, end));
    candidates.sort((a, b) => repeated.get(a)! - repeated.get(b)!);
    for (const label of candidates) {
      const next = /^(\p{Lu}\p{Ll}*)([,.!?])?(?:\s|$)/u.exec(t.slice(label.length + 1));
      if (!next || (!next[2] && !FIRST_SECOND.has(next[1]!.toLowerCase()))) continue;
      const pair = `${label} ${next[1]}`;
      const first = text.indexOf(pair);
      if (first >= 0 && text.indexOf(pair, first + 1) >= 0) continue;
      const l = detect(`${label}: ${t.slice(label.length + 1)}`);
      if (l) labels[i] = { ...l, length: label.length + 1 };
      break;
    }
  }
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
  const text = paragraphs.map((p) => p.text).join('\n\n');
  // Whether a label needing context is named elsewhere depends only on the
  // label: asked once per distinct label, not once per paragraph it opens.
  const named = new Map<string, boolean>();
  const inContext = (l: LabelMatch): boolean => {
    if (!l.needsContext) return true;
    let r = named.get(l.label);
    if (r === undefined) {
      r = namedElsewhere(l, text);
      named.set(l.label, r);
    }
    return r;
  };
  const labels = paragraphs.map((p) => {
    const l = detect(p.text);
    return l && inContext(l) ? l : null;
  });
  for (let i = 0; i < paragraphs.length; i++) {
    if (labels[i]) continue;
    const reported = reportedSpeech(paragraphs[i]!.text, detect);
    if (reported && inContext(reported)) labels[i] = reported;
  }
  for (let i = 1; i < paragraphs.length; i++) {
    if (labels[i] || labels[i - 1]) continue;
    const introduced = introducedSpeech(paragraphs[i - 1]!.text, paragraphs[i]!.text, detect);
    if (introduced) labels[i] = introduced;
  }
  restoreLostColons(paragraphs, labels, text, detect);
  const firstTurn = labels.findIndex((l) => l !== null);
  let trailer = paragraphs.length;
  if (firstTurn >= 0) {
    for (let i = firstTurn + 1; i < paragraphs.length; i++) {
      const t = paragraphs[i]!.text;
      if (labels[i]) continue;
      if (TRAILER_START.test(t) || ARCHIVE_CITATION.test(t) || SIGNATURE.test(t)) {
        trailer = i;
        break;
      }
    }
  }
  return { firstTurn, trailer, labels };
}
