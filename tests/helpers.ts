import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Comparisons, resolveComparisons } from '../analyses/comparisons.js';
import { loadComparisons } from '../pipeline/comparisons-config.js';
import { describe as describeDoc } from '../pipeline/describe.js';
import type { PipelineOptions, PipelineResult } from '../pipeline/index.js';
import { ingest } from '../pipeline/ingest.js';
import { normalize } from '../pipeline/normalize.js';
import { loadRegistry } from '../pipeline/registry.js';
import { segment } from '../pipeline/segment.js';
import type { CorpusFiles, Registry, Transcript } from '../pipeline/types.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const REPO = join(import.meta.dirname, '..');
/** The compiled command line (built by `npm test`'s pretest). */
export const CLI = join(REPO, '.build', 'pipeline', 'cli.js');

/** Runs the compiled `npm run analyze` with these arguments, from the repository root. */
export function runCli(args: readonly string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The shipped configuration files a corpus needs besides raw/ (corpus.yaml is per corpus). */
export const SHIPPED_CONFIG = [
  'speakers.yaml',
  'dictionary.yaml',
  'stopwords.txt',
  'sentiment.yaml',
];

/** Writes a corpus folder at `dir`: the shipped configuration and these raw files. */
export function corpusWithShippedConfig(
  dir: string,
  raw: Record<string, string | Uint8Array>,
): string {
  mkdirSync(join(dir, 'raw'), { recursive: true });
  for (const f of SHIPPED_CONFIG) cpSync(join(REPO, 'corpus', f), join(dir, f));
  for (const [name, content] of Object.entries(raw)) writeFileSync(join(dir, 'raw', name), content);
  return dir;
}

/**
 * Runs the compiled pipeline (built by `npm test`'s pretest, so that it finds
 * its worker scripts and package.json) in this process: no cache, two
 * annotation threads, figures drawn in this thread.
 */
export async function runBuiltPipeline(
  options: Pick<PipelineOptions, 'corpus' | 'scratchDir' | 'emit' | 'retainAll'>,
): Promise<PipelineResult> {
  const { runPipeline } = (await import(
    join(REPO, '.build', 'pipeline', 'index.js')
  )) as typeof import('../pipeline/index.js');
  return runPipeline({ kwicTerms: [], cacheDir: null, workers: 2, renderWorkers: 0, ...options });
}

export function tinyRegistry(): Registry {
  return loadRegistry(readFileSync(join(FIXTURES, 'tiny', 'speakers.yaml'), 'utf8'));
}

/** Runs ingest → normalize → describe → segment on one in-memory file. */
export function transcriptOf(
  name: string,
  text: string | Uint8Array,
  registry = tinyRegistry(),
): Transcript {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const { documents, diagnostics } = ingest([{ name, bytes }]);
  const raw = documents[0];
  if (!raw) throw new Error(`not ingested: ${JSON.stringify(diagnostics)}`);
  return segment(describeDoc(normalize(raw), registry), registry);
}

/** The text of each non-break segment, with its kind. */
export function segmentsOf(t: Transcript): Array<[string, string]> {
  return t.segments
    .filter((s) => s.kind !== 'break')
    .map((s) => [s.kind, t.text.slice(s.start, s.end)]);
}

/** A process id that is certainly not running any more (a child that has exited). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

/** The configuration texts the per-document stage is built from, as a corpus holds them. */
export function annotateInputs(corpus: Pick<CorpusFiles, 'config'>) {
  const text = (name: string) => corpus.config.get(name) ?? '';
  return {
    speakers: text('speakers.yaml'),
    dictionary: text('dictionary.yaml'),
    stopwords: text('stopwords.txt'),
    sentiment: text('sentiment.yaml'),
  };
}

/** The comparisons the shipped corpus.yaml states (Albania vs DPRK, 1959-1961 vs 1964-1966). */
export function shippedComparisons(): Comparisons {
  const text = readFileSync(join(REPO, 'corpus', 'corpus.yaml'), 'utf8');
  return resolveComparisons(loadComparisons(text), []);
}
