import { loadCorpusConfig, loadDefaultSide } from './corpus-config.js';
import { describe, type MetadataOverride } from './describe.js';
import { ConfigError } from './errors.js';
import { ingest } from './ingest.js';
import { normalize } from './normalize.js';
import { createLabelDetector, splitParagraphs, zoneParagraphs } from './paragraphs.js';
import { loadRegistry } from './registry.js';
import { segment } from './segment.js';
import { corpusLinks, nameLabels } from './speaker-names.js';
import type { CorpusFiles, Diagnostic, RawDocument, Registry, Transcript } from './types.js';

export interface TranscriptModel {
  registry: Registry;
  overrides: Map<string, MetadataOverride>;
  transcripts: Transcript[];
  /** Corpus-level diagnostics (skipped files, config notes); per-document ones live on each Transcript. */
  diagnostics: Diagnostic[];
}

/** A corpus ingested and configured, before any per-document work. */
export interface PreparedCorpus {
  registry: Registry;
  overrides: Map<string, MetadataOverride>;
  /** Ingested documents in file-name order (duplicates and non-transcripts left out). */
  documents: RawDocument[];
  /** Corpus-level diagnostics (skipped files, config notes). */
  diagnostics: Diagnostic[];
}

/**
 * The whole-corpus part of building the model: registry and overrides
 * loaded, files ingested (duplicates need every file), configuration checked.
 * Configuration errors throw (ConfigError).
 */
export function prepareCorpus(corpus: CorpusFiles): PreparedCorpus {
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
  // Checked here, before any document is read; used for speakers.suggested.yaml.
  if (corpusYaml !== undefined) loadDefaultSide(corpusYaml, 'corpus.yaml');

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
  linkAcrossRecords(ingested.documents, registry);
  return { registry, overrides, documents: ingested.documents, diagnostics };
}

/**
 * Sets each document's `corpusLinks`: its one-word unregistered names that
 * the other records name in full (pipeline/speaker-names.ts corpusLinks).
 * The records' labels are read once here for it, before the documents are
 * processed (a document's reading then depends on its links, which the
 * cache key covers).
 */
function linkAcrossRecords(documents: RawDocument[], registry: Registry): void {
  const detect = createLabelDetector(registry);
  const people = new Map<string, string[]>();
  for (const raw of documents) {
    const text = normalize(raw).text;
    const zones = zoneParagraphs(splitParagraphs(text), detect);
    if (zones.firstTurn < 0) continue;
    const names = nameLabels(zones.labels, text, registry).unregistered;
    if (names.size > 0) people.set(raw.sourceFile, [...new Set([...names.values()].flat())]);
  }
  if (people.size < 2) return;
  const links = corpusLinks(people, registry);
  for (const raw of documents) {
    const own = links.get(raw.sourceFile);
    if (own) raw.corpusLinks = own;
  }
}

/** normalize → describe → segment for one ingested document. */
export function buildTranscript(
  raw: RawDocument,
  registry: Registry,
  override: MetadataOverride | undefined,
): Transcript {
  return segment(describe(normalize(raw), registry, override), registry);
}

/** Documents are ordered by meeting date (undated last), then id (stable sort, in place). */
export function sortTranscripts<T>(items: T[], of: (x: T) => Transcript): T[] {
  return items.sort((x, y) => {
    const a = of(x);
    const b = of(y);
    const da = a.metadata.date || '9999';
    const db = b.metadata.date || '9999';
    return da < db ? -1 : da > db ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
  });
}

/**
 * ingest → normalize → describe → segment for every file of a corpus, in
 * this thread. Configuration errors throw (ConfigError); data problems
 * become diagnostics.
 */
export function buildTranscripts(corpus: CorpusFiles): TranscriptModel {
  const { registry, overrides, documents, diagnostics } = prepareCorpus(corpus);
  const transcripts = sortTranscripts(
    documents.map((raw) => buildTranscript(raw, registry, overrides.get(raw.sourceFile))),
    (t) => t,
  );
  return { registry, overrides, transcripts, diagnostics };
}

/** segments.csv rows of transcripts (every segment but breaks, numbered per document). */
export function segmentRows(transcripts: readonly Transcript[]) {
  return transcripts.flatMap((t) =>
    t.segments
      .filter((s) => s.kind !== 'break')
      .map((s, i) => ({
        doc_id: t.docId,
        segment: i + 1,
        kind: s.kind,
        rule: s.rule,
        paragraph: s.paragraph,
        line: s.line,
        start: s.start,
        end: s.end,
        turn: s.turn ?? '',
        speaker: s.speaker ?? '',
        text: t.text.slice(s.start, s.end),
      })),
  );
}
