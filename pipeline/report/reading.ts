/**
 * The reading view of one record: its paragraphs as normalised, each
 * segment classified, turns in their side's colour, dictionary matches
 * highlighted. The report inlines the earliest records; the page draws
 * every other record's view, when it is opened, from its entry in the
 * speech files (./evidence-data.ts) with ./reading-client.ts, which must
 * write the same HTML as renderTranscript (tests/reading-records.test.ts).
 */
import type { KwicRow } from '../../analyses/types.js';
import { compareText } from '../figures/theme.js';
import type { Segment, Transcript } from '../types.js';
import { escapeRegExp } from '../words.js';
import { esc, formatInt, safeUrl } from './html.js';

/** What a record's view needs from the page around it. */
export interface ReadingContext {
  /** The record's anchor (its turns are `<anchor>-t<turn>`). */
  anchor(docId: string): string;
  /** The class giving a side its colour. */
  sideClass(side: string): string;
}

/**
 * A turn's matcher over the match strings the concordance found in it,
 * longest first so "Marxism-Leninism" wins over a shorter overlapping form;
 * whitespace in a match may be any run of whitespace in the segment (turn
 * text has runs collapsed); a word character at either end must not touch
 * another word character, so "unity" does not light up inside "community".
 * `fast` is the alternation of the strings without that boundary test;
 * `each` holds one sticky regex per string, in the same order. highlight()
 * accepts a fast match whose ends pass the boundary test; otherwise it
 * tries each string at that place in order, as an alternation with boundary
 * lookarounds would, and failing all moves on by one character. (Regexes
 * with \p{L} lookarounds cost milliseconds each to compile, and a turn
 * needs its own.)
 */
interface Matcher {
  fast: RegExp;
  each: RegExp[];
}

const matcherCache = new Map<string, Matcher>();
const stickyCache = new Map<string, RegExp>();

/**
 * Flags for a pattern: the u flag only when it holds an astral character.
 * Without one, both modes read these patterns alike, and V8 runs them
 * faster without it.
 */
function flagsFor(source: string, flags: string): string {
  return /[\uD800-\uDFFF]/.test(source) ? `${flags}u` : flags;
}

function turnMatcher(matches: Map<string, string>): Matcher | undefined {
  if (matches.size === 0) return undefined;
  const cacheKey = [...matches.keys()].sort(compareText).join('\u0000');
  const cached = matcherCache.get(cacheKey);
  if (cached) return cached;
  if (matcherCache.size > 10_000) {
    matcherCache.clear();
    stickyCache.clear();
  }
  const sorted = [...matches.keys()].sort((a, b) => b.length - a.length || compareText(a, b));
  const body = (m: string) => m.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  const each = sorted.map((m) => {
    let re = stickyCache.get(m);
    if (!re) {
      const source = body(m);
      re = new RegExp(source, flagsFor(source, 'y'));
      stickyCache.set(m, re);
    }
    return re;
  });
  const fastSource = sorted.map(body).join('|');
  const matcher = { fast: new RegExp(fastSource, flagsFor(fastSource, 'g')), each };
  matcherCache.set(cacheKey, matcher);
  return matcher;
}

/** The first of the turn's strings found at `at` with clean ends (as the boundary-checked alternation finds it). */
function matchAt(text: string, at: number, each: readonly RegExp[]): RegExpExecArray | null {
  for (const re of each) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m && atBoundaries(text, at, at + m[0].length)) return m;
  }
  return null;
}

const WORD_START = /^[\p{L}\p{N}]/u;
const WORD_END = /[\p{L}\p{N}]$/u;

/** Whether a match at [start, end) has no letter or digit touching a letter or digit at either end. */
function atBoundaries(text: string, start: number, end: number): boolean {
  const m = text.slice(start, end);
  if (WORD_START.test(m) && start > 0 && WORD_END.test(text.slice(Math.max(0, start - 2), start)))
    return false;
  if (WORD_END.test(m) && end < text.length && WORD_START.test(text.slice(end, end + 2)))
    return false;
  return true;
}

function highlight(
  text: string,
  matcher: Matcher | undefined,
  phraseOf: Map<string, string>,
): [string, number] {
  if (!matcher) return [esc(text), 0];
  const { fast, each } = matcher;
  let out = '';
  let last = 0;
  let n = 0;
  fast.lastIndex = 0;
  for (;;) {
    const found = fast.exec(text);
    if (!found) break;
    const at = found.index;
    const m = atBoundaries(text, at, at + found[0].length) ? found : matchAt(text, at, each);
    if (!m) {
      fast.lastIndex = at + 1;
      continue;
    }
    const phrase = phraseOf.get(m[0]) ?? phraseOf.get(m[0].replace(/\s+/g, ' ')) ?? '';
    out += `${esc(text.slice(last, m.index))}<mark title="${esc(phrase)}">${esc(m[0])}</mark>`;
    last = m.index + m[0].length;
    fast.lastIndex = last > m.index ? last : last + 1;
    n++;
  }
  return [out + esc(text.slice(last)), n];
}

