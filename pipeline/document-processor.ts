import { combinableFold, type PartFold } from '../analyses/contract.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { ANALYSES, documentParts } from '../analyses/index.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { createSentenceScorer } from '../analyses/sentiment/scorer.js';
import { loadStopwords, stopwordSet } from '../analyses/stopwords.js';
import { type Annotator, createAnnotator } from './annotate.js';
import type { MetadataOverride } from './describe.js';
import { inStage } from './errors.js';
import {
  type AnnotateInputs,
  type DocumentSettings,
  type ProcessedDocument,
  withOutputs,
} from './processed-document.js';
import { loadRegistry } from './registry.js';
import { countedSpeech } from './speech.js';
import { buildTranscript } from './transcripts.js';
import type { RawDocument } from './types.js';

/** The configuration texts, parsed and validated once. */
interface ParsedInputs {
  registry: ReturnType<typeof loadRegistry>;
  dictionary: ReturnType<typeof loadDictionary>;
  sentiment: ReturnType<typeof loadSentimentConfig>;
  stopwords: ReturnType<typeof loadStopwords>;
}

function parseInputs(inputs: AnnotateInputs): ParsedInputs {
  return {
    registry: loadRegistry(inputs.speakers, 'speakers.yaml'),
    dictionary: loadDictionary(inputs.dictionary, 'dictionary.yaml'),
    sentiment: loadSentimentConfig(inputs.sentiment, 'sentiment.yaml'),
    stopwords: loadStopwords(inputs.stopwords, 'stopwords.txt'),
  };
}

/** Builds the annotator (and this thread's one wink instance) from configuration texts. */
export function buildAnnotator(inputs: AnnotateInputs, parsed = parseInputs(inputs)): Annotator {
  return createAnnotator({
    registry: parsed.registry,
    dictionary: parsed.dictionary,
    stopwords: stopwordSet(parsed.stopwords),
    makeScorer: (nlp, its) => createSentenceScorer(nlp, its, parsed.sentiment.overrides),
  });
}

/**
 * normalize → describe → segment → annotate → per-document analyses for one
 * ingested document, with this thread's one annotator. No wink document and
 * no AnnotatedDocument outlives the call: only plain, compact results leave.
 */
export function buildDocumentProcessor(
  settings: DocumentSettings,
): (raw: RawDocument, override: MetadataOverride | undefined) => ProcessedDocument {
  // Each configuration file is parsed once here (YAML with line numbers is not cheap).
  const parsed = parseInputs(settings.inputs);
  const annotator = buildAnnotator(settings.inputs, parsed);
  const registry = parsed.registry;
  const analysisSettings = {
    dictionary: parsed.dictionary,
    kwicTerms: settings.kwicTerms,
    sentiment: { targets: parsed.sentiment.targets },
    stopwords: parsed.stopwords,
    collocateTerms: settings.collocateTerms ?? [],
  };
  const partsOf = documentParts(analysisSettings);
  return (raw, override) => {
    const transcript = inStage('segment', () => buildTranscript(raw, registry, override));
    // The analyses see only the speech they count; the transcript itself stays whole.
    const counted = countedSpeech(transcript, settings.speech ?? 'all');
    const annotated = inStage('annotate', () => annotator.annotate(counted));
    const parts = inStage('analyse', () => partsOf({ transcript: counted, annotated }));
    return inStage('outputs', () =>
      withOutputs({ transcript, tokens: annotated.tokens, parts }, settings),
    );
  };
}

/**
 * A worker thread's folds: each part of an analysis whose fold can be saved
 * and combined (analyses/contract.ts PartFold.save) is folded in here as the
 * document is done and taken out of what is sent; `saved` is sent once, at
 * the end, and the main thread combines it with the other workers' folds
 * and with the documents read from the cache. The sum is the same.
 */
export class WorkerFolds {
  private readonly folds: Array<{ id: string; fold: Required<PartFold<unknown>>; acc: unknown }> =
    [];

  constructor(analyses = ANALYSES) {
    for (const a of analyses) {
      const fold = combinableFold(a);
      if (fold) this.folds.push({ id: a.id, fold, acc: fold.start() });
    }
  }

  /** Folds in the document's parts that are folded here, and takes them out of `parts`. */
  take(parts: Record<string, unknown>): void {
    for (const f of this.folds) {
      if (!(f.id in parts)) continue;
      f.fold.add(f.acc, parts[f.id]);
      delete parts[f.id];
    }
  }

  /** Each fold as plain data, by analysis id. */
  saved(): Record<string, unknown> {
    return Object.fromEntries(this.folds.map((f) => [f.id, f.fold.save(f.acc)]));
  }
}
