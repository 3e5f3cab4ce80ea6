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
import { NEGATION_TERM, NEGATORS } from '../../analyses/sentiment/scorer.js';
import type { KwicRow, Tables } from '../../analyses/types.js';
import { stableJson } from '../csv.js';
import { toVega } from '../figures/compile.js';
import { compareText, NO_SIDES, type SideColours, sideScale } from '../figures/theme.js';
import type { Figure } from '../figures/types.js';
import type { Diagnostic, Transcript } from '../types.js';
import { browserBundles } from './assets.js';
import { CLIENT_JS } from './client.js';
import { evidenceClient } from './evidence-client.js';
import { expressionsSection } from './expressions.js';
import { type Finding, findingsSection } from './findings.js';
import { esc, formatInt, idMaker, scriptJson } from './html.js';
import { layoutFigures } from './layout.js';
import { byReportOrder, MAX_READING_DOCS, renderTranscript } from './reading.js';
import { sideIndex, stylesheet } from './style.js';

export { type MethodsInput, manifestSoftware, methodsParagraph } from './methods.js';
export { byReportOrder, MAX_READING_DOCS } from './reading.js';

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
  /**
   * The corpus's sides in their declared order, with their colours
   * (corpus/speakers.yaml); without it, the sides present in name order.
   */
  sides?: SideColours;
  /**
   * The evidence files written beside the page (./evidence-data.ts): the
   * speech files' names and the sentiment targets in their bit order.
   * Without them the page has no concordance data (it says so).
   */
  evidence?: {
    speechFiles: string[];
    /**
     * The doc_ids each speech file holds (same order): a record the page
     * does not inline is drawn from its file's entry when opened.
     */
    speechDocs?: string[][];
    targets: string[];
    /** The periods compared (keyness), for the concordance's period filter. */
    periods?: ReadonlyArray<{ name: string; from: string; to: string }>;
  };
  /** The findings summary shown first (./findings.ts); none: no summary. */
  findings?: Finding[];
}

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
  /** The corpus's sides, their order and colours. */
  palette: SideColours;
  sideIdx: Record<string, number>;
  /** Documents whose text is in the reading view (the first MAX_READING_DOCS by date). */
  inlined: Set<string>;
}

/** Where a record opens: its anchor in the page, or drawn from its speech file (the page's script does it). */
function recordLink(ctx: Ctx, docId: string, turn?: number): string {
  const anchor = `${ctx.docAnchor.get(docId)!}${turn === undefined ? '' : `-t${turn}`}`;
  return `href="#${esc(anchor)}"${ctx.inlined.has(docId) ? '' : ` data-record="${esc(docId)}"`}`;
}

function sideClass(ctx: Ctx, side: string): string {
  return `side-${ctx.sideIdx[side] ?? 0}`;
}

