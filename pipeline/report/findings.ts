/**
 * The findings summary at the top of the report: a few sentences generated
 * from the tables, each linked to its evidence, under rules that keep a
 * sentence from saying more than its numbers support.
 *
 * - Key terms (period, then side comparison): a term is named only when its
 *   log-likelihood G² is significant at 0.05 after a Bonferroni correction
 *   for every term that comparison tested (p < 0.05 / m), and the part it
 *   is key to used it in at least MIN_FINDING_MEETINGS meetings (a term from
 *   one meeting says something about that meeting, not the period or side).
 * - Dictionary phrases, first against last period: the rate per 10,000 words
 *   of all speech in each period, with an exact Poisson 95% interval on the
 *   count (as in the phrase-rates figure). "Rose" or "fell" is said only
 *   when the two intervals do not overlap, the higher period has at least
 *   MIN_FINDING_COUNT uses, and those uses come from at least
 *   MIN_FINDING_MEETINGS of its meetings. Every other phrase is named as
 *   not shown to change.
 * - Tone: never summarised as a finding, and never as an attitude: one
 *   sentence says why (the stance benchmark, when measured).
 *
 * Links are plain anchors: #fig-<id> for figures, #concordance with
 * data-kwic-phrase (a dictionary key) or data-kwic-q (a word) for the
 * lines behind a number, #methods for the rules.
 */
import { type Comparisons, inPeriod, type Period } from '../../analyses/comparisons.js';
import type { StanceSummary } from '../../analyses/sentiment/stance.js';
import type { KeynessRow, Tables } from '../../analyses/types.js';
import { poissonInterval } from '../figures/data.js';
import { compareText } from '../figures/theme.js';
import { esc, formatInt } from './html.js';

/** Fewest meetings of a part a key term or a changed phrase must be used in. */
export const MIN_FINDING_MEETINGS = 2;
/** Fewest uses in the higher period before a phrase is said to have risen or fallen. */
export const MIN_FINDING_COUNT = 3;
/** Key terms named per direction. */
export const FINDING_TERMS = 6;
/** Family-wise significance level of the key-term findings (Bonferroni over the terms tested). */
export const FINDING_ALPHA = 0.05;

export interface Link {
  text: string;
  href: string;
  /** Extra attributes (data-kwic-phrase …) for the page's script. */
  attrs?: Record<string, string>;
}

/** Prose and links folded under a label (a <details> whose <summary> is the label). */
export interface Fold {
  summary: string;
  parts: Array<string | Link>;
}

/** A finding: prose, links and folds, in order. */
export interface Finding {
  id: string;
  parts: Array<string | Link | Fold>;
}

/** Lists of more items than this are folded under a label that counts them. */
export const FOLD_LIST_OVER = 5;

const isFold = (p: string | Link | Fold): p is Fold => typeof p !== 'string' && 'summary' in p;

/** The plain text of a finding (what a reader reads, with folds opened; their labels left out). */
export function findingText(f: Finding): string {
  const text = (p: string | Link | Fold): string =>
    typeof p === 'string' ? p : isFold(p) ? p.parts.map(text).join('') : p.text;
  return f.parts.map(text).join('');
}

export interface FindingsInput {
  tables: Pick<Tables, 'keyness' | 'phrases' | 'turnStats'>;
  comparisons?: Comparisons;
  stance?: StanceSummary;
}

const fmt1 = (x: number): string => x.toFixed(1);

function concordanceLink(text: string, query: string, phrase = false): Link {
  return {
    text,
    href: '#concordance',
    // A dictionary key filters today's concordance (data-kwic); a word is
    // marked data-kwic-q for a concordance that searches all speech, and until
    // then the link only leads to the concordance, never to other words' lines.
    attrs: phrase ? { 'data-kwic': '', 'data-kwic-phrase': query } : { 'data-kwic-q': query },
  };
}

/** "a, b and c" over parts, keeping links as links. */
function listParts(items: Array<Array<string | Link>>): Array<string | Link> {
  const out: Array<string | Link> = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? ' and ' : ', ');
    out.push(...item);
  });
  return out;
}

