/**
 * Start-up: a cold `analyze` of the shipped corpus against a bare script that
 * loads wink-nlp and reads the same files (bare.ts). Both run as child
 * processes with plain `node`, alternating, median of `runs` each.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { median, medianStages, type PipelineTimings, readTimings, runChecked } from './run.js';

export interface StartupResult {
  corpus: string;
  runs: number;
  bare_wall_s: number;
  pipeline_wall_s: number;
  /** pipeline ÷ bare wall time (target ≤ 3). */
  ratio: number;
  bare_runs_s: number[];
  pipeline_runs_s: number[];
  bare_documents: number | null;
  bare_tokens: number | null;
  pipeline_documents: number | null;
  pipeline_stages: Record<string, number>;
}

export async function measureStartup(opts: {
  pipeline: readonly string[];
  bareScript: string;
  corpus: string;
  runs: number;
  tmp: string;
  log?: (line: string) => void;
}): Promise<StartupResult> {
  const corpus = resolve(opts.corpus);
  const bareRuns: number[] = [];
  const pipeRuns: number[] = [];
  const timings: Array<PipelineTimings | null> = [];
  let bare: { documents?: number; tokens?: number } = {};
  await mkdir(opts.tmp, { recursive: true });
  for (let i = 1; i <= opts.runs; i++) {
    const b = await runChecked([process.execPath, opts.bareScript, corpus]);
    bareRuns.push(b.wall_s);
    bare = JSON.parse(b.stdout.trim().split('\n').pop() ?? '{}') as typeof bare;
    const out = join(opts.tmp, `startup-out-${i}`);
    const timingsFile = join(opts.tmp, `startup-timings-${i}.json`);
    const p = await runChecked([
      ...opts.pipeline,
      '--corpus',
      corpus,
      '--out',
      out,
      '--no-cache',
      '--quiet',
      '--timings',
      timingsFile,
    ]);
    pipeRuns.push(p.wall_s);
    timings.push(await readTimings(timingsFile));
    opts.log?.(
      `start-up run ${i}/${opts.runs}: bare ${b.wall_s.toFixed(2)} s, pipeline ${p.wall_s.toFixed(2)} s`,
    );
  }
  const bare_wall_s = median(bareRuns);
  const pipeline_wall_s = median(pipeRuns);
  return {
    corpus,
    runs: opts.runs,
    bare_wall_s,
    pipeline_wall_s,
    ratio: pipeline_wall_s / bare_wall_s,
    bare_runs_s: bareRuns,
    pipeline_runs_s: pipeRuns,
    bare_documents: bare.documents ?? null,
    bare_tokens: bare.tokens ?? null,
    pipeline_documents: timings.find((t) => t?.documents !== undefined)?.documents ?? null,
    pipeline_stages: medianStages(timings.map((t) => t?.stages)),
  };
}
