/**
 * The per-document part of the analyses: everything that needs one document
 * only (dictionary matching for phrases and KWIC, term counts per speaker,
 * sentence sentiment with the per-document bootstrap intervals). It runs
 * where the document is annotated (a worker thread for large corpora) and
 * returns compact plain data (structured-clone and v8-serializable) that
 * analyses/index.ts merges into exactly the tables a single pass over the
 * corpus gives.
 */
import type { AnnotatedDocument, Transcript } from '../pipeline/types.js';
import { type SpeakerDoc, speakerDocs } from './terms.js';
import type { Dictionary } from './types.js';

export interface DocumentPartial {
  docId: string;
  /** wink word tokens of the document. */
  tokens: number;
  /** Term counts per speaker (terms and keyness). */
  units: SpeakerDoc[];
  /** The per-document parts of the analyses that declare one (analyses/contract.ts), by id. */
  parts: Record<string, unknown>;
}

export interface PartialSettings {
  dictionary: Dictionary;
  kwicTerms: readonly string[];
  sentiment: { targets: Array<{ key: string; patterns: string[] }> };
}

/** A function computing each document's partial (per-configuration work done once). */
export function documentPartials(
  settings: PartialSettings,
  parts: (doc: {
    transcript: Transcript;
    annotated: AnnotatedDocument;
  }) => Record<string, unknown> = () => ({}),
): (t: Transcript, a: AnnotatedDocument) => DocumentPartial {
  return (t, a) => {
    return {
      docId: t.docId,
      tokens: a.tokens,
      units: speakerDocs([a]),
      parts: parts({ transcript: t, annotated: a }),
    };
  };
}
