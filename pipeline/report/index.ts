/**
 * The HTML report: one self-contained, offline index.html. Static HTML for
 * everything a reader (or a printer) needs — corpus table, captions, reading
 * view, diagnostics, methods — plus inlined vega/vega-embed and a small
 * script for the interactive charts and the concordance explorer.
 *
 * Safety: every string from the data is escaped with esc() or travels as
 * JSON in a non-executed <script type="application/json"> block read with
 * JSON.parse; the client builds DOM with textContent only. The CSP allows no
 * network access and only the page's own scripts, identified by hash, so an
 * injected handler would not run even if escaping failed.
 */
import { createHash } from 'node:crypto';
import { KWIC_COLUMNS } from '../../analyses/kwic.js';
import type { KwicRow, Tables } from '../../analyses/types.js';
import { stableJson } from '../csv.js';
import { toVega } from '../figures/compile.js';
import { compareText, sideScale } from '../figures/theme.js';
import type { Figure } from '../figures/types.js';
import type { Diagnostic, Segment, Transcript } from '../types.js';
import { escapeRegExp } from '../words.js';
import { browserBundles } from './assets.js';
import { CLIENT_JS } from './client.js';
import { expressionsSection } from './expressions.js';
import { type Finding, findingsSection } from './findings.js';
import { esc, formatInt, idMaker, safeUrl, scriptJson } from './html.js';
import { layoutFigures } from './layout.js';
import { sideIndex, stylesheet } from './style.js';

export { type MethodsInput, manifestSoftware, methodsParagraph } from './methods.js';

export interface ReportInput {
  tables: Tables;
  /**
   * Transcripts with their text: at least the first MAX_READING_DOCS by date
   * (the reading view); a large corpus's later records need not be here.
   */
  transcripts: Transcript[];
  figures: Array<Figure & { svg: string }>;
  diagnostics: Diagnostic[];
  manifest: Record<string, unknown>;
  /** The methods paragraph (see methodsParagraph). */
  methods: string;
  /** Optional: CSV files under reports/ to list under provenance (e.g. "data/phrases.csv"). */
  dataFiles?: string[];
  /** Optional page title; default from manifest.title or a generic one. */
  title?: string;
  /** The findings summary shown first (./findings.ts); none: no summary. */
  findings?: Finding[];
}

/**
 * Concordance lines embedded in the page. Beyond this the page stays usable
 * (≈150 bytes a line) and says that the rest are in the CSV.
 */
export const MAX_EMBEDDED_KWIC = 10_000;
/** Concordance rows drawn at once; filtering narrows to the rest. */
export const KWIC_DISPLAY = 500;

const CSP_BASE = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

function hash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}

/** Scripts inline their code; "</script" inside a bundle would end the element early. */
function safeScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

interface Ctx {
  docAnchor: Map<string, string>;
  sideIdx: Record<string, number>;
  /** Documents whose text is in the reading view (the first MAX_READING_DOCS by date). */
  inlined: Set<string>;
}

function sideClass(ctx: Ctx, side: string): string {
  return `side-${ctx.sideIdx[side] ?? 0}`;
}

