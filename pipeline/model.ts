import { loadCorpusConfig } from './corpus-config.js';
import { describe, type MetadataOverride } from './describe.js';
import { ConfigError } from './errors.js';
import { ingest } from './ingest.js';
import type { CorpusFiles } from './io.js';
import { normalize } from './normalize.js';
import { loadRegistry } from './registry.js';
import { segment } from './segment.js';
import type { Diagnostic, Registry, Transcript } from './types.js';

export interface TranscriptModel {
  registry: Registry;
  overrides: Map<string, MetadataOverride>;
  transcripts: Transcript[];
  /** Corpus-level diagnostics (skipped files, config notes); per-document ones live on each Transcript. */
  diagnostics: Diagnostic[];
}

/**
 * ingest → normalize → describe → segment for every file of a corpus.
 * Configuration errors throw (ConfigError); data problems become diagnostics.
 */
export function buildTranscripts(corpus: CorpusFiles): TranscriptModel {
  const speakersText = corpus.config.get('speakers.yaml');
  if (speakersText === undefined) {
    throw new ConfigError(
      'speakers.yaml',
      undefined,
      'expected a speaker registry speakers.yaml in the corpus folder, found none',
    );
  }
  const registry = loadRegistry(speakersText, 'speakers.yaml');
  const corpusYaml = corpus.config.get('corpus.yaml');
  const overrides =
    corpusYaml === undefined
      ? new Map<string, MetadataOverride>()
      : loadCorpusConfig(corpusYaml, 'corpus.yaml');

  const diagnostics: Diagnostic[] = [...corpus.diagnostics];
  const ingested = ingest(corpus.raw);
  diagnostics.push(...ingested.diagnostics);
  const names = new Set(ingested.documents.map((d) => d.sourceFile));
  for (const name of overrides.keys()) {
    if (!names.has(name)) {
      diagnostics.push({
        file: 'corpus.yaml',
        rule: 'config/override-unknown-file',
        severity: 'warning',
        message: `overrides given for "${name}", which is not among the transcripts in raw/`,
      });
    }
  }
  const transcripts = ingested.documents.map((raw) =>
    segment(describe(normalize(raw), registry, overrides.get(raw.sourceFile)), registry),
  );
  // Documents are ordered by meeting date (undated last), then id.
  transcripts.sort((a, b) => {
    const da = a.metadata.date || '9999';
    const db = b.metadata.date || '9999';
    return da < db ? -1 : da > db ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
  });
  if (ingested.documents.length === 0) {
    diagnostics.push({
      file: 'raw/',
      rule: 'ingest/no-documents',
      severity: 'error',
      message:
        corpus.raw.length === 0
          ? 'the raw/ folder is empty: no transcripts to analyse'
          : 'no usable transcript in raw/ (see the warnings above)',
    });
  }
  return { registry, overrides, transcripts, diagnostics };
}
