/**
 * Lexical diversity per speaker and meeting (lexical_diversity.csv): how
 * many different words a speaker used in a meeting, and the moving-average
 * type–token ratio (MATTR; Covington & McFall 2010), which unlike the plain
 * ratio of types to tokens does not fall just because someone spoke longer.
 *
 * Tokens are the words of the speaker's speech turns by the project's one
 * word rule (pipeline/words.ts), lower-cased; types are the distinct ones.
 * MATTR is the mean, over every window of `window` consecutive tokens of the
 * speaker's speech in the meeting (turns joined in order), of the window's
 * types ÷ `window`; it is empty when the speaker spoke fewer words than one
 * window, because then the ratio would again depend on length.
 */
import {
  base,
  colour,
  dateX,
  figure,
  MAX_TIME_MEETINGS,
  type Row,
  sidesOf,
} from '../pipeline/figures/kit.js';
import type { Figure } from '../pipeline/figures/types.js';
import type { Transcript } from '../pipeline/types.js';
import { WORD } from '../pipeline/words.js';
import { DATE, DOC, SIDE, SPEAKER } from './columns.js';
import { defineAnalysis } from './contract.js';
import { type FigureOptions, sidePalette } from './figure-options.js';
import { c, type Results } from './tables.js';

export interface LexicalDiversityRow {
  doc_id: string;
  date: string;
  speaker: string;
  side: string;
  tokens: number;
  types: number;
  /** Moving-average type–token ratio; null when tokens < window. */
  mattr: number | null;
}

declare module './tables.js' {
  interface Results {
    lexicalDiversity: LexicalDiversityRow[];
  }
}

export const LEXICAL_DIVERSITY_DEFAULTS = {
  /** Tokens per window of the moving-average type–token ratio. */
  window: 100,
} as const;

/** Fewest speaker-meetings with a ratio before the figure is drawn. */
const MIN_POINTS = 2;

/**
 * The mean over every window of `window` consecutive tokens of its distinct
 * tokens ÷ `window` (one pass: counts updated as the window slides); null
 * for fewer tokens than one window.
 */
export function movingAverageTtr(tokens: readonly string[], window: number): number | null {
  const ids = new Map<string, number>();
  const numbered = tokens.map((t) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
    }
    return id;
  });
  return numberedTtr(numbered, ids.size, window);
}

/** movingAverageTtr of tokens given as numbers 0 … kinds − 1. */
function numberedTtr(tokens: readonly number[], kinds: number, window: number): number | null {
  if (window < 1 || tokens.length < window) return null;
  const counts = new Int32Array(kinds);
  let distinct = 0;
  for (let i = 0; i < window; i++) if (counts[tokens[i]!]!++ === 0) distinct++;
  let sum = distinct;
  for (let i = window; i < tokens.length; i++) {
    if (counts[tokens[i]!]!++ === 0) distinct++;
    if (--counts[tokens[i - window]!]! === 0) distinct--;
    sum += distinct;
  }
  return sum / (tokens.length - window + 1) / window;
}