/** A record's paragraphs as the reading view shows them: its segments in text order, split at paragraphs and breaks. */
export function readingParagraphs(t: Pick<Transcript, 'segments'>): Segment[][] {
  const paragraphs: Segment[][] = [];
  let current: Segment[] = [];
  for (const s of [...t.segments].sort((a, b) => a.start - b.start)) {
    if (s.kind === 'break') {
      if (current.length) paragraphs.push(current);
      current = [];
      continue;
    }
    if (current.length && current[0]!.paragraph !== s.paragraph) {
      paragraphs.push(current);
      current = [];
    }
    current.push(s);
  }
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

export function renderTranscript(
  t: Transcript,
  kwic: ReadonlyArray<Pick<KwicRow, 'turn' | 'match' | 'phrase'>>,
  ctx: ReadingContext,
): string {
  const anchor = ctx.anchor(t.docId);
  const byTurn = new Map<number, Map<string, string>>();
  let expected = 0;
  for (const k of kwic) {
    expected++;
    const m = byTurn.get(k.turn) ?? new Map<string, string>();
    m.set(k.match, k.phrase);
    byTurn.set(k.turn, m);
  }
  const matchers = new Map<number, Matcher | undefined>();
  for (const [turn, m] of byTurn) matchers.set(turn, turnMatcher(m));
  const sideOfTurn = new Map(t.turns.map((x) => [x.turn, x.side] as const));

  const paragraphs = readingParagraphs(t);
  const anchored = new Set<number>();
  let highlighted = 0;
  const html = paragraphs.map((segs) => {
    const turn = segs.find((s) => s.turn !== undefined)?.turn;
    const classes: string[] = [];
    let id = '';
    let aria = '';
    if (turn !== undefined) {
      const side = sideOfTurn.get(turn) ?? 'Unknown';
      classes.push('turn', ctx.sideClass(side));
      if (!anchored.has(turn)) {
        anchored.add(turn);
        id = ` id="${anchor}-t${turn}"`;
      }
      const speaker = segs.find((s) => s.speaker)?.speaker ?? '';
      aria = ` data-turn="${turn}" data-speaker="${esc(speaker)}" data-side="${esc(side)}"`;
    } else {
      classes.push(`para-${segs[0]!.kind}`);
    }
    const inner = segs
      .map((s) => {
        const text = t.text.slice(s.start, s.end);
        if (s.kind === 'speech' && s.turn !== undefined) {
          const phraseOf = byTurn.get(s.turn) ?? new Map<string, string>();
          const [h, n] = highlight(text, matchers.get(s.turn), phraseOf);
          highlighted += n;
          return `<span class="seg-speech">${h}</span>`;
        }
        return `<span class="seg-${s.kind}">${esc(text)}</span>`;
      })
      .join('');
    return `<p class="${classes.join(' ')}"${id}${aria}>${inner}</p>`;
  });

  const m = t.metadata;
  const url = safeUrl(m.sourceUrl);
  const meta = [
    m.archiveRef ? `Archive: ${esc(m.archiveRef)}` : '',
    m.translator ? `Translator: ${esc(m.translator)}` : '',
    `Source file: ${esc(t.sourceFile)}`,
    url
      ? `<a href="${esc(url)}" rel="noreferrer noopener">Source</a>`
      : m.sourceUrl
        ? `Source: ${esc(m.sourceUrl)}`
        : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<article class="transcript" id="${anchor}" aria-labelledby="${anchor}-h" data-doc="${esc(t.docId)}" data-matches="${expected}" data-highlighted="${highlighted}">
<h3 id="${anchor}-h">${esc(m.date)} · ${esc(m.title || t.docId)}</h3>
<p class="meta">${meta}</p>
${
  expected !== highlighted
    ? `<p class="note">${formatInt(expected)} dictionary matches in the concordance, ${formatInt(highlighted)} highlighted here (a match split by an editorial insertion is not highlighted).</p>\n`
    : ''
}<div class="reading">
${html.join('\n')}
</div>
</article>`;
}

/**
 * Records whose full text the reading view inlines. Beyond this the page
 * would run to tens of megabytes; the others are drawn from their speech
 * entries under report-data/ when opened.
 */
export const MAX_READING_DOCS = 50;

/** The report's order of records: date (empty first), then doc_id. */
export function byReportOrder(a: Transcript, b: Transcript): number {
  return compareText(a.metadata.date, b.metadata.date) || compareText(a.docId, b.docId);
}