export function buildReport(input: ReportInput): string {
  const { tables, transcripts, figures, diagnostics, manifest } = input;
  const docs = [...tables.documents].sort(
    (a, b) => compareText(a.date, b.date) || compareText(a.doc_id, b.doc_id),
  );
  const sortedTranscripts = [...transcripts].sort(byReportOrder);
  const anchorFor = idMaker('doc-');
  const docAnchor = new Map<string, string>();
  for (const id of [...docs.map((d) => d.doc_id), ...sortedTranscripts.map((t) => t.docId)]) {
    docAnchor.set(id, anchorFor(id));
  }
  const allSides = new Set<string>();
  for (const r of tables.turnStats) allSides.add(r.side);
  for (const t of transcripts) for (const turn of t.turns) allSides.add(turn.side);
  const palette = input.sides ?? NO_SIDES;
  const ctx: Ctx = {
    docAnchor,
    palette,
    sideIdx: sideIndex(allSides, palette),
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

  // A record not inlined: the index of the speech file whose entry draws its reading view.
  const speechFileOf = new Map<string, number>();
  (input.evidence?.speechDocs ?? []).forEach((ids, i) => {
    for (const id of ids) speechFileOf.set(id, i);
  });
  const docData: Record<string, { anchor: string; label: string; date: string; speech?: number }> =
    {};
  const record = (id: string, date: string, title: string) => {
    const speech = ctx.inlined.has(id) ? undefined : speechFileOf.get(id);
    docData[id] ??= {
      anchor: docAnchor.get(id)!,
      label: `${date} · ${title}`,
      date,
      ...(speech === undefined ? {} : { speech }),
    };
  };
  for (const d of docs) record(d.doc_id, d.date, d.title);
  for (const t of sortedTranscripts) record(t.docId, t.metadata.date, t.metadata.title);
  const specs: Record<string, unknown> = {};
  for (const f of figures) specs[f.id] = toVega(f);
  const speakers = new Set<string>();
  for (const r of tables.turnStats) speakers.add(r.speaker);
  const corpusPages: string[] = [];
  const payload = {
    corpusPages,
    specs,
    docs: docData,
    sideIndex: ctx.sideIdx,
    evidence: {
      speechFiles: input.evidence?.speechFiles ?? [],
      targets: input.evidence?.targets ?? [],
      order: docs.map((d) => d.doc_id),
      phrases: [
        ...new Set([...tables.phrases.map((p) => p.phrase), ...tables.kwic.map((k) => k.phrase)]),
      ].sort(compareText),
      speakers: [...speakers].sort(compareText),
      sides: Object.keys(ctx.sideIdx),
      periods: (input.evidence?.periods ?? []).map((p) => [p.name, p.from, p.to]),
      negation: NEGATION_TERM,
      negators: [...NEGATORS].sort(compareText),
    },
  };

  const bundles = browserBundles();
  const scripts = [...bundles.map((b) => b.code), CLIENT_JS, evidenceClient(CORPUS_PAGE)].map(
    safeScript,
  );
  // 'self': the evidence files beside the page, which its script loads.
  const csp = [...CSP_BASE, `script-src 'self' ${scripts.map(hash).join(' ')}`].join('; ');

  const expressions = expressionsSection(tables.ngrams);
  const body = [
    '<a class="skip" href="#main">Skip to content</a>',
    `<header class="top"><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header>`,
    // Sticky: the contents stay at the top of the window as the page scrolls.
    '<nav class="toc" aria-label="Contents"><ol>',
    ...(input.findings?.length ? ['<li><a href="#findings">Findings</a></li>'] : []),
    '<li><a href="#corpus">Corpus</a></li>',
    '<li><a href="#figures">Figures</a></li>',
    expressions ? '<li><a href="#expressions">Expressions</a></li>' : '',
    '<li><a href="#concordance">Concordance</a></li>',
    '<li><a href="#reading">Reading view</a></li>',
    '<li><a href="#diagnostics">Diagnostics</a></li>',
    '<li><a href="#methods">Methods and provenance</a></li>',
    '</ol></nav>',
    '<main id="main">',
    ...(input.findings?.length ? [findingsSection(input.findings)] : []),
    corpusSection(tables, docs, ctx, diagnostics, corpusPages),
    figuresSection(figures),
    expressions,
    concordanceSection(tables, ctx, payload.evidence),
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
    `<style>${stylesheet(allSides, palette)}</style>`,
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

/** Rows of the corpus table a page shows at once. */
export const CORPUS_PAGE = 100;

function corpusSection(
  tables: Tables,
  docs: Tables['documents'],
  ctx: Ctx,
  diagnostics: Diagnostic[],
  corpusPages: string[],
): string {
  const matches = new Map<string, number>();
  for (const k of tables.kwic) matches.set(k.doc_id, (matches.get(k.doc_id) ?? 0) + 1);
  const diagFiles = new Set(diagnostics.map((d) => d.file));
  const rows = docs.map((d) => {
    const m = matches.get(d.doc_id) ?? 0;
    const warn =
      d.warnings > 0 && diagFiles.size > 0
        ? `<a href="#diagnostics">${formatInt(d.warnings)}</a>`
        : formatInt(d.warnings);
    return (
      `<tr><td>${esc(d.date)}</td>` +
      // Records beyond the inlined reading view are drawn from their speech files.
      `<td><a ${recordLink(ctx, d.doc_id)}>${esc(d.title || d.doc_id)}</a><br><span class="note">${esc(d.source_file)}</span></td>` +
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
  // A large corpus's table is paged: the first page is in the page's HTML,
  // the others travel as (escaped) HTML strings in the data block, which
  // parse far faster than as elements, and the script swaps them in.
  const pages: string[] = [];
  for (let i = 0; i < rows.length; i += CORPUS_PAGE)
    pages.push(rows.slice(i, i + CORPUS_PAGE).join('\n'));
  corpusPages.push(...pages.slice(1));
  const pager =
    pages.length > 1
      ? `<p class="corpus-pager no-print" id="corpus-pager" data-pages="${pages.length}"></p><p class="note print-only">The table shows its first ${formatInt(CORPUS_PAGE)} records; all are in data/documents.csv.</p>`
      : '';
  return `<section id="corpus" aria-labelledby="corpus-h">
<h2 id="corpus-h">The corpus</h2>
<p>One row per meeting. Words and turns count speech only (what the speakers said), not the recorder's narrative, editorial insertions or stage directions. Dictionary matches link to their lines in the concordance.</p>
<div class="table-wrap"><table>
<caption class="note">${formatInt(docs.length)} records, ${formatInt(totalWords)} words of speech, ${formatInt(totalTurns)} turns</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Title and source file</th><th scope="col">Participants</th><th scope="col">Archive reference</th><th scope="col">Translator</th><th scope="col" class="num">Words</th><th scope="col" class="num">Turns</th><th scope="col" class="num">Dictionary matches</th><th scope="col" class="num">Warnings</th></tr></thead>
<tbody id="corpus-body">
${pages[0] ?? ''}
</tbody></table></div>
${pager}
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
<h3 id="fig-${esc(f.id)}-h">Figure ${n}. ${esc(f.title)}<a class="self" href="#fig-${esc(f.id)}" aria-label="Link to figure ${n}">#</a></h3>
<div class="chart" id="chart-${esc(f.id)}" role="img" aria-label="${esc(f.alt)}" data-figure="${esc(f.id)}"><div class="chart-view"></div></div>
<div class="evidence" id="evidence-${esc(f.id)}" hidden aria-live="polite"></div>
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
<p>Hover over (or focus) a mark for its numbers; click it for the passages behind it (the concordance lines or the scored sentences, each linked to its turn). Each figure links to a print-ready SVG, PNG and PDF, its Vega-Lite specification (open it in any Vega-Lite editor) and exactly the data it plots.</p>
<ol class="fig-list">${[...main, ...sentiment, ...more].map((f) => `<li><a href="#fig-${esc(f.id)}">${esc(f.title)}</a></li>`).join('')}</ol>
${[language, tone, rest].filter(Boolean).join('\n')}
</section>`;
}

// ── Concordance ──────────────────────────────────────────────────────────────

function concordanceSection(
  tables: Tables,
  ctx: Ctx,
  evidence: { speechFiles: string[]; periods: string[][] },
): string {
  const kwic = tables.kwic;
  const sides = sideScale(
    kwic.map((k) => k.side),
    ctx.palette,
  ).domain;
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
  const noData = evidence.speechFiles.length
    ? ''
    : '<p class="note">This page was written without its speech files (report-data/), so it cannot search.</p>';
  const periods = evidence.periods.map(([name]) => name).join(' and ');
  return `<section id="concordance" aria-labelledby="concordance-h">
<h2 id="concordance-h">Concordance</h2>
<p>Search all the speech in the corpus for a word, a phrase, a pattern (<code>revision*</code>, <code>?orea</code>) or a <code>/regular expression/</code>, or pick a dictionary key to see exactly the matches the tables count. Context is measured in words; sort by the first to third word left or right of the key word to see its company. Each line links to its turn in the reading view. The search runs in this page on the speech files beside it (report-data/), loaded the first time you search; data/kwic.csv holds the dictionary lines with 60 characters of context.</p>
<div class="table-wrap counts"><table>
<caption class="note">Matches per dictionary key and side; each count opens its lines</caption>
<thead><tr><th scope="col">Key</th>${head}<th scope="col" class="num">All</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
${formRows.length ? `<details><summary>Surface forms matched for each key</summary><div class="table-wrap"><table><thead><tr><th scope="col">Key</th><th scope="col">Forms (count)</th></tr></thead><tbody>${formRows.join('')}</tbody></table></div></details>` : ''}
${noData}
<form class="kwic" id="conc-form" role="search" aria-label="Search the concordance">
<label>Word, phrase or pattern<input type="search" id="conc-q" autocomplete="off" placeholder="e.g. Cuba, peaceful coexist*"></label>
<label>or dictionary key<select id="conc-phrase"><option value="">(none)</option></select></label>
<label>Words of context<input type="number" id="conc-width" min="1" max="50" value="6"></label>
<label>Sort by<select id="conc-sort"><option value="">text order</option><option value="L1">1st word left</option><option value="L2">2nd word left</option><option value="L3">3rd word left</option><option value="key">key word</option><option value="R1">1st word right</option><option value="R2">2nd word right</option><option value="R3">3rd word right</option></select></label>
<label>Speaker<select id="conc-speaker"><option value="">All</option></select></label>
<label>Side<select id="conc-side"><option value="">All</option></select></label>
<label>Meeting<select id="conc-doc"><option value="">All</option></select></label>
<label>Period<select id="conc-period" title="The periods keyness compares (${esc(periods)})"><option value="">All</option></select></label>
<label>From year<input type="text" inputmode="numeric" id="conc-from" size="5"></label>
<label>To year<input type="text" inputmode="numeric" id="conc-to" size="5"></label>
<label>Lines a page<select id="conc-size"><option>25</option><option selected>50</option><option>100</option><option>250</option></select></label>
<button type="submit">Search</button>
<button type="reset">Clear</button>
</form>
<p id="conc-load" class="note" aria-live="polite"></p>
<p id="conc-status" aria-live="polite">The concordance needs JavaScript; the dictionary lines are in data/kwic.csv.</p>
<div class="table-wrap kwic-lines"><table>
<thead><tr><th scope="col">Date</th><th scope="col">Speaker</th><th scope="col">Side</th><th scope="col" class="kwic-left">Left context</th><th scope="col">Key</th><th scope="col">Right context</th><th scope="col">Where</th></tr></thead>
<tbody id="conc-body"></tbody></table></div>
<p class="kwic-pager"><span id="conc-pager"></span> <button type="button" id="conc-export" disabled>Export the lines (CSV)</button></p>
</section>`;
}

// ── Reading view ─────────────────────────────────────────────────────────────

function readingSection(
  transcripts: Transcript[],
  records: number,
  kwic: KwicRow[],
  ctx: Ctx,
): string {
  const shown = transcripts.slice(0, MAX_READING_DOCS);
  const kwicByDoc = new Map<string, KwicRow[]>(shown.map((t) => [t.docId, []]));
  for (const k of kwic) kwicByDoc.get(k.doc_id)?.push(k);
  const all = Math.max(records, transcripts.length);
  const note =
    all > shown.length
      ? `<p class="note">This page holds the full text of the first ${formatInt(shown.length)} of ${formatInt(all)} records (by date). Every other record is drawn from its speech file under report-data/ when you follow a link to it (from the corpus table, the concordance or a figure's passages); it appears below, after the inlined records. Every record is also in corpus/ under its doc_id (JSON, with its segments).</p>\n`
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
  const reading = {
    anchor: (id: string) => ctx.docAnchor.get(id)!,
    sideClass: (side: string) => sideClass(ctx, side),
  };
  return `<section id="reading" aria-labelledby="reading-h">
<h2 id="reading-h">Reading view</h2>
<p>Each record as normalised, with every paragraph classified. Turns carry the colour of the speaker's side: <span class="legend-kinds">${legend}</span>. <span class="seg-label">Speaker labels</span> are bold, <span class="seg-editorial">[editorial insertions]</span> and <span class="seg-stage">(stage directions)</span> are set apart and not counted, <span class="seg-narrative">the recorder's narrative</span> is in italics, and <mark>dictionary matches</mark> are highlighted.</p>
${note}<details class="reading-toc"${shown.length <= 12 ? ' open' : ''}><summary>The ${formatInt(shown.length)} records in this page</summary><ol>${toc}</ol></details>
${shown.map((t) => renderTranscript(t, kwicByDoc.get(t.docId) ?? [], reading)).join('\n')}
<p id="reading-status" class="note" aria-live="polite"></p>
<div id="reading-loaded"></div>
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
    ? `${rows.length > COLLAPSE_ROWS ? `<details><summary>All ${formatInt(rows.length)} diagnostics (also in diagnostics.csv)</summary>` : ''}<div class="table-wrap"><table><thead><tr><th scope="col">File</th><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Message</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>${rows.length > COLLAPSE_ROWS ? '</details>' : ''}`
    : '<p>Nothing to report.</p>'
}
</section>`;
}

/**
 * Long parts of a large corpus's page are collapsed: a closed <details> is
 * neither laid out nor drawn until opened. Diagnostics beyond this many rows,
 * a manifest beyond this many characters.
 */
const COLLAPSE_ROWS = 200;
const COLLAPSE_ABOVE = 50_000;

function collapsible(collapsed: boolean, summary: string, html: string): string {
  return collapsed ? `<details><summary>${esc(summary)}</summary>${html}</details>` : html;
}

// ── Methods and provenance ───────────────────────────────────────────────────

function methodsSection(input: ReportInput): string {
  const files = [...(input.dataFiles ?? [])].sort(compareText);
  const manifest = stableJson(input.manifest);
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
${collapsible(manifest.length > COLLAPSE_ABOVE, 'The run manifest', `<pre class="manifest">${esc(manifest)}</pre>`)}
</section>`;
}