/** One row per speaker of the document, speakers in order of first turn. */
export function lexicalDiversityRows(
  t: Transcript,
  window: number = LEXICAL_DIVERSITY_DEFAULTS.window,
): LexicalDiversityRow[] {
  // Tokens by number, per speaker (numbers shared by the document's speakers).
  const ids = new Map<string, number>();
  const bySpeaker = new Map<string, { side: string; tokens: number[]; types: Set<number> }>();
  for (const turn of t.turns) {
    let s = bySpeaker.get(turn.speaker);
    if (!s) {
      s = { side: turn.side, tokens: [], types: new Set() };
      bySpeaker.set(turn.speaker, s);
    }
    for (const m of turn.text.matchAll(WORD)) {
      const form = m[0].toLowerCase();
      let id = ids.get(form);
      if (id === undefined) {
        id = ids.size;
        ids.set(form, id);
      }
      s.tokens.push(id);
      s.types.add(id);
    }
  }
  return [...bySpeaker].map(([speaker, s]) => ({
    doc_id: t.docId,
    date: t.metadata.date,
    speaker,
    side: s.side,
    tokens: s.tokens.length,
    types: s.types.size,
    mattr: numberedTtr(s.tokens, ids.size, window),
  }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The parts of every document as one table: by doc_id, then speaker. */
export function mergeLexicalDiversity(
  parts: Iterable<readonly LexicalDiversityRow[]>,
): LexicalDiversityRow[] {
  return [...parts]
    .flat()
    .sort((a, b) => cmp(a.doc_id, b.doc_id) || cmp(a.speaker, b.speaker) || cmp(a.side, b.side));
}

/**
 * The figure's points: each speaker-meeting with a ratio; above
 * MAX_TIME_MEETINGS meetings, one point per side and calendar year (the
 * mean of its speaker-meetings' ratios weighted by their words), so the
 * figure stays readable and small however large the corpus.
 */
export function lexicalDiversityPoints(rows: readonly LexicalDiversityRow[]): {
  data: Row[];
  yearly: boolean;
} {
  const drawn = rows
    .filter((r) => r.mattr !== null && r.date !== '')
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.doc_id, b.doc_id) || cmp(a.speaker, b.speaker));
  const yearly = new Set(drawn.map((r) => r.doc_id)).size > MAX_TIME_MEETINGS;
  if (!yearly) {
    const data = drawn.map((r) => ({
      doc_id: r.doc_id,
      date: r.date,
      speaker: r.speaker,
      side: r.side,
      tokens: r.tokens,
      types: r.types,
      mattr: round4(r.mattr!),
    }));
    return { data, yearly };
  }
  const groups = new Map<
    string,
    { year: string; side: string; n: number; tokens: number; sum: number }
  >();
  for (const r of drawn) {
    const year = r.date.slice(0, 4);
    const k = `${year}\u0000${r.side}`;
    const g = groups.get(k) ?? { year, side: r.side, n: 0, tokens: 0, sum: 0 };
    g.n++;
    g.tokens += r.tokens;
    g.sum += r.mattr! * r.tokens;
    groups.set(k, g);
  }
  const data = [...groups.values()]
    .sort((a, b) => cmp(a.year, b.year) || cmp(a.side, b.side))
    .map((g) => ({
      doc_id: '',
      date: `${g.year}-07-01`,
      speaker: `${g.n} speaker-meetings`,
      side: g.side,
      tokens: g.tokens,
      types: null,
      mattr: round4(g.sum / g.tokens),
    }));
  return { data, yearly };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** MATTR over time, coloured by side (see lexicalDiversityPoints). */
export function lexicalDiversityFigure(
  results: Results,
  options: FigureOptions = {},
): Figure | undefined {
  const palette = sidePalette(options);
  const { data, yearly } = lexicalDiversityPoints(results.lexicalDiversity);
  if (data.length < MIN_POINTS) return undefined;
  const window = LEXICAL_DIVERSITY_DEFAULTS.window;
  const sides = sidesOf(data, palette);
  const values = data.map((d) => Number(d.mattr));
  const lo = Math.min(...values).toFixed(2);
  const hi = Math.max(...values).toFixed(2);
  const title = 'Lexical diversity of each speaker per meeting';
  const pooled = yearly
    ? ` With more than ${MAX_TIME_MEETINGS} meetings, each point is one side's calendar year: the mean of its speaker-meetings' ratios, weighted by their words.`
    : '';
  const caption = `Moving-average type–token ratio (MATTR, windows of ${window} words) of each speaker's speech in each meeting, by side; speakers with fewer than ${window} words in a meeting are not drawn. Words as counted everywhere, lower-cased.${pooled}`;
  const alt = `Scatter plot of ${data.length} ${yearly ? 'side-years' : 'speaker-meetings'}: MATTR from ${lo} to ${hi} (${sides.join(', ')}).`;
  const spec = {
    ...base(title, `MATTR, windows of ${window} words`, alt, data),
    width: 400,
    height: 220,
    mark: { type: 'point', filled: true, opacity: 0.7 },
    encoding: {
      x: dateX(data.map((d) => String(d.date))),
      y: { field: 'mattr', type: 'quantitative', title: 'MATTR', scale: { zero: false } },
      color: colour(sides, palette),
      tooltip: [
        { field: 'speaker', title: yearly ? 'Pooled' : 'Speaker' },
        { field: 'doc_id', title: 'Meeting' },
        { field: 'mattr', title: 'MATTR', format: '.3f' },
        { field: 'tokens', title: 'Words' },
        { field: 'types', title: 'Different words' },
      ],
    },
  };
  return figure('lexical-diversity', title, caption, alt, spec, data, [
    'doc_id',
    'date',
    'speaker',
    'side',
    'tokens',
    'types',
    'mattr',
  ]);
}

export const lexicalDiversity = defineAnalysis<LexicalDiversityRow[]>({
  id: 'lexical-diversity',
  description:
    'Per speaker and meeting: words (tokens), different words (types) and the moving-average type–token ratio.',
  defaults: LEXICAL_DIVERSITY_DEFAULTS,
  tables: [
    {
      name: 'lexical_diversity',
      key: 'lexicalDiversity',
      unit: 'one speaker in one meeting',
      description: `How varied each speaker's vocabulary was in each meeting. Tokens are the words of the speaker's speech turns (the word rule of documents.csv), lower-cased. MATTR (moving-average type–token ratio, Covington & McFall 2010): the speaker's turns in the meeting are joined in order, every window of ${LEXICAL_DIVERSITY_DEFAULTS.window} consecutive words is taken, and the mean of (different words in the window ÷ ${LEXICAL_DIVERSITY_DEFAULTS.window}) reported; unlike types ÷ tokens it does not fall only because someone spoke longer.`,
      order: 'doc_id, speaker',
      rowLevel: false,
      columns: [
        DOC,
        DATE,
        SPEAKER,
        SIDE,
        c(
          'tokens',
          "Words in the speaker's speech in the meeting (turns.csv's words summed per speaker; a joint turn counts under its joint name).",
        ),
        c('types', 'Different words among them (lower-cased).'),
        c(
          'mattr',
          `Moving-average type–token ratio over windows of ${LEXICAL_DIVERSITY_DEFAULTS.window} words (0–1); empty when the speaker spoke fewer than ${LEXICAL_DIVERSITY_DEFAULTS.window} words.`,
        ),
      ],
    },
  ],
  perDocument: ({ transcript }) => lexicalDiversityRows(transcript),
  merge: (parts) => ({ lexicalDiversity: mergeLexicalDiversity(parts) }),
  figures: [lexicalDiversityFigure],
  figureTables: [
    {
      id: 'lexical-diversity',
      unit: 'one speaker in one meeting with at least one window of words (above 60 meetings: one side in one calendar year)',
      description: 'The lexical diversity figure: MATTR per speaker and meeting over time.',
      order: 'date, doc_id, speaker',
      columns: [
        c('doc_id', 'Document id (see documents.csv); empty for a point pooling a calendar year.'),
        c(
          'date',
          "Meeting date (YYYY-MM-DD; undated meetings are not drawn); for a pooled point, that year's 1 July.",
        ),
        c('speaker', 'The speaker; for a pooled point, how many speaker-meetings it pools.'),
        SIDE,
        c('tokens', 'Words the speaker spoke in the meeting (pooled: all of them).'),
        c('types', 'Different words among them; empty for a pooled point.'),
        c(
          'mattr',
          'Moving-average type–token ratio, rounded to 4 decimals (pooled: the mean weighted by words).',
        ),
      ],
    },
  ],
  methods: (results) => {
    const n = results.lexicalDiversity.filter((r) => r.mattr !== null).length;
    if (results.lexicalDiversity.length === 0) return undefined;
    return `Lexical diversity is the moving-average type–token ratio (Covington and McFall 2010) of each speaker's words in each meeting, over windows of ${LEXICAL_DIVERSITY_DEFAULTS.window} words (${n} of ${results.lexicalDiversity.length} speaker-meetings were long enough to have one).`;
  },
});