/** Words and meetings of all speech in a set of documents. */
function partSize(
  turnStats: Tables['turnStats'],
  inPart: (date: string, side: string) => boolean,
): { words: number; meetings: number } {
  let words = 0;
  const docs = new Set<string>();
  for (const r of turnStats) {
    if (!inPart(r.date, r.side)) continue;
    words += r.words;
    if (r.words > 0) docs.add(r.doc_id);
  }
  return { words, meetings: docs.size };
}

const meetingsText = (n: number) => `${formatInt(n)} meeting${n === 1 ? '' : 's'}`;

/** Key terms of one comparison that pass the finding rule, strongest first, per direction. */
export function keyFindingTerms(rows: readonly KeynessRow[]): {
  target: KeynessRow[];
  reference: KeynessRow[];
  tested: number;
  threshold: number;
} {
  const tested = rows.length;
  const threshold = tested > 0 ? FINDING_ALPHA / tested : 0;
  const pass = (r: KeynessRow, forTarget: boolean) =>
    r.p < threshold &&
    (forTarget ? r.log_ratio > 0 : r.log_ratio < 0) &&
    (forTarget ? r.range_target : r.range_reference) >= MIN_FINDING_MEETINGS;
  const order = (a: KeynessRow, b: KeynessRow) => b.g2 - a.g2 || compareText(a.term, b.term);
  return {
    target: rows
      .filter((r) => pass(r, true))
      .sort(order)
      .slice(0, FINDING_TERMS),
    reference: rows
      .filter((r) => pass(r, false))
      .sort(order)
      .slice(0, FINDING_TERMS),
    tested,
    threshold,
  };
}

function keyFinding(
  kind: 'period' | 'side',
  rows: readonly KeynessRow[],
  size: (name: string) => { words: number; meetings: number } | undefined,
): Finding | undefined {
  if (rows.length === 0) return undefined;
  const { target: t, reference: r, tested } = keyFindingTerms(rows);
  const tName = rows[0]!.target;
  const rName = rows[0]!.reference;
  const fig: Link = {
    text: kind === 'period' ? 'key terms of the periods' : 'key terms of the sides',
    href: kind === 'period' ? '#fig-keyness-periods' : '#fig-keyness',
  };
  const described = (name: string) => {
    const s = size(name);
    return s ? `${name} (${meetingsText(s.meetings)}, ${formatInt(s.words)} words)` : name;
  };
  const terms = (list: KeynessRow[], forTarget: boolean) =>
    listParts(
      list.map((k) => [
        concordanceLink(k.term, k.term),
        ` (${forTarget ? k.count_target : k.count_reference} against ${forTarget ? k.count_reference : k.count_target})`,
      ]),
    );
  const speech = kind === 'period' ? 'the speech of' : 'speech by';
  const parts: Array<string | Link> = [
    kind === 'period' ? 'Between the periods: ' : 'Between the sides: ',
  ];
  if (t.length === 0 && r.length === 0) {
    parts.push(
      `no term is used more often in ${speech} ${described(tName)} or ${described(rName)} by the standard of this summary`,
    );
  } else {
    if (t.length > 0)
      parts.push(
        `${speech} ${described(tName)} uses `,
        ...terms(t, true),
        ` relatively more often than ${speech} ${rName}`,
      );
    if (t.length > 0 && r.length > 0) parts.push('; ');
    if (r.length > 0)
      parts.push(
        `${speech} ${described(rName)} uses `,
        ...terms(r, false),
        ` relatively more often than ${speech} ${tName}`,
      );
    if (t.length === 0) parts.push(`; no term passes the standard in ${speech} ${tName}`);
    if (r.length === 0) parts.push(`; no term passes the standard in ${speech} ${rName}`);
  }
  parts.push(
    ` (uses in each part; log-likelihood, p < ${FINDING_ALPHA} after Bonferroni correction for the ${formatInt(tested)} terms compared, each used in at least ${MIN_FINDING_MEETINGS} meetings of its part; see the `,
    fig,
    ').',
  );
  return { id: `finding-${kind}-keyness`, parts };
}

