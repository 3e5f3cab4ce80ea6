/**
 * The codebook of reports/data/: every file, its unit (what one row is) and
 * every column with how it is computed. `codebook()` renders it as the
 * README.md written next to the tables; CODEBOOK is the same as data (tests
 * check that every column the analyses write is documented here).
 */

export interface CodebookColumn {
  name: string;
  description: string;
}

export interface CodebookFile {
  file: string;
  /** What one row is. */
  unit: string;
  description: string;
  /** Order of rows. */
  order: string;
  columns: CodebookColumn[];
}

const c = (name: string, description: string): CodebookColumn => ({ name, description });

const DOC = c(
  'doc_id',
  'Document id: the source file name without extension (date first, so ids sort by date).',
);
const DATE = c(
  'date',
  'Meeting date, ISO YYYY-MM-DD, or YYYY-MM / YYYY when only the month / year is known (see date_precision in documents.csv); from the text or corpus/corpus.yaml; empty if unknown.',
);
const SPEAKER = c('speaker', 'Canonical speaker name from corpus/speakers.yaml.');
const SIDE = c(
  'side',
  'The speaker\'s side from corpus/speakers.yaml ("Albania", "DPRK"; "Unknown" if unregistered).',
);
const TURN = c('turn', 'Turn number, 1-based within the document.');
const WORDS_RULE =
  'Words are counted by one rule everywhere (pipeline/words.ts): a run of letters or digits, inner apostrophes and hyphens kept ("Marxist-Leninist" = 1 word); only speech counts.';
const PER_10K = c('per_10k', 'count ÷ words × 10,000 (0 when words is 0).');
const SENTIMENT_NOTE =
  'Sentence scores come from the project scorer (analyses/sentiment/scorer.ts, wink-nlp lexicon with calibrated negation, intensifiers and contrast; see its doc comment), in [-1, 1]; 0 when no sentiment-bearing word.';

