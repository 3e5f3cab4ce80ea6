import { type Annotator, createAnnotator } from '../analyses/annotate.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { createSentenceScorer } from '../analyses/sentiment/scorer.js';
import { loadStopwords, stopwordSet } from '../analyses/stopwords.js';
import type { AnnotateInputs } from './annotate-stage.js';
import { loadRegistry } from './registry.js';

/** Builds the annotator (and this thread's one wink instance) from configuration texts. */
export function buildAnnotator(inputs: AnnotateInputs): Annotator {
  const sentiment = loadSentimentConfig(inputs.sentiment, 'sentiment.yaml');
  return createAnnotator({
    registry: loadRegistry(inputs.speakers, 'speakers.yaml'),
    dictionary: loadDictionary(inputs.dictionary, 'dictionary.yaml'),
    stopwords: stopwordSet(loadStopwords(inputs.stopwords, 'stopwords.txt')),
    makeScorer: (nlp, its) => createSentenceScorer(nlp, its, sentiment.overrides),
  });
}