export interface PhraseChange {
  phrase: string;
  first: {
    count: number;
    words: number;
    meetings: number;
    low: number;
    high: number;
    rate: number;
  };
  last: { count: number; words: number; meetings: number; low: number; high: number; rate: number };
  change: 'rose' | 'fell' | 'none';
  /** Why no change is stated (when change is none). */
  why?: 'overlap' | 'few' | 'one-meeting';
}

/** Each dictionary phrase's rate in the two periods, with the decision the summary takes. */
export function phraseChanges(
  tables: Pick<Tables, 'phrases' | 'turnStats'>,
  first: Period,
  last: Period,
): PhraseChange[] {
  const words = (p: Period) => partSize(tables.turnStats, (d) => inPeriod(d, p)).words;
  const wFirst = words(first);
  const wLast = words(last);
  const acc = new Map<string, { f: number; l: number; fDocs: Set<string>; lDocs: Set<string> }>();
  for (const r of tables.phrases) {
    let a = acc.get(r.phrase);
    if (!a) {
      a = { f: 0, l: 0, fDocs: new Set(), lDocs: new Set() };
      acc.set(r.phrase, a);
    }
    if (r.count <= 0) continue;
    if (inPeriod(r.date, first)) {
      a.f += r.count;
      a.fDocs.add(r.doc_id);
    } else if (inPeriod(r.date, last)) {
      a.l += r.count;
      a.lDocs.add(r.doc_id);
    }
  }
  const side = (count: number, w: number, docs: Set<string>) => {
    const [lo, hi] = poissonInterval(count);
    return {
      count,
      words: w,
      meetings: docs.size,
      rate: w > 0 ? (count / w) * 1e4 : 0,
      low: w > 0 ? (lo / w) * 1e4 : 0,
      high: w > 0 ? (hi / w) * 1e4 : Number.POSITIVE_INFINITY,
    };
  };
  const out: PhraseChange[] = [];
  for (const [phrase, a] of [...acc.entries()].sort(([x], [y]) => compareText(x, y))) {
    if (a.f + a.l === 0) continue;
    const f = side(a.f, wFirst, a.fDocs);
    const l = side(a.l, wLast, a.lDocs);
    const apart = l.low > f.high ? 'rose' : l.high < f.low ? 'fell' : undefined;
    const higher = apart === 'rose' ? l : f;
    let change: PhraseChange['change'] = 'none';
    let why: PhraseChange['why'];
    if (!apart || wFirst === 0 || wLast === 0) why = 'overlap';
    else if (higher.count < MIN_FINDING_COUNT) why = 'few';
    else if (higher.meetings < MIN_FINDING_MEETINGS) why = 'one-meeting';
    else change = apart;
    out.push({ phrase, first: f, last: l, change, ...(why ? { why } : {}) });
  }
  return out;
}

function phraseFinding(changes: PhraseChange[], first: Period, last: Period): Finding | undefined {
  if (changes.length === 0) return undefined;
  const item = (c: PhraseChange): Array<string | Link> => [
    concordanceLink(c.phrase, c.phrase, true),
    ` (${fmt1(c.first.rate)} → ${fmt1(c.last.rate)} per 10,000 words; 95% intervals ${fmt1(c.first.low)}–${fmt1(c.first.high)} and ${fmt1(c.last.low)}–${fmt1(c.last.high)})`,
  ];
  const rose = changes.filter((c) => c.change === 'rose');
  const fell = changes.filter((c) => c.change === 'fell');
  const rest = changes.filter((c) => c.change === 'none');
  const parts: Array<string | Link | Fold> = [
    `Dictionary phrases, ${first.name} against ${last.name}: `,
  ];
  if (rose.length > 0) parts.push(...listParts(rose.map(item)), ' rose');
  if (rose.length > 0 && fell.length > 0) parts.push('; ');
  if (fell.length > 0) parts.push(...listParts(fell.map(item)), ' fell');
  if (rose.length === 0 && fell.length === 0)
    parts.push('no phrase rose or fell by the standard of this summary');
  parts.push(
    ` (all speech; exact Poisson intervals that do not overlap, at least ${MIN_FINDING_COUNT} uses in ${MIN_FINDING_MEETINGS} or more meetings of the higher period; see the `,
    { text: 'phrase rates', href: '#fig-phrase-rates' },
    ').',
  );
  if (rest.length > 0) {
    const few = rest.filter((c) => c.why !== 'overlap').length;
    const none: Array<string | Link> = [
      'For ',
      ...listParts(rest.map((c) => [concordanceLink(c.phrase, c.phrase, true)])),
      ` no change is stated: the intervals overlap` +
        (few > 0
          ? `, or the uses are too few or come from a single meeting (${formatInt(few)} of them)`
          : '') +
        '.',
    ];
    // A long list would bury the changes above it: fold it under its count.
    if (rest.length > FOLD_LIST_OVER)
      parts.push(' ', {
        summary: `No change shown for ${formatInt(rest.length)} phrases`,
        parts: none,
      });
    else parts.push(' ', ...none);
  }
  return { id: 'finding-phrases', parts };
}