const CI_LOW = c(
  'ci_low',
  'Lower end of the 95% bootstrap interval of the mean; empty when fewer than 2 sentences (one value has no interval).',
);
const CI_HIGH = c(
  'ci_high',
  'Upper end of the 95% bootstrap interval of the mean; empty when fewer than 2 sentences.',
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

export const CODEBOOK: CodebookFile[] = [
  {
    file: 'documents.csv',
    unit: 'one document (one meeting record)',
    description: 'The corpus as read: provenance and size of every document.',
    order: 'doc_id',
    columns: [
      DOC,
      DATE,
      c(
        'date_precision',
        'How precise the date is: "day", "month" (a record dated only "April 1950": date 1950-04) or "year" (date YYYY, from corpus.yaml); empty without a date. Figures draw a month-only date on the first day of its month and a year-only date on 1 January; tables sort it before the days of that month (or year).',
      ),
      c('title', 'Title of the record.'),
      c('source_file', 'File name under corpus/raw/.'),
      c(
        'source_format',
        'Kind of file: txt, md, html (saved web page), pdf or docx; html, pdf and docx were converted to text (corpus/<doc_id>.json keeps that text as "original").',
      ),
      c(
        'sha256',
        'SHA-256 of the raw file bytes (hex; of the file itself for html, pdf and docx), so the input can be verified.',
      ),
      c('speakers', 'Speakers with at least one turn, in order of first turn, joined with "; ".'),
      c('turns', 'Number of speech turns.'),
      c('words', `Words spoken in all turns. ${WORDS_RULE}`),
      c(
        'speech',
        'How the record gives speech: "verbatim" (every turn in the speaker\'s own words), "summary" (every turn reported by the note-taker, e.g. "Stalin asks how they traveled"), "mixed", or empty when it has no turns.',
      ),
      c('archive_ref', 'Archive reference (e.g. "AQPPSH, MPP Korese, D 3, V. 1966").'),
      c('translator', 'Translator named in the citation.'),
      c('source_url', 'Where the translation was published.'),
      c('participants', 'Participants named in the opening narrative, joined with "; ".'),
      c(
        'warnings',
        'Diagnostics of severity warning or error for this document (see diagnostics.csv).',
      ),
    ],
  },
  {
    file: 'turns.csv',
    unit: 'one speech turn',
    description:
      'Every speech turn with its speech text only: editorial insertions ([…]), stage directions ((…)) and trailers are removed and never counted.',
    order: 'doc_id, turn',
    columns: [
      DOC,
      DATE,
      TURN,
      SPEAKER,
      c(
        'speakers',
        'Each person of the turn, joined with "; ": one, or several for a joint label ("Comrades Hysni Kapo and Ramiz Alia:", whose speaker is "Hysni Kapo and Ramiz Alia").',
      ),
      SIDE,
      c(
        'mode',
        '"direct" (the speaker\'s own words) or "reported" (the note-taker\'s report of them: a turn opened by the name and a verb of saying, "Stalin asks …", or a labelled turn opening "Greets the delegation and asks …" / "He said that …"). Counts include both.',
      ),
      c('words', `Words in the turn's speech text. ${WORDS_RULE}`),
      c('text', 'The speech text as displayed (paragraphs separated by a blank line).'),
    ],
  },
  {
    file: 'segments.csv',
    unit: "one segment of a document's normalised text",
    description:
      'How every paragraph was classified (header, narrative, label, speech, editorial, stage, trailer); together the segments cover the whole text. For checking the segmentation.',
    order: 'doc_id, segment',
    columns: [
      DOC,
      c('segment', 'Segment number, 1-based within the document (paragraph breaks not listed).'),
      c(
        'kind',
        "header | narrative | label | speech | editorial | stage | trailer. Only speech counts as a speaker's words.",
      ),
      c('rule', 'Id of the rule that classified it.'),
      c('paragraph', '1-based paragraph of the normalised text.'),
      c('line', '1-based line of the segment start in the normalised text.'),
      c('start', 'Start offset (characters) in the normalised text (corpus/<doc_id>.json "text").'),
      c('end', 'End offset (exclusive).'),
      c('turn', 'Turn number for segments inside a turn, else empty.'),
      c('speaker', 'Speaker for segments inside a turn, else empty.'),
      c('text', "The segment's text."),
    ],
  },
  {
    file: 'terms.csv',
    unit: 'one term used by one speaker in one document',
    description:
      'Per-speaker term frequencies. Terms come from annotation (pipeline/annotate.ts, wink-nlp): lemmas lower-cased; multi-word names from the speaker registry and the dictionary kept as one term ("kim il sung", "soviet union", "marxist-leninist", whatever the dashes); words in corpus/stopwords.txt, punctuation, numbers and single letters dropped. Terms a speaker never used in a document have no row.',
    order: 'doc_id, speaker, count desc, term',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('term', 'The term (lemma, lower case; or a multi-word name).'),
      c('count', 'Times the speaker used the term in the document.'),
      c('per_10k', 'count ÷ words of that speaker in that document × 10,000.'),
      c(
        'tf_idf',
        'tf × idf, tf = count ÷ words of that speaker in that document, idf = ln(N ÷ df), N = number of (document, speaker) pairs, df = pairs using the term. 0 for a term every speaker uses in every document.',
      ),
    ],
  },
  {
    file: 'terms_by_side.csv',
    unit: 'one term of one side, whole corpus',
    description: 'terms.csv summed over every speaker and document of a side.',
    order: 'side, count desc, term',
    columns: [
      SIDE,
      c('term', 'The term.'),
      c('count', 'Times the side used it.'),
      c('words', 'Words spoken by the side in the corpus (denominator).'),
      PER_10K,
      c('rank', '1-based rank within the side: count desc, ties broken by term.'),
    ],
  },
  {
    file: 'terms_by_year.csv',
    unit: 'one term in one calendar year (all speakers)',
    description: 'terms.csv summed over every speaker and document of a year (year 0 = undated).',
    order: 'year, count desc, term',
    columns: [
      c('year', 'Year of the meeting date.'),
      c('term', 'The term.'),
      c('count', 'Times it was used that year.'),
      c('words', "Words spoken in that year's documents (denominator)."),
      PER_10K,
      c('rank', '1-based rank within the year: count desc, ties broken by term.'),
    ],
  },
  {
    file: 'terms_by_speaker.csv',
    unit: 'one term of one speaker, whole corpus',
    description:
      'terms.csv summed over every document of a speaker (for the top-terms-per-speaker figure). A joint turn ("Comrades Hysni Kapo and Ramiz Alia:", one row of terms.csv and turns.csv under the joint name) is credited to each of its people here, so these rows sum to more than the corpus by its words; terms.csv, terms_by_side.csv and terms_by_year.csv count it once.',
    order: 'speaker, side, count desc, term',
    columns: [
      SPEAKER,
      SIDE,
      c('term', 'The term.'),
      c('count', 'Times the speaker used it.'),
      c('words', 'Words spoken by the speaker in the corpus (denominator).'),
      PER_10K,
      c('rank', '1-based rank within the speaker: count desc, ties broken by term.'),
    ],
  },
  {
    file: 'phrases.csv',
    unit: 'one dictionary key for one speaker in one document',
    description:
      'Concept counts from corpus/dictionary.yaml (analyses/dictionary.ts): case-insensitive, whole words, `*` = any letters, hyphen/dash/space variants and plurals (also "Marxist-Leninist s") match; a stretch of text counts under one key only (leftmost, then longest match, then the key listed first), unless a key is marked independent. Matched on speech text only. Every (document, speaker, key) combination has a row, with count 0 where nothing matched, so rates over time show true zeros.',
    order: 'doc_id, speaker, phrase',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('phrase', 'The dictionary key, e.g. "revisionism".'),
      c(
        'count',
        "Matches of the key in the speaker's speech in the document (= its lines in kwic.csv).",
      ),
      c('words', 'Words of that speaker in that document (denominator).'),
      PER_10K,
    ],
  },
  {
    file: 'phrase_forms.csv',
    unit: 'one surface form matched by one key, whole corpus',
    description:
      'Exactly what was counted: every piece of text each key matched, as written (case kept, whitespace collapsed).',
    order: 'phrase, count desc, form',
    columns: [
      c('phrase', 'The dictionary key.'),
      c('form', 'The matched text, e.g. "Marxist - Leninist", "N.S. Khrushchev".'),
      c('count', "Times this form was matched (sums to the key's total in phrases.csv)."),
    ],
  },
  {
    file: 'kwic.csv',
    unit: 'one match (a line of the concordance)',
    description:
      'Keyword in context for every dictionary match, so the number of lines of a key equals its total count in phrases.csv, plus lines for extra terms asked for on the command line (their phrase is the term; "<term> (term)" if the term is also a dictionary key).',
    order: 'phrase, doc_id, turn, place in the turn',
    columns: [
      c('phrase', 'The dictionary key or extra term.'),
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      TURN,
      c(
        'left',
        "Up to 60 characters of the same turn's speech before the match, whitespace collapsed.",
      ),
      c('match', 'The matched text as written.'),
      c('right', "Up to 60 characters of the same turn's speech after the match."),
      c(
        'position',
        'Where the match falls in the meeting: words spoken in the document before it ÷ all words spoken in it (0–1).',
      ),
    ],
  },
  {
    file: 'keyness.csv',
    unit: 'one term in one comparison',
    description:
      'Terms one part of the corpus uses more (log_ratio > 0) or less (< 0) than another: "side:<target> vs <reference>" (two sides, from comparisons.sides in corpus.yaml or else the two sides that spoke the most words), "speaker:<name> vs rest" (each speaker against everyone else), "period:<target> vs <reference>" (two named date ranges, from comparisons.periods in corpus.yaml or else the first and last third of the span of meeting dates). Only terms with count_target + count_reference ≥ 5. Corpus sizes are words spoken (see documents.csv).',
    order: 'comparison, g2 desc, term',
    columns: [
      c(
        'comparison',
        'Which comparison, e.g. "side:Albania vs DPRK" or "period:1959-1961 vs 1964-1966".',
      ),
      c('target', 'The part tested (side, speaker or period).'),
      c('reference', 'What it is compared with ("rest" = all other speakers).'),
      c('term', 'The term (as in terms.csv).'),
      c('count_target', 'Uses in the target.'),
      c('count_reference', 'Uses in the reference.'),
      c(
        'g2',
        'Log-likelihood G² (Dunning 1993) of the 2×2 table term/other words × target/reference: 2 Σ O·ln(O/E) over the four cells. 3.84 ≈ p 0.05, 6.63 ≈ p 0.01, 10.83 ≈ p 0.001.',
      ),
      c(
        'p',
        'Chi-square (1 degree of freedom) upper-tail probability of g2; not corrected for multiple testing. Written with 6 decimals, so values below 0.0000005 show as 0.',
      ),
      c(
        'log_ratio',
        "Log Ratio (Hardie 2014): log2 of the term's relative frequency in the target ÷ that in the reference; a zero count is replaced by 0.5. +1 = twice as frequent in the target, −1 = half.",
      ),
      c(
        'range_target',
        'Number of documents in which the target used the term (its dispersion on the target side).',
      ),
      c(
        'range_reference',
        'Number of documents in which the reference used the term (its dispersion on the reference side); a term key for the target may have range_reference 0.',
      ),
    ],
  },
  {
    file: 'turn_stats.csv',
    unit: 'one speaker in one document',
    description:
      'Who held the floor in each meeting. Each person of a joint turn ("Comrades Hysni Kapo and Ramiz Alia:") is credited with its turn and words, so a meeting with one can have shares summing to more than 1; turns.csv keeps the joint turn as one row.',
    order: 'doc_id, speaker',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('turns', "The speaker's turns in the document."),
      c('words', "The speaker's words in the document."),
      c('share_turns', 'turns ÷ all turns in the document (0–1).'),
      c('share_words', 'words ÷ all words spoken in the document (0–1).'),
      c('mean_turn_words', 'words ÷ turns.'),
      c('longest_turn_words', "Words in the speaker's longest turn."),
      c('opens', "true if the speaker has the document's first turn."),
      c('closes', "true if the speaker has the document's last turn."),
    ],
  },
  {
    file: 'sentences.csv',
    unit: 'one sentence of a speech turn',
    description: `Every sentence (wink-nlp sentence splitting, per paragraph) with its score. ${SENTIMENT_NOTE}`,
    order: 'date, doc_id, turn, sentence',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      TURN,
      c('sentence', 'Sentence number, 1-based within the turn.'),
      c('sentiment', 'Sentence score in [-1, 1].'),
      c(
        'covered',
        'true if the sentence has at least one sentiment-bearing word or negator (else its score is 0).',
      ),
      c('text', 'The sentence as written.'),
    ],
  },
  {
    file: 'sentiment.csv',
    unit: 'one speaker (level "speaker") or one side (level "side") in one document',
    description: `Mean sentence sentiment with an uncertainty interval. ${SENTIMENT_NOTE} ci_low/ci_high: 95% percentile bootstrap interval of the mean over sentences (2,000 resamples, seeded per group; analyses/sentiment/analysis.ts).`,
    order: 'date, doc_id, level, side, speaker',
    columns: [
      DOC,
      DATE,
      c('level', '"speaker" or "side".'),
      c('speaker', 'Speaker for level "speaker"; empty for level "side".'),
      SIDE,
      c('sentences', 'Sentences scored.'),
      c('mean', 'Mean sentence score.'),
      CI_LOW,
      CI_HIGH,
      c(
        'coverage',
        'Share of sentences with at least one sentiment-bearing word or negator (0–1).',
      ),
    ],
  },
  {
    file: 'sentiment_arc.csv',
    unit: 'one speech turn',
    description: 'Sentiment through each meeting, turn by turn.',
    order: 'date, doc_id, turn',
    columns: [
      DOC,
      DATE,
      TURN,
      SPEAKER,
      SIDE,
      c('sentences', 'Sentences in the turn.'),
      c('mean', 'Mean sentence score within the turn.'),
      c(
        'sentences_covered',
        "Number of the turn's sentences with at least one sentiment-bearing word or negator.",
      ),
    ],
  },
  {
    file: 'sentiment_drivers.csv',
    unit: 'one word driving sentiment for one side in one year, by polarity',
    description:
      "The words that move the scores: each sentiment-bearing word's summed contribution.",
    order: 'year, side, polarity, rank',
    columns: [
      c('year', 'Year of the meeting date.'),
      SIDE,
      c(
        'term',
        'The sentiment-bearing word (lower case); "(negation)" is every negator ("not", "no", "never", …), each of which adds a small negative term.',
      ),
      c('polarity', '"positive" or "negative".'),
      c('sentences', 'Sentences of that side and year in which the word contributed.'),
      c('contribution', 'Sum of its signed contributions to sentence scores.'),
      c('rank', '1-based rank within (year, side, polarity) by |contribution| desc, ties by term.'),
    ],
  },
  {
    file: 'sentiment_targets.csv',
    unit: 'one target (e.g. the Soviet Union) for one side in one year',
    description:
      'Mean sentiment of the sentences that mention a target (targets and their patterns in corpus/sentiment.yaml).',
    order: 'year, target, side',
    columns: [
      c('year', 'Year of the meeting date.'),
      c('target', 'Target key, e.g. "soviet-union", "china", "united-states", "yugoslavia".'),
      SIDE,
      c('sentences', 'Sentences mentioning the target.'),
      c('mean', 'Mean score of those sentences.'),
      CI_LOW,
      CI_HIGH,
      c(
        'coverage',
        'Share of those sentences with at least one sentiment-bearing word or negator (0–1).',
      ),
    ],
  },
];

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
