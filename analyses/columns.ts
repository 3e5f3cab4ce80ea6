/** Columns and notes that several tables share, with their codebook text. */
import { c } from './tables.js';

export const DOC = c(
  'doc_id',
  'Document id: the source file name without extension (date first, so ids sort by date).',
);
export const DATE = c(
  'date',
  'Meeting date, ISO YYYY-MM-DD, or YYYY-MM / YYYY when only the month / year is known (see date_precision in documents.csv); from the text or corpus/corpus.yaml; empty if unknown.',
);
export const SPEAKER = c('speaker', 'Canonical speaker name from corpus/speakers.yaml.');
export const SIDE = c(
  'side',
  'The speaker\'s side from corpus/speakers.yaml ("Albania", "DPRK"; "Unknown" if unregistered).',
);
export const TURN = c('turn', 'Turn number, 1-based within the document.');
export const WORDS_RULE =
  'Words are counted by one rule everywhere (pipeline/words.ts): a run of letters or digits, inner apostrophes and hyphens kept ("Marxist-Leninist" = 1 word); only speech counts.';
export const PER_10K = c('per_10k', 'count ÷ words × 10,000 (0 when words is 0).');
export const SENTIMENT_NOTE =
  'Sentence scores come from the project scorer (analyses/sentiment/scorer.ts, wink-nlp lexicon with calibrated negation, intensifiers and contrast; see its doc comment), in [-1, 1]; 0 when no sentiment-bearing word.';

export const CI_LOW = c(
  'ci_low',
  'Lower end of the 95% bootstrap interval of the mean; empty when fewer than 2 sentences (one value has no interval).',
);
export const CI_HIGH = c(
  'ci_high',
  'Upper end of the 95% bootstrap interval of the mean; empty when fewer than 2 sentences.',
);
