/**
 * One corpus size: generate it, run the whole pipeline and the floor on the
 * same turn texts, `repeat` times each (alternating, so a busy moment on a
 * shared machine hits both), and keep the medians.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FloorResult } from './floor.js';
import { median, medianStages, type PipelineTimings, readTimings, runChecked } from './run.js';
import { writeSyntheticCorpus } from './synth.js';

export interface SizeResult {
  docs: number;
  corpus_bytes: number;
  turns: number;
  /** wink word tokens in the turn texts of turns.csv (counted by the floor). */
  tokens: number;
  /** What the pipeline says it annotated (timings "tokens"); should equal `tokens`. */
  pipeline_tokens_reported: number | null;
  repeats: number;
  /** Median time of the floor's readDoc loop (model load excluded). */
  floor_wall_s: number;
  floor_model_load_s: number;
  floor_peak_rss_mb: number;
  raw_tokens_per_s: number;
  /** Median wall time of the pipeline process, spawn to exit, measured by the harness. */
  pipeline_wall_s: number;
  /** Median of the pipeline's own wall_s (timings file), when reported. */
  pipeline_internal_wall_s: number | null;
  pipeline_tokens_per_s: number;
  /** pipeline tokens/s ÷ floor tokens/s. */
  ratio: number;
  /** Highest over the repeats; from the timings file, else polled /proc VmHWM. */
  peak_rss_mb: number | null;
  peak_rss_source: 'timings' | 'polled' | 'none';
  /** Highest VmHWM the harness saw by polling (a lower bound). */
  polled_rss_mb: number | null;
  /** Median seconds per pipeline stage, in the pipeline's order. */
  stages: Record<string, number>;
  /**
   * The same pipeline on one thread (`--workers 0`), when asked for
   * (--serial): its median wall time, tokens per second, that rate over the
   * floor's (what the whole pipeline costs per token in units of a bare
   * readDoc), and the speed-up the worker threads give over it.
   */
  serial: {
    wall_s: number;
    tokens_per_s: number;
    ratio: number;
    speedup: number;
  } | null;
  warnings: string[];
}

export interface SizeOptions {
  docs: number;
  repeat: number;
  pipeline: readonly string[];
  floorScript: string;
  sourceCorpus: string;
  tmp: string;
  seed: number;
  /** Run the pipeline with --no-cache instead of a fresh, empty cache folder. */
  uncached?: boolean;
  /** Also run the pipeline on one thread (--workers 0) each time. */
  serial?: boolean;
  keep?: boolean;
  log?: (line: string) => void;
}

