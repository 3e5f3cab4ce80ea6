/**
 * The codebook of reports/data/: every file, its unit (what one row is) and
 * every column with how it is computed. `codebook()` renders it as the
 * README.md written next to the tables; CODEBOOK is the same as data (tests
 * check that every column the analyses write is documented here). The data
 * tables' entries are declared by their analyses (analyses/contract.ts).
 */
import { CI_HIGH, CI_LOW, DATE, DOC, PER_10K, SIDE, SPEAKER, TURN, WORDS_RULE } from './columns.js';
import { ANALYSES } from './index.js';
import { type CodebookColumn, c } from './tables.js';

export type { CodebookColumn };

export interface CodebookFile {
  file: string;
  /** What one row is. */
  unit: string;
  description: string;
  /** Order of rows. */
  order: string;
  columns: CodebookColumn[];
}

/** Every data table, in the registry's order (each analysis declares its own: analyses/contract.ts). */
export const CODEBOOK: CodebookFile[] = ANALYSES.flatMap((a) =>
  a.tables.map((t) => ({
    file: `${t.name}.csv`,
    unit: t.unit,
    description: t.description,
    order: t.order,
    columns: t.columns,
  })),
);

/** The two keyness figure CSVs share their columns; `field` is the colour column. */
function keynessFigureEntry(file: string, field: 'side' | 'period', what: string): CodebookFile {
  return {
    file,
    unit: `one key term of ${what}`,
    description: `The terms most characteristic of each part of ${what}, from keyness.csv; "target" and "reference" are that comparison's.`,
    order: 'log_ratio descending, term',
    columns: [
      c('term', 'The term.'),
      c('key_for', `The ${field} it is relatively more frequent in (the target or the reference).`),
      c(field, 'Same as key_for (the colour).'),
      c('log_ratio', 'Log Ratio, positive = more frequent in the target.'),
      c('g2', 'Log-likelihood G².'),
      c('p', 'p of G² (χ², 1 df), uncorrected.'),
      c('significance', '"p < 0.05" or "p ≥ 0.05".'),
      c('count_target', 'Occurrences in the target.'),
      c('count_reference', 'Occurrences in the reference.'),
      c('range_target', 'Meetings in which the target used the term.'),
      c('range_reference', 'Meetings in which the reference used the term.'),
    ],
  };
}

const FIG_DATE = c(
  'date',
  "Meeting date (YYYY-MM-DD); for a point pooling a calendar year, that year's 1 July.",
);
const FIG_TITLE = c(
  'title',
  'Archive title of the meeting; for a point pooling a calendar year, the year and how many meetings it pools.',
);
const FIG_DOC = c(
  'doc_id',
  'Document id (see documents.csv); empty for a point pooling a calendar year.',
);
const FIG_MEETING = c(
  'meeting',
  'The meeting as labelled in the figure (date and speakers, or date).',
);
const FIG_MEAN_ROWS = [
  FIG_DOC,
  FIG_DATE,
  FIG_TITLE,
  c('speaker', 'Speaker (empty in the by-side figure).'),
  SIDE,
  c('sentences', 'Sentences behind the mean (n); fewer than 5 are drawn as a hollow point.'),
  c('mean', 'Mean sentence score.'),
  c(
    'ci_low',
    'Lower end of the 95% interval (bootstrap per meeting, normal approximation per year); empty for fewer than 2 sentences.',
  ),
  c('ci_high', 'Upper end of the 95% interval; empty for fewer than 2 sentences.'),
  c('coverage', 'Share of sentences with at least one sentiment-bearing word or negator (0–1).'),
];

/**
 * The tables under reports/figures/: <id>.csv holds exactly the rows the
 * figure <id> plots (also inlined in <id>.vl.json). Documented with the data
 * tables so every CSV the report writes has a codebook entry.
 */
