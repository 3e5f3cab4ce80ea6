import {
  createLabelDetector,
  HEADER_WORDS,
  type Paragraph,
  splitParagraphs,
  TITLE_WORDS,
  zoneParagraphs,
} from './paragraphs.js';
import { createResolver } from './registry.js';
import type {
  DescribedDocument,
  Diagnostic,
  Metadata,
  NormalizedDocument,
  Registry,
} from './types.js';

export type MetadataOverride = Partial<Omit<Metadata, 'overridden'>>;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December)';
const DATE_MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i');
const DATE_DMY = new RegExp(`\\b(\\d{1,2})\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i');
const DATE_ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const TITLE =
  /^["“]?(Report on|Notes taken|Notes? (?:of|on) (?:a |the )?(?:Meeting|Conversation)|Memorandum of|Minutes of|Record of|Conversation between|Transcript of)\b/i;
const ARCHIVE_REF = /AQPPSH\)?,\s*(MPP [^,\n]+?),\s*(D\s?\d+),\s*(V\.\s?\d{4})/;
const TRANSLATOR =
  /\btranslated (?:(?:for|by) NKIDP )?(?:for \S+ )?by ((?:\p{Lu}[\p{L}’'.-]*\s?){1,4})/iu;
/** A cheap test TRANSLATOR needs to pass (same flags, so the same case folding). */
const TRANSLATED = /translated /iu;
const URL = /https?:\/\/[^\s<>"”)\]]+/;
/** Capitalised words that make a "name" a title, body or place instead. */
const NOT_NAMES = new Set(
  'First Second Secretary Chairman Member President Minister Ambassador Comrade Comrades Party Workers People Peoples Democratic Republic Central Committee Political Bureau Council Korea Korean Albania Albanian Extraordinaire Plenipotentiary Director Affairs Foreign Union Unions Professional'.split(
    ' ',
  ),
);
const NAME = /\p{Lu}[\p{Ll}’'-]+(?: \p{Lu}[\p{Ll}’'-]+){1,2}/gu;
/** Forms of office and address: a "name" holding one is a title ("Vice Premier"). */
const TITLES = new Set(
  [...TITLE_WORDS, 'Program', 'Institute', 'Center', 'Foundation'].map((w) => w.toLowerCase()),
);

/**
 * describe: NormalizedDocument → DescribedDocument. Finds the meeting's
 * metadata in the text; the meeting date is the first date in the front
 * matter (never a date from the trailer such as the typing date "Date
 * January 21, 1969"). Missing values are "" with a warning; `override`
 * (from corpus/corpus.yaml) replaces any field and is recorded.
 */
export function describe(
  doc: NormalizedDocument,
  registry: Registry,
  override: MetadataOverride = {},
): DescribedDocument {
  const file = `raw/${doc.sourceFile}`;
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const paragraphs = splitParagraphs(doc.text);
  const zones = zoneParagraphs(paragraphs, createLabelDetector(registry));
  const frontEnd = zones.firstTurn >= 0 ? zones.firstTurn : zones.trailer;
  const front = paragraphs.slice(0, frontEnd);
  const back = paragraphs.slice(zones.trailer);
  const beforeTrailer = paragraphs.slice(0, zones.trailer);

  const found: Metadata = {
    date: findDate(front) || findDate(beforeTrailer),
    title: findTitle(front),
    summary: findSummary(front, back, doc.original),
    archiveRef: findArchiveRef(doc.text),
    translator: findTranslator(doc.text),
    sourceUrl: URL.exec(doc.text)?.[0]?.replace(/[.,;]$/, '') ?? '',
    participants: findParticipants(front, registry),
    overridden: [],
  };
  const metadata: Metadata = { ...found };
  for (const [key, value] of Object.entries(override) as Array<[keyof MetadataOverride, unknown]>) {
    if (value === undefined) continue;
    (metadata as unknown as Record<string, unknown>)[key] = value;
    metadata.overridden.push(key);
  }
  metadata.overridden.sort();
  const labels: Record<string, string> = {
    date: 'meeting date',
    title: 'title',
    summary: 'archive summary',
    archiveRef: 'archive reference (e.g. "AQPPSH, MPP Korese, D 3, V. 1966")',
    translator: 'translator',
  };
  for (const [key, what] of Object.entries(labels)) {
    if ((metadata as unknown as Record<string, string>)[key] === '') {
      diagnostics.push({
        file,
        rule: `describe/no-${key}`,
        severity: 'warning',
        message: `no ${what} found; left empty (set it in corpus.yaml under this file's name)`,
      });
    }
  }
  return { ...doc, metadata, diagnostics };
}

