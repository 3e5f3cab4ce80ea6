/**
 * What a run reads besides the documents: the corpus folder's configuration
 * (speakers.yaml, dictionary.yaml, stopwords.txt, sentiment.yaml,
 * corpus.yaml), parsed and validated once before any document is processed,
 * and the scorer's measured agreement and stance results committed with it
 * (analyses/sentiment/agreement.json, stance.json), which the methods text cites.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComparisonsConfig } from '../analyses/comparisons.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { parseStance, type StanceSummary } from '../analyses/sentiment/stance.js';
import { loadStopwords } from '../analyses/stopwords.js';
import { loadComparisons } from './comparisons-config.js';
import { ConfigError } from './errors.js';
import type { CorpusFiles } from './types.js';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LoadedConfig {
  inputs: { speakers: string; dictionary: string; stopwords: string; sentiment: string };
  dictionary: ReturnType<typeof loadDictionary>;
  stopwords: string[];
  sentiment: ReturnType<typeof loadSentimentConfig>;
  files: Record<string, string>;
  /** The comparisons: section of corpus.yaml, when it has one. */
  comparisons: ComparisonsConfig | undefined;
}

/** Validates all configuration up front, before any document is processed. */
export function loadConfig(corpus: CorpusFiles): LoadedConfig {
  const need = (name: string) => {
    const text = corpus.config.get(name);
    if (text === undefined)
      throw new ConfigError(
        name,
        undefined,
        `expected ${name} in the corpus folder ${corpus.dir}, found none`,
      );
    return text;
  };
  const inputs = {
    speakers: need('speakers.yaml'),
    dictionary: need('dictionary.yaml'),
    stopwords: need('stopwords.txt'),
    sentiment: corpus.config.get('sentiment.yaml') ?? '',
  };
  return {
    inputs,
    dictionary: loadDictionary(inputs.dictionary, 'dictionary.yaml'),
    stopwords: loadStopwords(inputs.stopwords, 'stopwords.txt'),
    sentiment: loadSentimentConfig(inputs.sentiment, 'sentiment.yaml'),
    comparisons: loadComparisons(corpus.config.get('corpus.yaml') ?? '', 'corpus.yaml'),
    files: Object.fromEntries([...corpus.config.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

/**
 * The sentence scorer's measured agreement with human ratings, as written by
 * `npm run bench:sentiment -- --write-agreement` (committed with the scorer),
 * so the methods paragraph cites measured figures without re-running the
 * benchmark. Empty when the file is absent.
 */
export function readAgreement(): Array<{
  file: string;
  scorer: string;
  n: number;
  pearson: number;
}> {
  try {
    const path = join(PROJECT_ROOT, 'analyses', 'sentiment', 'agreement.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as {
      measured?: Array<{ file: string; scorer: string; n: number; pearson: number }>;
    };
    return json.measured ?? [];
  } catch {
    return [];
  }
}

/**
 * The stance benchmark's result, as written by `npm run bench -- --stance
 * --write-stance` (committed with the scorer); undefined when absent.
 */
export function readStance(): StanceSummary | undefined {
  try {
    const path = join(PROJECT_ROOT, 'analyses', 'sentiment', 'stance.json');
    return parseStance(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