export const FIGURE_CODEBOOK: CodebookFile[] = [
  {
    file: 'figures/phrase-rates.csv',
    unit: 'one dictionary phrase, side and meeting (or calendar year, for large corpora)',
    description: 'The headline figure: rates of the dictionary phrases over time, by side.',
    order: 'phrase (as shown), date, doc_id, side',
    columns: [
      c('phrase', 'Dictionary key.'),
      FIG_DOC,
      FIG_DATE,
      FIG_TITLE,
      SIDE,
      c('count', "Matches of the phrase in the side's speech."),
      c('words', 'Words the side spoke.'),
      PER_10K,
      c('ci_low', 'Lower end of the exact 95% Poisson interval (Garwood), per 10,000 words.'),
      c('ci_high', 'Upper end of the exact 95% Poisson interval, per 10,000 words.'),
    ],
  },
  {
    file: 'figures/sentiment-by-side.csv',
    unit: 'one side in one meeting (or calendar year)',
    description: 'Mean sentence sentiment over time, by side.',
    order: 'date, doc_id, side',
    columns: FIG_MEAN_ROWS,
  },
  {
    file: 'figures/sentiment-by-speaker.csv',
    unit: 'one speaker in one meeting (or calendar year)',
    description: 'Mean sentence sentiment over time, by speaker.',
    order: 'speaker (as shown), date, doc_id',
    columns: FIG_MEAN_ROWS,
  },
  {
    file: 'figures/top-terms.csv',
    unit: 'one of the most frequent content terms of one speaker',
    description:
      "Each ranked speaker's most frequent content terms (stop words and the kept function words we, our, not … left out; speakers under the minimum of words left out, named in the caption).",
    order: 'speaker (by side, then name), rank',
    columns: [
      SPEAKER,
      SIDE,
      c('rank', '1 = most frequent; ties broken by term.'),
      c('term', 'The term.'),
      c('label', 'Axis label: term and raw count.'),
      c('count', "Occurrences over all the speaker's meetings."),
      c('words', 'Words the speaker spoke in all.'),
      PER_10K,
    ],
  },
  keynessFigureEntry(
    'figures/keyness.csv',
    'side',
    'the side comparison (comparisons.sides in corpus.yaml, or the two sides that spoke the most words)',
  ),
  keynessFigureEntry(
    'figures/keyness-periods.csv',
    'period',
    'the period comparison (comparisons.periods in corpus.yaml, or the first and last third of the span of meeting dates)',
  ),
  {
    file: 'figures/speech-share.csv',
    unit: 'one speaker in one meeting',
    description: "Each speaker's share of the words spoken in a meeting.",
    order: 'date, doc_id, side, speaker',
    columns: [
      DOC,
      DATE,
      FIG_MEETING,
      SPEAKER,
      SIDE,
      c('side_order', 'Position of the side in the legend (segments are stacked in this order).'),
      c('turns', 'Speech turns.'),
      c('words', 'Words spoken.'),
      c('share_words', 'words ÷ all words spoken in the meeting (0–1).'),
    ],
  },
  {
    file: 'figures/sentiment-arc.csv',
    unit: 'one speech turn of a shown meeting',
    description: 'Sentiment turn by turn, with the moving average drawn.',
    order: 'meeting (date), turn',
    columns: [
      DOC,
      DATE,
      FIG_MEETING,
      TURN,
      SPEAKER,
      SIDE,
      c('sentences', 'Sentences in the turn.'),
      c('sentences_covered', 'Sentences with at least one sentiment-bearing word or negator.'),
      c('mean', 'Mean sentence score of the turn.'),
      c('rolling_mean', 'Centred moving average over 5 turns, weighted by sentences.'),
    ],
  },
  {
    file: 'figures/dispersion.csv',
    unit: 'one match of a shown dictionary key in a shown meeting',
    description: 'Where the headline keys occur in each conversation.',
    order: 'phrase (as shown), date, doc_id, position',
    columns: [
      DOC,
      DATE,
      FIG_MEETING,
      c('phrase', 'Dictionary key.'),
      c('position', "Share of the meeting's spoken words before the match (0–1)."),
      TURN,
      SPEAKER,
      SIDE,
      c('match', 'The match as written.'),
    ],
  },
  {
    file: 'figures/target-tone.csv',
    unit: 'one target, side and calendar year',
    description: 'Mean score of the sentences that mention each target.',
    order: 'target, year, side',
    columns: [
      c('year', 'Calendar year.'),
      c('date', '1 July of the year (where the point is drawn).'),
      c('target', 'Target key from corpus/sentiment.yaml.'),
      SIDE,
      c('sentences', 'Sentences mentioning the target (n); fewer than 5 are drawn hollow.'),
      c('mean', 'Mean sentence score.'),
      CI_LOW,
      CI_HIGH,
      c('coverage', 'Share of those sentences with a sentiment-bearing word or negator (0–1).'),
    ],
  },
  {
    file: 'figures/sentiment-drivers.csv',
    unit: "one word driving one side's scores in one shown year, by polarity",
    description: 'The strongest contributors to the sentence scores (from sentiment_drivers.csv).',
    order: 'year, side, polarity, rank',
    columns: [
      c('year', 'Calendar year.'),
      SIDE,
      c('polarity', '"positive" or "negative".'),
      c('rank', '1 = strongest.'),
      c('term', 'The word, or "(negation)".'),
      c('sentences', 'Sentences it contributed to.'),
      c('contribution', 'Summed signed contribution to the sentence scores.'),
    ],
  },
  // The figures the analyses own (analyses/contract.ts) follow the built-in ones.
  ...ANALYSES.flatMap((a) =>
    (a.figureTables ?? []).map((f) => ({
      file: `figures/${f.id}.csv`,
      unit: f.unit,
      description: f.description,
      order: f.order,
      columns: f.columns,
    })),
  ),
];

