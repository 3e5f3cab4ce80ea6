/**
 * Small pure helpers that turn analysis rows into the exact rows a figure
 * plots. Kept apart from the specs so each can be tested with plain numbers.
 */
import { compareText } from './theme.js';

/** Rounds for the inlined data: enough digits for any plot, stable text in the spec. */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** P(X ≤ k) for X ~ Poisson(mu), summed term by term (k ≤ EXACT_LIMIT keeps e^−mu representable). */
function poissonCdf(k: number, mu: number): number {
  let term = Math.exp(-mu);
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mu / i;
    sum += term;
  }
  return sum;
}

/** Largest count for which the exact interval is computed; above it Byar's formula is within 0.1%. */
const EXACT_LIMIT = 300;

/** Bisection for the mu at which a decreasing function of mu crosses `target`. */
function solve(f: (mu: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Exact (Garwood 1936) 95% interval for a Poisson count: the means under
 * which the observed count would sit at the 2.5% tail on either side. For
 * large counts Byar's approximation (Rothman & Greenland) is used instead.
 * Deterministic: fixed iteration count, no randomness.
 */
export function poissonInterval(count: number, alpha = 0.05): [number, number] {
  const c = Math.max(0, Math.round(count));
  if (c > EXACT_LIMIT) {
    const z = 1.959964;
    const lower = c * (1 - 1 / (9 * c) - z / (3 * Math.sqrt(c))) ** 3;
    const c1 = c + 1;
    const upper = c1 * (1 - 1 / (9 * c1) + z / (3 * Math.sqrt(c1))) ** 3;
    return [lower, upper];
  }
  // The interval depends on the count alone: solved once per count (the
  // trends table asks for the same small counts a hundred thousand times).
  const known = alpha === 0.05 ? EXACT_95[c] : undefined;
  if (known) return [known[0], known[1]];
  const hi = c + 20 + 10 * Math.sqrt(c + 1);
  const upper = solve((mu) => poissonCdf(c, mu), alpha / 2, 0, hi);
  const lower = c === 0 ? 0 : solve((mu) => poissonCdf(c - 1, mu), 1 - alpha / 2, 0, hi);
  if (alpha === 0.05) EXACT_95[c] = [lower, upper];
  return [lower, upper];
}

/** poissonInterval(c) for alpha 0.05, by count, as solved. */
const EXACT_95: Array<readonly [number, number]> = [];

/** ISO year of a YYYY-MM-DD date, or undefined. */
export function yearOf(date: string): number | undefined {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return m ? Number(m[1]) : undefined;
}

/** First and last calendar year in the data; 1959–1966 (the shipped corpus) when none. */
export function yearSpan(dates: Iterable<string>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const d of dates) {
    const y = yearOf(d);
    if (y === undefined) continue;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  return Number.isFinite(lo) ? [lo, hi] : [1959, 1966];
}

/** Key for maps over composite keys (the separator cannot occur in ids or names). */
export function key(...parts: Array<string | number>): string {
  return parts.join('\u0000');
}

export interface Meeting {
  docId: string;
  date: string;
  /** Short label for axes and facet headers: "1966-06-20 · Enver Hoxha – An Yong". */
  label: string;
  title: string;
}

/** Speakers named in a meeting's label; the label is repeated in figure rows. */
const LABEL_SPEAKERS = 6;

/**
 * "A – B – C", or the first few and how many more: a record with thousands
 * of speakers would otherwise put a label of thousands of names in every
 * row of every figure (memory and report size grew with speakers squared).
 */
function speakerList(names: readonly string[]): string {
  if (names.length <= LABEL_SPEAKERS) return names.join(' – ');
  return `${names.slice(0, LABEL_SPEAKERS - 1).join(' – ')} and ${names.length - LABEL_SPEAKERS + 1} others`;
}

/** A row naming a document and its date. */
interface DatedRow {
  doc_id: string;
  date: string;
}

/** The tables meetings() reads (structural: this module imports no analysis). */
export interface MeetingTables {
  turns: ReadonlyArray<{ doc_id: string; turn: number; speaker: string }>;
  documents: ReadonlyArray<DatedRow & { title: string; speakers: string }>;
  turnStats: readonly DatedRow[];
  sentimentArc: readonly DatedRow[];
  kwic: readonly DatedRow[];
}

/**
 * One entry per document in date order (then id), labelled by date and the
 * speakers in order of first turn, which is shorter and more telling on an
 * axis than the archive title.
 */
export function meetings(tables: MeetingTables): Meeting[] {
  const speakers = new Map<string, Set<string>>();
  for (const t of [...tables.turns].sort((a, b) => a.turn - b.turn)) {
    const list = speakers.get(t.doc_id) ?? new Set<string>();
    list.add(t.speaker);
    speakers.set(t.doc_id, list);
  }
  const docs = new Map<string, Meeting>();
  for (const d of tables.documents) {
    const names = [...(speakers.get(d.doc_id) ?? d.speakers.split(/;\s*/).filter(Boolean))];
    docs.set(d.doc_id, {
      docId: d.doc_id,
      date: d.date,
      title: d.title,
      label: `${d.date || 'undated'} · ${speakerList(names) || d.doc_id}`,
    });
  }
  // Documents known only from other tables still get a label.
  for (const r of [...tables.turnStats, ...tables.sentimentArc, ...tables.kwic]) {
    if (!docs.has(r.doc_id)) {
      docs.set(r.doc_id, {
        docId: r.doc_id,
        date: r.date,
        title: r.doc_id,
        label: `${r.date || 'undated'} · ${speakerList([...(speakers.get(r.doc_id) ?? [])]) || r.doc_id}`,
      });
    }
  }
  return [...docs.values()].sort(
    (a, b) => compareText(a.date, b.date) || compareText(a.docId, b.docId),
  );
}

/**
 * Centred moving average over `window` turns, each turn weighted by its
 * number of sentences, so a one-sentence courtesy does not swing the curve
 * as much as a long statement.
 */
export function weightedRolling(
  values: ReadonlyArray<{ mean: number; sentences: number }>,
  window = 5,
): number[] {
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    let sum = 0;
    let weight = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      const v = values[j]!;
      sum += v.mean * v.sentences;
      weight += v.sentences;
    }
    return weight > 0 ? sum / weight : 0;
  });
}