function toneFinding(stance: StanceSummary | undefined): Finding {
  const p = stance?.scorers.find((s) => s.scorer === 'project');
  const atChance = p !== undefined && p.pearson_ci[0] <= 0 && p.pearson_ci[1] >= 0;
  return {
    id: 'finding-tone',
    parts: [
      'Tone is not summarised here, and no sentence of this summary reads it as an attitude: ' +
        (p && atChance
          ? `on speeches labelled for or against a motion, the tone score did no better than chance at telling them apart (r = ${p.pearson.toFixed(3).replace('-', '−')}; see `
          : 'tone scores measure the colour of words, not what a speaker is for or against (see '),
      { text: 'Methods', href: '#methods' },
      ' and the ',
      { text: 'tone figures', href: '#fig-sentiment-by-side' },
      ').',
    ],
  };
}

/** The findings, in the order the summary prints them. */
export function buildFindings(input: FindingsInput): Finding[] {
  const { tables, comparisons: c } = input;
  const out: Finding[] = [];
  const byComparison = (prefix: string) => {
    const first = tables.keyness.find((k) => k.comparison.startsWith(prefix));
    return first ? tables.keyness.filter((k) => k.comparison === first.comparison) : [];
  };
  const periodSize = (name: string) => {
    const p = c?.periods
      ? [c.periods.target, c.periods.reference].find((x) => x.name === name)
      : undefined;
    return p ? partSize(tables.turnStats, (d) => inPeriod(d, p)) : undefined;
  };
  const sideSize = (name: string) => {
    const g = c?.sides
      ? [c.sides.target, c.sides.reference].find((x) => x.name === name)
      : undefined;
    return g ? partSize(tables.turnStats, (_, side) => g.sides.includes(side)) : undefined;
  };
  const periods = keyFinding('period', byComparison('period:'), periodSize);
  if (periods) out.push(periods);
  if (c?.periods) {
    const p = phraseFinding(
      phraseChanges(tables, c.periods.target, c.periods.reference),
      c.periods.target,
      c.periods.reference,
    );
    if (p) out.push(p);
  }
  const sides = keyFinding('side', byComparison('side:'), sideSize);
  if (sides) out.push(sides);
  out.push(toneFinding(input.stance));
  return out;
}

function linkHtml(l: Link): string {
  const attrs = Object.entries(l.attrs ?? {})
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${esc(v)}"`))
    .join('');
  return `<a href="${esc(l.href)}"${attrs}>${esc(l.text)}</a>`;
}

function partHtml(p: string | Link | Fold): string {
  if (typeof p === 'string') return esc(p);
  if (isFold(p))
    return `<details class="finding-fold"><summary>${esc(p.summary)}</summary>${p.parts.map(partHtml).join('')}</details>`;
  return linkHtml(p);
}

/** The summary section (placed before the corpus table). */
export function findingsSection(list: readonly Finding[]): string {
  const items = list.map((f) => `<li id="${esc(f.id)}">${f.parts.map(partHtml).join('')}</li>`);
  return `<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
<p class="note">Generated from the tables below by the rules stated in each sentence; each links to its evidence. A change or difference not listed here is not shown by these numbers, which is not the same as shown to be absent. The phrase intervals treat every use as independent, so they do not include the variation between meetings; with few meetings per period, read them as a lower bound on the uncertainty.</p>
<ul class="findings">
${items.join('\n')}
</ul>
</section>`;
}