function section(out: string[], f: CodebookFile): void {
  out.push(
    `## ${f.file}`,
    '',
    `One row = ${f.unit}. ${f.description}`,
    '',
    `Rows ordered by: ${f.order}.`,
    '',
  );
  out.push('| column | meaning |', '| --- | --- |');
  for (const col of f.columns)
    out.push(`| ${col.name} | ${col.description.replace(/\|/g, '\\|')} |`);
  out.push('');
}

/** reports/data/README.md */
export function codebook(): string {
  const out: string[] = [
    '# Data tables: codebook',
    '',
    "Every table of the report as tidy CSV (RFC 4180 quoting, UTF-8, LF line ends, header row) and, for the aggregated tables, the same rows as JSON in <table>.json (the row-level tables turns, segments, terms, phrases, kwic and sentences are CSV only, to keep the output small). Numbers have at most 6 decimals; booleans are true/false. Rows are grouped by document (= meeting, doc_id starts with its date), speaker and side. Only speech counts: editorial insertions ([…]), stage directions ((…)) and trailers are shown in the corpus but never counted as anyone's words.",
    '',
    `- ${WORDS_RULE}`,
    '- Rates are per 10,000 words of the group in question (per_10k).',
    '- Rankings break ties by term, so two runs give identical files.',
    '- Text cells are verbatim, so a cell may begin with =, +, - or @ (a turn that opens with "-2 divisions…"). R and pandas read them as text; a spreadsheet program would run them as formulas, so open the copies that `npm run analyze -- --spreadsheet-copies` writes to spreadsheet/ instead (such cells prefixed with an apostrophe).',
    '',
  ];
  for (const f of CODEBOOK) section(out, f);
  out.push(
    '# Figure tables (../figures/<id>.csv)',
    '',
    'Each figure under reports/figures/ comes with <id>.csv: exactly the rows it plots, also inlined in <id>.vl.json. Empty cells are missing values (an interval not computed), never zeros.',
    '',
  );
  for (const f of FIGURE_CODEBOOK) section(out, f);
  out.push(
    '## <table>.json',
    '',
    'For each aggregated table above (all but turns, segments, terms, phrases, kwic and sentences), the same rows as JSON: {"columns": [names], "rows": [[values in column order], …]}; numbers as JSON numbers, true/false as booleans, empty values as null.',
    '',
  );
  return out.join('\n');
}