/** The translator's name from "Translated … by NAME" ("" if none). */
function findTranslator(text: string): string {
  // Most of TRANSLATOR's cost is trying it at every position of a text without the phrase.
  if (!TRANSLATED.test(text)) return '';
  const found = TRANSLATOR.exec(text)?.[1]?.trim() ?? '';
  // The pattern is case-insensitive (for "Translated By"): a name ends at the
  // first word in lower case, so "Enkel Daljani. http://…" gives "Enkel Daljani".
  const words: string[] = [];
  for (const w of found.split(/\s+/)) {
    if (!/^\p{Lu}/u.test(w)) break;
    words.push(w);
    if (/\p{Ll}{2}[.,]$/u.test(w)) break;
  }
  return words.join(' ').replace(/[.,]$/, '');
}

/**
 * First date in the paragraphs, at the precision the record gives it: ISO
 * YYYY-MM-DD for a calendar day anywhere in a paragraph, YYYY-MM for a
 * paragraph that is only a month and year ("April 1950", the date line of a
 * record whose day is not known) unless a later paragraph gives a day of
 * that month ("August 1961" on the page, "17 August 1961" in the record);
 * "" if none. A month and year inside a sentence ("in April 1950, when …")
 * is not the meeting's date.
 */
export function findDate(paragraphs: readonly Paragraph[]): string {
  let month = '';
  for (const p of paragraphs) {
    const day = parseDate(p.text);
    if (day && (month === '' || day.startsWith(`${month}-`))) return day;
    if (month === '') month = monthDateLine(p.text);
  }
  return month;
}

const MONTH_LINE = new RegExp(`^${MONTH},? (\\d{4})$`, 'i');

/** "April 1950" (a paragraph that is only a month and year) → "1950-04"; "" otherwise. */
export function monthDateLine(text: string): string {
  const m = MONTH_LINE.exec(text.trim());
  if (!m) return '';
  const y = +m[2]!;
  return y >= 1000 && y <= 2999 ? `${y}-${pad(MONTHS.indexOf(m[1]!.toLowerCase()) + 1)}` : '';
}

/** How precise an ISO date is: "day" (YYYY-MM-DD), "month" (YYYY-MM), "year" (YYYY), "" (none). */
export function datePrecision(date: string): '' | 'day' | 'month' | 'year' {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}$/.test(date)) return 'year';
  return '';
}

export function parseDate(text: string): string {
  const candidates: Array<{ at: number; y: number; m: number; d: number }> = [];
  const mdy = DATE_MDY.exec(text);
  if (mdy)
    candidates.push({
      at: mdy.index,
      y: +mdy[3]!,
      m: MONTHS.indexOf(mdy[1]!.toLowerCase()) + 1,
      d: +mdy[2]!,
    });
  const dmy = DATE_DMY.exec(text);
  if (dmy)
    candidates.push({
      at: dmy.index,
      y: +dmy[3]!,
      m: MONTHS.indexOf(dmy[2]!.toLowerCase()) + 1,
      d: +dmy[1]!,
    });
  const iso = DATE_ISO.exec(text);
  if (iso) candidates.push({ at: iso.index, y: +iso[1]!, m: +iso[2]!, d: +iso[3]! });
  candidates.sort((a, b) => a.at - b.at);
  for (const c of candidates) {
    if (isRealDate(c.y, c.m, c.d)) return `${c.y}-${pad(c.m)}-${pad(c.d)}`;
  }
  return '';
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 2999) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A paragraph that is only a date ("June 29, 1962", "12 October 1967", "April 1950"). */
const DATE_LINE = new RegExp(
  `^(?:${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4}|${MONTH},? \\d{4})$`,
  'i',
);
/** A citation quoting the title before the date: “Title,” April 20, 1961, … */
const CITED_TITLE = new RegExp(
  `["“]([^"”]{8,300}?),?["”],? (?:${MONTH}|\\d{1,2} ${MONTH}|\\d{4})`,
  'i',
);
/**
 * A page heading in the shape of a citation with its authors: the people,
 * the quoted title, the date and perhaps the time ('Richard Nixon and Mao
 * Zedong "Memorandum of Conversation," February 21, 1972, 2:50-3:55pm'). As
 * the page's first line it names the record whole, so the whole line is the
 * title (the quoted part alone is only the kind of document).
 */