export function buildReport(input: ReportInput): string {
  const { tables, transcripts, figures, diagnostics, manifest } = input;
  const docs = [...tables.documents].sort(
    (a, b) => compareText(a.date, b.date) || compareText(a.doc_id, b.doc_id),
  );
  const sortedTranscripts = [...transcripts].sort(
    (a, b) => compareText(a.metadata.date, b.metadata.date) || compareText(a.docId, b.docId),
  );
  const anchorFor = idMaker('doc-');
  const docAnchor = new Map<string, string>();
  for (const id of [...docs.map((d) => d.doc_id), ...sortedTranscripts.map((t) => t.docId)]) {
    docAnchor.set(id, anchorFor(id));
  }
  const allSides = new Set<string>();
  for (const r of tables.turnStats) allSides.add(r.side);
  for (const t of transcripts) for (const turn of t.turns) allSides.add(turn.side);
  for (const r of tables.kwic) allSides.add(r.side);
  const ctx: Ctx = {
    docAnchor,
    sideIdx: sideIndex(allSides),
    inlined: new Set(sortedTranscripts.slice(0, MAX_READING_DOCS).map((t) => t.docId)),
  };

  const title =
    input.title ??
    (typeof manifest.title === 'string' ? manifest.title : 'Archival transcripts: analysis report');
  const dates = docs.map((d) => d.date).filter(Boolean);
  const subtitle = `${formatInt(docs.length)} records${
    dates.length ? `, ${dates[0]} to ${dates.at(-1)}` : ''
  }; ${formatInt(tables.turnStats.reduce((a, r) => a + r.words, 0))} words of speech in ${formatInt(
    tables.turnStats.reduce((a, r) => a + r.turns, 0),
  )} turns.`;

  const kwicSorted = [...tables.kwic].sort(
    (a, b) =>
      compareText(a.date, b.date) ||
      compareText(a.doc_id, b.doc_id) ||
      a.turn - b.turn ||
      a.position - b.position ||
      compareText(a.phrase, b.phrase),
  );
  const kwicEmbedded = kwicSorted.slice(0, MAX_EMBEDDED_KWIC);
  // Every KWIC column but `position`, which the explorer does not use.
  const kwicColumns = KWIC_COLUMNS.filter((c) => c !== 'position');
  const docData: Record<string, { anchor: string; label: string }> = {};
  for (const d of docs) {
    docData[d.doc_id] = { anchor: docAnchor.get(d.doc_id)!, label: `${d.date} · ${d.title}` };
  }
  for (const t of sortedTranscripts) {
    docData[t.docId] ??= {
      anchor: docAnchor.get(t.docId)!,
      label: `${t.metadata.date} · ${t.metadata.title}`,
    };
  }
  const specs: Record<string, unknown> = {};
  for (const f of figures) specs[f.id] = toVega(f);
  const payload = {
    specs,
    docs: docData,
    sideIndex: ctx.sideIdx,
    kwic: {
      columns: kwicColumns,
      rows: kwicEmbedded.map((r) => kwicColumns.map((c) => r[c])),
      total: kwicSorted.length,
      truncated: kwicSorted.length > kwicEmbedded.length,
      display: KWIC_DISPLAY,
    },
  };

  const bundles = browserBundles();
  const scripts = [...bundles.map((b) => b.code), CLIENT_JS].map(safeScript);
  const csp = [...CSP_BASE, `script-src ${scripts.map(hash).join(' ')}`].join('; ');

  const expressions = expressionsSection(tables.ngrams);
  const body = [
    '<a class="skip" href="#main">Skip to content</a>',
    `<header class="top"><h1>${esc(title)}</h1><p>${esc(subtitle)}</p>`,
    '<nav class="toc" aria-label="Contents"><ol>',
    ...(input.findings?.length ? ['<li><a href="#findings">Findings</a></li>'] : []),
    '<li><a href="#corpus">Corpus</a></li>',
    '<li><a href="#figures">Figures</a></li>',
    expressions ? '<li><a href="#expressions">Expressions</a></li>' : '',
    '<li><a href="#concordance">Concordance</a></li>',
    '<li><a href="#reading">Reading view</a></li>',
    '<li><a href="#diagnostics">Diagnostics</a></li>',
    '<li><a href="#methods">Methods and provenance</a></li>',
    '</ol></nav></header>',
    '<main id="main">',
    ...(input.findings?.length ? [findingsSection(input.findings)] : []),
    corpusSection(tables, docs, ctx, diagnostics),
    figuresSection(figures),
    expressions,
    concordanceSection(tables, kwicSorted, ctx),
    readingSection(sortedTranscripts, docs.length, tables.kwic, ctx),
    diagnosticsSection(diagnostics),
    methodsSection(input),
    '</main>',
  ].join('\n');

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<style>${stylesheet(allSides)}</style>`,
    '</head>',
    '<body>',
    body,
    `<script type="application/json" id="report-data">${scriptJson(payload)}</script>`,
    ...scripts.map((code) => `<script>${code}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ── Corpus ───────────────────────────────────────────────────────────────────

function corpusSection(
  tables: Tables,
  docs: Tables['documents'],
  ctx: Ctx,
  diagnostics: Diagnostic[],
): string {
  const matches = new Map<string, number>();
  for (const k of tables.kwic) matches.set(k.doc_id, (matches.get(k.doc_id) ?? 0) + 1);
  const diagFiles = new Set(diagnostics.map((d) => d.file));
  const rows = docs.map((d) => {
    const anchor = ctx.docAnchor.get(d.doc_id)!;
    const m = matches.get(d.doc_id) ?? 0;
    const warn =
      d.warnings > 0 && diagFiles.size > 0
        ? `<a href="#diagnostics">${formatInt(d.warnings)}</a>`
        : formatInt(d.warnings);
    return (
      `<tr><td>${esc(d.date)}</td>` +
      // Records beyond the reading view link to their transcript file instead.
      `<td><a href="${ctx.inlined.has(d.doc_id) ? `#${anchor}` : `corpus/${encodeURIComponent(d.doc_id)}.json`}">${esc(d.title || d.doc_id)}</a><br><span class="note">${esc(d.source_file)}</span></td>` +
      `<td>${esc(d.participants.split(/;\s*/).filter(Boolean).join(', '))}</td>` +
      `<td>${esc(d.archive_ref)}</td><td>${esc(d.translator)}</td>` +
      `<td class="num">${formatInt(d.words)}</td><td class="num">${formatInt(d.turns)}</td>` +
      `<td class="num">${
        m > 0
          ? `<a href="#concordance" data-kwic data-kwic-doc="${esc(d.doc_id)}" title="Show these lines in the concordance">${formatInt(m)}</a>`
          : '0'
      }</td>` +
      `<td class="num">${warn}</td></tr>`
    );
  });
  const totalWords = docs.reduce((a, d) => a + d.words, 0);
  const totalTurns = docs.reduce((a, d) => a + d.turns, 0);
  return `<section id="corpus" aria-labelledby="corpus-h">
<h2 id="corpus-h">The corpus</h2>
<p>One row per meeting. Words and turns count speech only (what the speakers said), not the recorder's narrative, editorial insertions or stage directions. Dictionary matches link to their lines in the concordance.</p>
<div class="table-wrap"><table>
<caption class="note">${formatInt(docs.length)} records, ${formatInt(totalWords)} words of speech, ${formatInt(totalTurns)} turns</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Title and source file</th><th scope="col">Participants</th><th scope="col">Archive reference</th><th scope="col">Translator</th><th scope="col" class="num">Words</th><th scope="col" class="num">Turns</th><th scope="col" class="num">Dictionary matches</th><th scope="col" class="num">Warnings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
</section>`;
}

// ── Figures ──────────────────────────────────────────────────────────────────

function figureHtml(f: Figure & { svg: string }, n: number): string {
  const files: Array<[string, string]> = [
    ['SVG', `figures/${f.id}.svg`],
    ['PNG', `figures/${f.id}.png`],
    ['PDF', `figures/${f.id}.pdf`],
    ['Vega-Lite spec', `figures/${f.id}.vl.json`],
    ['Data (CSV)', `figures/${f.id}.csv`],
  ];
  return `<figure class="chart-figure" id="fig-${esc(f.id)}" aria-labelledby="fig-${esc(f.id)}-h">
<h3 id="fig-${esc(f.id)}-h">Figure ${n}. ${esc(f.title)}</h3>
<div class="chart" id="chart-${esc(f.id)}" role="img" aria-label="${esc(f.alt)}" data-figure="${esc(f.id)}"><div class="chart-view"></div></div>
<figcaption><p>${esc(f.caption)}</p>
<p class="downloads">Download: ${files.map(([label, href]) => `<a href="${esc(href)}">${esc(label)}</a>`).join(' ')}</p></figcaption>
</figure>`;
}

function figuresSection(figures: Array<Figure & { svg: string }>): string {
  // Language figures first; sentiment as an overview and its drivers, the rest collapsed (./layout.ts).
  const { main, sentiment, more } = layoutFigures(figures);
  let n = 0;
  const html = (list: typeof figures) => list.map((f) => figureHtml(f, ++n)).join('\n');
  const language = html(main);
  const tone = sentiment.length
    ? `<h3 class="group" id="figures-tone">Tone (sentiment)</h3>
<p>Tone scores measure the emotional colour of words, not what a speaker is for or against; how far they agree with human judges, and how little with stance, is under <a href="#methods">Methods</a>. One overview and the words that drive it are shown here; the other tone figures are below it.</p>
${html(sentiment)}`
    : '';
  const rest = more.length
    ? `<details class="more-figures" id="figures-more-tone"><summary>More tone figures: ${esc(more.map((f) => f.title).join('; '))}</summary>
${html(more)}
</details>`
    : '';
  return `<section id="figures" aria-labelledby="figures-h">
<h2 id="figures-h">Figures</h2>
<p>Hover over (or focus) a mark for its numbers. Each figure links to a print-ready SVG, PNG and PDF, its Vega-Lite specification (open it in any Vega-Lite editor) and exactly the data it plots.</p>
${[language, tone, rest].filter(Boolean).join('\n')}
</section>`;
}

// ── Concordance ──────────────────────────────────────────────────────────────

function concordanceSection(tables: Tables, kwic: KwicRow[], ctx: Ctx): string {
  const sides = sideScale(kwic.map((k) => k.side)).domain;
  const counts = new Map<string, Map<string, number>>();
  for (const k of kwic) {
    const m = counts.get(k.phrase) ?? new Map<string, number>();
    m.set(k.side, (m.get(k.side) ?? 0) + 1);
    counts.set(k.phrase, m);
  }
  const phrases = [...counts.keys()].sort(compareText);
  const link = (n: number, attrs: string) =>
    n > 0
      ? `<a href="#concordance" data-kwic ${attrs} title="Show these lines">${formatInt(n)}</a>`
      : '0';
  const head = sides
    .map(
      (s) =>
        `<th scope="col" class="num"><span class="swatch ${sideClass(ctx, s)}" aria-hidden="true"></span>${esc(s)}</th>`,
    )
    .join('');
  const rows = phrases.map((p) => {
    const m = counts.get(p)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    return `<tr><th scope="row">${esc(p)}</th>${sides
      .map(
        (s) =>
          `<td class="num">${link(m.get(s) ?? 0, `data-kwic-phrase="${esc(p)}" data-kwic-side="${esc(s)}"`)}</td>`,
      )
      .join('')}<td class="num">${link(total, `data-kwic-phrase="${esc(p)}"`)}</td></tr>`;
  });
  const forms = new Map<string, string[]>();
  for (const f of [...tables.phraseForms].sort(
    (a, b) => compareText(a.phrase, b.phrase) || b.count - a.count || compareText(a.form, b.form),
  )) {
    const list = forms.get(f.phrase) ?? [];
    list.push(`${f.form} (${formatInt(f.count)})`);
    forms.set(f.phrase, list);
  }
  const formRows = [...forms.entries()].map(
    ([p, list]) => `<tr><th scope="row">${esc(p)}</th><td>${esc(list.join(', '))}</td></tr>`,
  );
  const truncated =
    kwic.length > MAX_EMBEDDED_KWIC
      ? `<p class="note">This page holds the first ${formatInt(MAX_EMBEDDED_KWIC)} of ${formatInt(kwic.length)} lines (by date); all are in the KWIC table under data/.</p>`
      : '';
  return `<section id="concordance" aria-labelledby="concordance-h">
<h2 id="concordance-h">Concordance</h2>
<p>Every match of a dictionary phrase in speech, with six words of context. Each count below opens its lines; each line links to its turn in the reading view.</p>
<div class="table-wrap counts"><table>
<caption class="note">Matches per dictionary phrase and side</caption>
<thead><tr><th scope="col">Phrase</th>${head}<th scope="col" class="num">All</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
${formRows.length ? `<details><summary>Surface forms matched for each phrase</summary><div class="table-wrap"><table><thead><tr><th scope="col">Phrase</th><th scope="col">Forms (count)</th></tr></thead><tbody>${formRows.join('')}</tbody></table></div></details>` : ''}
${truncated}
<form class="kwic" id="kwic-form" role="search" aria-label="Filter the concordance">
<label>Search the lines<input type="search" id="kwic-q" autocomplete="off" placeholder="e.g. revisionists"></label>
<label>Phrase<select id="kwic-phrase"><option value="">All</option></select></label>
<label>Speaker<select id="kwic-speaker"><option value="">All</option></select></label>
<label>Side<select id="kwic-side"><option value="">All</option></select></label>
<label>Meeting<select id="kwic-doc"><option value="">All</option></select></label>
<label>From<input type="date" id="kwic-from"></label>
<label>To<input type="date" id="kwic-to"></label>
<button type="reset">Clear</button>
</form>
<p id="kwic-status" aria-live="polite">The concordance needs JavaScript; the same lines are in the KWIC table under data/.</p>
<div class="table-wrap kwic-lines"><table>
<thead><tr><th scope="col">Date</th><th scope="col">Speaker</th><th scope="col">Side</th><th scope="col">Left context</th><th scope="col">Match</th><th scope="col">Right context</th><th scope="col">Where</th></tr></thead>
<tbody id="kwic-body"></tbody></table></div>
</section>`;
}

// ── Reading view ─────────────────────────────────────────────────────────────

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

function renderTranscript(t: Transcript, kwic: readonly KwicRow[], ctx: Ctx): string {
  const anchor = ctx.docAnchor.get(t.docId)!;
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

  const anchored = new Set<number>();
  let highlighted = 0;
  const html = paragraphs.map((segs) => {
    const turn = segs.find((s) => s.turn !== undefined)?.turn;
    const classes: string[] = [];
    let id = '';
    let aria = '';
    if (turn !== undefined) {
      const side = sideOfTurn.get(turn) ?? 'Unknown';
      classes.push('turn', sideClass(ctx, side));
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
 * would run to tens of megabytes; the rest are listed, with a note, and their
 * text is in corpus/<doc_id>.json.
 */
export const MAX_READING_DOCS = 50;

function readingSection(
  transcripts: Transcript[],
  records: number,
  kwic: KwicRow[],
  ctx: Ctx,
): string {
  const shown = transcripts.slice(0, MAX_READING_DOCS);
  const kwicByDoc = new Map<string, KwicRow[]>(shown.map((t) => [t.docId, []]));
  for (const k of kwic) kwicByDoc.get(k.doc_id)?.push(k);
  const note =
    Math.max(records, transcripts.length) > shown.length
      ? `<p class="note">This page holds the full text of the first ${formatInt(shown.length)} of ${formatInt(Math.max(records, transcripts.length))} records (by date); every record is in corpus/ under its doc_id (JSON, with its segments) and its turns are in data/turns.csv.</p>\n`
      : '';
  const sides = Object.keys(ctx.sideIdx);
  const legend = sides
    .map(
      (s) =>
        `<span class="${sideClass(ctx, s)}"><span class="swatch" aria-hidden="true"></span>${esc(s)}</span>`,
    )
    .join(' ');
  const toc = shown
    .map(
      (t) =>
        `<li><a href="#${ctx.docAnchor.get(t.docId)}">${esc(t.metadata.date)} · ${esc(t.metadata.title || t.docId)}</a></li>`,
    )
    .join('');
  return `<section id="reading" aria-labelledby="reading-h">
<h2 id="reading-h">Reading view</h2>
<p>Each record as normalised, with every paragraph classified. Turns carry the colour of the speaker's side: <span class="legend-kinds">${legend}</span>. <span class="seg-label">Speaker labels</span> are bold, <span class="seg-editorial">[editorial insertions]</span> and <span class="seg-stage">(stage directions)</span> are set apart and not counted, <span class="seg-narrative">the recorder's narrative</span> is in italics, and <mark>dictionary matches</mark> are highlighted.</p>
${note}<ol>${toc}</ol>
${shown.map((t) => renderTranscript(t, kwicByDoc.get(t.docId) ?? [], ctx)).join('\n')}
</section>`;
}

// ── Diagnostics ──────────────────────────────────────────────────────────────

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function diagnosticsSection(diagnostics: Diagnostic[]): string {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
  const bySeverity = (s: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === s).length;
  const rows = sorted.map(
    (d) =>
      `<tr><td>${esc(d.file)}</td><td class="num">${d.line ?? ''}</td><td class="sev-${esc(d.severity)}">${esc(d.severity)}</td><td><code>${esc(d.rule)}</code></td><td>${esc(d.message)}</td></tr>`,
  );
  return `<section id="diagnostics" aria-labelledby="diagnostics-h">
<h2 id="diagnostics-h">Diagnostics</h2>
<p>What ingest, normalisation and segmentation noticed in the data: ${formatInt(bySeverity('error'))} errors, ${formatInt(bySeverity('warning'))} warnings, ${formatInt(bySeverity('info'))} notes. Line numbers refer to the raw file.</p>
${
  rows.length
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`
    : '<p>Nothing to report.</p>'
}
</section>`;
}

// ── Methods and provenance ───────────────────────────────────────────────────

function methodsSection(input: ReportInput): string {
  const files = [...(input.dataFiles ?? [])].sort(compareText);
  return `<section id="methods" aria-labelledby="methods-h">
<h2 id="methods-h">Methods and provenance</h2>
<p>A description of this run, generated from its results, to adapt for a paper:</p>
<p id="methods-text">${esc(input.methods)}</p>
<p><button type="button" id="copy-methods" class="no-print">Copy the paragraph</button></p>
${
  files.length
    ? `<h3>Data tables</h3><ul>${files.map((f) => `<li><a href="${esc(f)}">${esc(f)}</a></li>`).join('')}</ul>`
    : ''
}
<h3>Run manifest</h3>
<p>Input files with their SHA-256, the resolved configuration and software versions (also in manifest.json).</p>
<pre class="manifest">${esc(stableJson(input.manifest))}</pre>
</section>`;
}
