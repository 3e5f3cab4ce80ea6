import {
  createLabelDetector,
  HEADER_WORDS,
  type Paragraph,
  splitParagraphs,
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
  return TRANSLATOR.exec(text)?.[1]?.trim().replace(/[.,]$/, '') ?? '';
}

/** First calendar date in the paragraphs, as ISO YYYY-MM-DD ("" if none). */
export function findDate(paragraphs: readonly Paragraph[]): string {
  for (const p of paragraphs) {
    const iso = parseDate(p.text);
    if (iso) return iso;
  }
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

function findTitle(front: readonly Paragraph[]): string {
  const candidates = front.filter((p) => TITLE.test(p.text));
  const mixed = candidates.find((p) => p.text !== p.text.toUpperCase()) ?? candidates[0];
  if (!mixed) return '';
  // A citation paragraph quotes the title: keep only the quoted part.
  const quoted = /^["“]([^"”]+)["”]/.exec(mixed.text);
  const title = quoted ? quoted[1]! : mixed.text;
  // A date line merged with the title is not part of it.
  return title.replace(/^\S+ \d{1,2}, \d{4}\s+/, '').trim();
}

function findSummary(
  front: readonly Paragraph[],
  back: readonly Paragraph[],
  original: string,
): string {
  // The heading is "Summary:" in text saved from a page, "Summary" in a page's own heading.
  const i = front.findIndex((p) => /^summary:?$/i.test(p.text));
  if (i >= 0 && front[i + 1]) return front[i + 1]!.text;
  const info = back.findIndex((p) => /^document information$/i.test(p.text));
  const before = info > 0 ? back[info - 1] : undefined;
  if (before && before.text.split(' ').length >= 8) return before.text;
  // Some records carry the archive summary as an indented line at the top.
  for (const line of original.split(/\r\n?|\n/)) {
    if (/^(?: {2,}|\t)\S/.test(line) && line.trim().split(/\s+/).length >= 8) {
      const text = line.trim();
      if (front.some((p) => p.text === text)) return text;
    }
  }
  return '';
}

function findArchiveRef(text: string): string {
  const m = ARCHIVE_REF.exec(text);
  return m ? `AQPPSH, ${m[1]!.trim()}, ${m[2]}, ${m[3]}` : '';
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
    if (/^["“]/.test(p.text) || /wilson center|leon levy/i.test(p.text)) continue;
    for (const s of registry.speakers) {
      for (const form of [s.name, ...s.aliases]) {
        if (form.split(' ').length < 2) continue;
        const at = lower.indexOf(form.toLowerCase());
        if (at >= 0) found.push({ at: base + at, name: s.name });
      }
    }
    const cleaned = p.text.replace(/\[[^\]]*\]/g, (m) => ' '.repeat(m.length));
    for (const m of cleaned.matchAll(NAME)) {
      const before = cleaned.slice(Math.max(0, m.index - 12), m.index);
      if (!/(comrades?|\]|,|and)\s+$/i.test(before) && !/\s{2,}$/.test(before)) continue;
      const name = resolve(m[0])?.name ?? m[0];
      if (name.split(' ').some((w) => NOT_NAMES.has(w))) continue;
      found.push({ at: base + m.index, name });
    }
    base += p.text.length + 2;
  }
  found.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
  return [...new Set(found.map((f) => f.name))];
}