const AUTHORED_HEADING = new RegExp(
  `^\\p{Lu}[\\p{L}.’'-]*(?: (?:\\p{Lu}[\\p{L}.’'-]*|and|&))* ["“][^"”]{4,200}["”],? ${MONTH} \\d{1,2}, \\d{4}(?:,? [\\d:apm.–-]+)?$`,
  'u',
);
/** A FRUS heading: the document number, the title, footnote marks ("14. Memorandum of Conversation1"). */
const NUMBERED_HEADING = /^\d{1,4}\. (\p{Lu}.{4,300}?)(?<=[\p{L}.)])(?:\d{1,2}(?: \d{1,2})*)?$/u;

/**
 * The title, by its place on the page rather than by its words: the line
 * after the date line of an archive page, the title a citation quotes, a
 * numbered FRUS heading, or a title line that starts with its date; the
 * keyword list ("Memorandum of", "Record of", …) is only the fallback.
 */
function findTitle(front: readonly Paragraph[]): string {
  const dateAt = front.findIndex((p) => DATE_LINE.test(p.text));
  const next = dateAt >= 0 ? front[dateAt + 1]?.text : undefined;
  if (next !== undefined && looksLikeTitle(next)) return next;
  const heading = front[0]?.text;
  if (heading !== undefined && AUTHORED_HEADING.test(heading)) return heading;
  for (const p of front) {
    const cited = CITED_TITLE.exec(p.text);
    if (cited && looksLikeTitle(cited[1]!)) return cited[1]!.trim();
  }
  const numbered = front.length > 0 ? NUMBERED_HEADING.exec(front[0]!.text) : null;
  if (numbered) return numbered[1]!.trim();
  return keywordTitle(front);
}

