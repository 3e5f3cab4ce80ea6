import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as describeDoc } from '../pipeline/describe.js';
import type { PipelineOptions, PipelineResult } from '../pipeline/index.js';
import { ingest } from '../pipeline/ingest.js';
import { normalize } from '../pipeline/normalize.js';
import { loadRegistry } from '../pipeline/registry.js';
import { segment } from '../pipeline/segment.js';
import type { Registry, Transcript } from '../pipeline/types.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const REPO = join(import.meta.dirname, '..');

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