export async function measureSize(opts: SizeOptions): Promise<SizeResult> {
  const log = opts.log ?? (() => {});
  const corpusDir = join(opts.tmp, 'corpus');
  const written = await writeSyntheticCorpus({
    sourceCorpus: opts.sourceCorpus,
    outDir: corpusDir,
    docs: opts.docs,
    seed: opts.seed,
  });
  log(
    `${opts.docs} docs: corpus written (${(written.bytes / 1e6).toFixed(1)} MB; copied ${written.config.join(', ') || 'no configuration files'})`,
  );

  const pipeWalls: number[] = [];
  const internalWalls: number[] = [];
  const timings: Array<PipelineTimings | null> = [];
  const floors: FloorResult[] = [];
  const polled: number[] = [];
  const reportedRss: number[] = [];
  const serialWalls: number[] = [];
  let turnsCsv: string | undefined;

  for (let r = 1; r <= opts.repeat; r++) {
    const out = join(opts.tmp, `out-${r}`);
    const cache = join(opts.tmp, `cache-${r}`);
    const timingsFile = join(opts.tmp, `timings-${r}.json`);
    const run = await runChecked([
      ...opts.pipeline,
      '--corpus',
      corpusDir,
      '--out',
      out,
      ...(opts.uncached ? ['--no-cache'] : ['--cache', cache]),
      '--quiet',
      '--timings',
      timingsFile,
    ]);
    const t = await readTimings(timingsFile);
    timings.push(t);
    pipeWalls.push(run.wall_s);
    if (typeof t?.wall_s === 'number') internalWalls.push(t.wall_s);
    if (typeof t?.peak_rss_mb === 'number') reportedRss.push(t.peak_rss_mb);
    if (run.polled_rss_mb !== null) polled.push(run.polled_rss_mb);
    if (!opts.keep) await rm(cache, { recursive: true, force: true });

    if (turnsCsv === undefined) {
      turnsCsv = join(out, 'data', 'turns.csv');
      await stat(turnsCsv).catch(() => {
        throw new Error(`the pipeline wrote no ${turnsCsv}; the floor needs its turn texts`);
      });
    } else if (!opts.keep) await rm(out, { recursive: true, force: true });

    if (opts.serial) {
      const serialOut = join(opts.tmp, `out-serial-${r}`);
      const serialCache = join(opts.tmp, `cache-serial-${r}`);
      const serial = await runChecked([
        ...opts.pipeline,
        '--corpus',
        corpusDir,
        '--out',
        serialOut,
        ...(opts.uncached ? ['--no-cache'] : ['--cache', serialCache]),
        '--quiet',
        '--workers',
        '0',
      ]);
      serialWalls.push(serial.wall_s);
      if (!opts.keep) {
        await rm(serialOut, { recursive: true, force: true });
        await rm(serialCache, { recursive: true, force: true });
      }
      log(
        `${opts.docs} docs, run ${r}/${opts.repeat}: pipeline on one thread ${serial.wall_s.toFixed(2)} s`,
      );
    }

    const f = await runChecked([process.execPath, opts.floorScript, turnsCsv]);
    floors.push(JSON.parse(f.stdout.trim().split('\n').pop() ?? '') as FloorResult);
    log(
      `${opts.docs} docs, run ${r}/${opts.repeat}: pipeline ${run.wall_s.toFixed(2)} s, floor readDoc ${(floors.at(-1) as FloorResult).read_s.toFixed(2)} s`,
    );
  }

  const first = floors[0] as FloorResult;
  const warnings: string[] = [];
  const tokens = first.tokens;
  const reported = timings.find((t) => typeof t?.tokens === 'number')?.tokens ?? null;
  if (reported === null) warnings.push('the pipeline reported no token count (timings "tokens")');
  else if (tokens > 0 && Math.abs(reported - tokens) / tokens > 0.01)
    warnings.push(
      `token counts disagree: floor counted ${tokens} word tokens in turns.csv, the pipeline reports ${reported}; rates use the floor's count`,
    );
  const documents = timings.find((t) => typeof t?.documents === 'number')?.documents;
  if (documents !== undefined && documents !== opts.docs)
    warnings.push(`the pipeline reports ${documents} documents, ${opts.docs} were generated`);
  if (timings.some((t) => t === null)) warnings.push('the pipeline wrote no timings file');

  const floor_wall_s = median(floors.map((f) => f.read_s));
  const pipeline_wall_s = median(pipeWalls);
  const raw_tokens_per_s = tokens / floor_wall_s;
  const pipeline_tokens_per_s = tokens / pipeline_wall_s;
  const peakReported = reportedRss.length > 0 ? Math.max(...reportedRss) : null;
  const peakPolled = polled.length > 0 ? Math.max(...polled) : null;

  return {
    docs: opts.docs,
    corpus_bytes: written.bytes,
    turns: first.turns,
    tokens,
    pipeline_tokens_reported: reported,
    repeats: opts.repeat,
    floor_wall_s,
    floor_model_load_s: median(floors.map((f) => f.model_load_s)),
    floor_peak_rss_mb: Math.max(...floors.map((f) => f.peak_rss_mb)),
    raw_tokens_per_s,
    pipeline_wall_s,
    pipeline_internal_wall_s: internalWalls.length > 0 ? median(internalWalls) : null,
    pipeline_tokens_per_s,
    ratio: pipeline_tokens_per_s / raw_tokens_per_s,
    peak_rss_mb: peakReported ?? peakPolled,
    peak_rss_source: peakReported !== null ? 'timings' : peakPolled !== null ? 'polled' : 'none',
    polled_rss_mb: peakPolled,
    stages: medianStages(timings.map((t) => t?.stages)),
    serial:
      serialWalls.length > 0
        ? {
            wall_s: median(serialWalls),
            tokens_per_s: tokens / median(serialWalls),
            ratio: tokens / median(serialWalls) / raw_tokens_per_s,
            speedup: median(serialWalls) / pipeline_wall_s,
          }
        : null,
    warnings,
  };
}