/** A line that can be a title: not a sentence, a heading, a credit line, a URL or a label. */
function looksLikeTitle(t: string): boolean {
  if (t.length < 8 || t.length > 300) return false;
  if (/[.;:]$/.test(t) && !/\b(?:p\.m|a\.m|etc)\.$/i.test(t)) return false;
  if (/^https?:\/\/|^[•·*-] |made possible with support|digital archive/i.test(t)) return false;
  if (t === t.toUpperCase()) return false;
  if (/^\p{Lu}[^:]{0,60}: /u.test(t)) return false;
  return /^[\p{Lu}"“'‘[]/u.test(t);
}

/** A date line merged with the title ("April 03, 1963 Memorandum of …"): not part of it. */
const undated = (t: string) => t.replace(/^\S+ \d{1,2}, \d{4}\s+/, '');

function keywordTitle(front: readonly Paragraph[]): string {
  const candidates = front.filter((p) => TITLE.test(undated(p.text)));
  const mixed = candidates.find((p) => p.text !== p.text.toUpperCase()) ?? candidates[0];
  if (!mixed) return '';
  // A citation paragraph quotes the title: keep only the quoted part.
  const quoted = /^["“]([^"”]+)["”]/.exec(mixed.text);
  const title = quoted ? quoted[1]! : mixed.text;
  return undated(title).trim();
}

function findSummary(
  front: readonly Paragraph[],
  back: readonly Paragraph[],
  original: string,
): string {
  // The heading is "Summary:" in text saved from a page, "Summary" in a page's own heading.
  const i = front.findIndex((p) => /^summary:?$/i.test(p.text));
  if (i >= 0 && front[i + 1]) return front[i + 1]!.text;
  // "Summary: …" on one line (as a PDF-to-text copy gives it).
  const inline = front.find((p) => /^summary: \S/i.test(p.text));
  if (inline) return inline.text.slice('summary: '.length).trim();
  const info = back.findIndex((p) => /^document information$/i.test(p.text));
  const before = info > 0 ? back[info - 1] : undefined;
  if (before && before.text.split(' ').length >= 8) return before.text;
  // Some records carry the archive summary as an indented line at the top.
  for (const line of original.split(/\r\n?|\n/)) {
    // An indented sentence, not a bulleted or aligned list of participants.
    if (
      /^(?: {2,}|\t)[^\s•·*-]/.test(line) &&
      /[.!?]$/.test(line.trim()) &&
      line.trim().split(/\s+/).length >= 8
    ) {
      const text = line.trim();
      if (front.some((p) => p.text === text)) return text;
    }
  }
  return '';
}

/**
 * The archive reference a citation gives after the publisher ("…Digital
 * Archive, Central State Archive, Tirana, AQPPSH-MPKK-V. 1961, L. 13, D. 6.
 * Obtained by …"): up to the sentence that names who obtained or translated it.
 */
const CITED_ARCHIVE = /Digital Archive, ((?:[^.\n]|\.(?! \p{Lu}\p{Ll}))+)/u;

function findArchiveRef(text: string): string {
  const m = ARCHIVE_REF.exec(text);
  if (m) return `AQPPSH, ${m[1]!.trim()}, ${m[2]}, ${m[3]}`;
  const cited = CITED_ARCHIVE.exec(text);
  return cited ? cited[1]!.trim().replace(/\.$/, '') : '';
}

/**
 * People named in the opening narrative and the title: registry names and
 * aliases (resolved to canonical), and capitalised two-/three-word names that
 * follow "Comrade(s)" or an editorial insertion ("[Minister of …] Behar Shtylla").
 */
function findParticipants(front: readonly Paragraph[], registry: Registry): string[] {
  const resolve = createResolver(registry);
  const found: Array<{ at: number; name: string }> = [];
  let base = 0;
  for (const p of front) {
    const lower = p.text.toLowerCase();
    if (HEADER_WORDS.includes(lower.replace(/:$/, ''))) continue;
    if (/^["“]/.test(p.text) || /wilson center|leon levy|digital archive/i.test(p.text)) continue;
    for (const s of registry.speakers) {
      for (const form of [s.name, ...s.aliases]) {
        if (form.split(' ').length < 2) continue;
        const at = lower.indexOf(form.toLowerCase());
        if (at >= 0) found.push({ at: base + at, name: s.name });
      }
    }
    const cleaned = p.text.replace(/\[[^\]]*\]/g, (m) => ' '.repeat(m.length));
    for (const m of cleaned.matchAll(NAME)) {
      // "Comrade Li Xiannian" matched whole: the honorific introduces the name.
      const words = m[0].split(' ');
      const titled = words.length === 3 && TITLES.has(words[0]!.toLowerCase());
      const text = titled ? words.slice(1).join(' ') : m[0];
      const before = cleaned.slice(Math.max(0, m.index - 12), m.index);
      if (!titled && !/(comrades?|\]|,|and)\s+$/i.test(before) && !/\s{2,}$/.test(before)) continue;
      // "Mao Zedong’s works" names someone, not a participant.
      if (/^[’']s\b/u.test(cleaned.slice(m.index + m[0].length)) || /[’']s\b/u.test(m[0])) continue;
      const name = resolve(text)?.name ?? text;
      if (name.split(' ').some((w) => NOT_NAMES.has(w) || TITLES.has(w.toLowerCase()))) continue;
      found.push({ at: base + m.index, name });
    }
    base += p.text.length + 2;
  }
  found.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
  return [...new Set(found.map((f) => f.name))];
}
