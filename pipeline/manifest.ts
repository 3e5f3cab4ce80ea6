/**
 * manifest.json: what a run read and how it was configured — the tool and
 * package versions, every input file with its checksum, format and
 * encoding, the options and configuration in force, and how much of the
 * speech was counted — so that a result can be traced to what made it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Comparisons } from '../analyses/comparisons.js';
import { type LoadedConfig, PROJECT_ROOT } from './config.js';
import { figureSoftware } from './figures/build.js';
import type { SpeechCounted } from './speech.js';
import type { Transcript } from './types.js';

/** The command-line options the manifest records. */
export interface ManifestOptions {
  kwicTerms: string[];
  collocateTerms?: string[];
  speech?: SpeechCounted;
  keepPresentNames?: boolean;
}

export function buildManifest(
  rawCount: number,
  transcripts: readonly Transcript[],
  config: LoadedConfig,
  opts: ManifestOptions,
  comparisons: Comparisons,
) {
  const require = createRequire(import.meta.url);
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const pkg = require(join(PROJECT_ROOT, 'package.json')) as { name: string; version: string };
  return {
    tool: { name: pkg.name, version: pkg.version },
    node: process.version,
    packages: {
      'wink-nlp': version('wink-nlp'),
      'wink-eng-lite-web-model': version('wink-eng-lite-web-model'),
      ...figureSoftware(),
    },
    inputs: transcripts.map((t) => ({
      doc_id: t.docId,
      source_file: `raw/${t.sourceFile}`,
      sha256: t.sha256,
      bytes: t.bytes,
      source_format: t.sourceFormat,
      encoding: t.encoding,
    })),
    configuration: {
      kwic_terms: [...opts.kwicTerms].sort(),
      collocate_terms: [...(opts.collocateTerms ?? [])].sort(),
      speech: speechCounted(transcripts, opts.speech ?? 'all'),
      keyness_present_names: opts.keepPresentNames ? 'kept' : 'left out',
      comparisons,
      dictionary: config.dictionary,
      stopwords: config.stopwords,
      sentiment_overrides: Object.fromEntries(
        [...config.sentiment.overrides.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      sentiment_targets: config.sentiment.targets,
      files_sha256: Object.fromEntries(
        Object.entries(config.files).map(([name, text]) => [name, sha256(text)]),
      ),
    },
    skipped: rawCount - transcripts.length,
  };
}

/** Which speech was counted, and how much reported speech the corpus holds (methods text). */
function speechCounted(transcripts: readonly Transcript[], counted: SpeechCounted) {
  let reportedTurns = 0;
  let reportedWords = 0;
  let quotedWords = 0;
  let turns = 0;
  for (const t of transcripts)
    for (const u of t.turns) {
      turns++;
      if (u.mode === 'reported') {
        reportedTurns++;
        reportedWords += u.words;
        quotedWords += u.quotedWords ?? 0;
      }
    }
  const speech = { counted, turns, reported_turns: reportedTurns, reported_words: reportedWords };
  // Quotations inside reported turns (the speaker's own words): recorded when there are any.
  return quotedWords > 0 ? { ...speech, quoted_words: quotedWords } : speech;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
