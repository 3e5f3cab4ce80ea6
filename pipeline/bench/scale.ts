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
  /** Median CPU seconds (user + system, all threads) of the pipeline, when its timings report them. */
  pipeline_cpu_s: number | null;
  /**
   * Another build run on the same corpus with the same flags (--vs), in
   * alternating order (this build first in odd runs, the other first in
   * even ones); ratios are this build over the other, pair by pair.
   */
  vs: VsResult | null;
  warnings: string[];
}

export interface VsResult {
  /** The other build's command. */
  command: string;
  pairs: number;
  wall_s: number;
  cpu_s: number | null;
  peak_rss_mb: number | null;
  /** This build's time over the other's: median over the pairs, and the lowest and highest pair. */
  wall_ratio: Spread;
  cpu_ratio: Spread | null;
  /** This build's highest peak RSS minus the other's (MiB). */
  peak_rss_diff_mb: number | null;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, lowest and highest of some values (NaN for none). */
export function spread(values: readonly number[]): Spread {
  return {
    median: median(values),
    min: values.length > 0 ? Math.min(...values) : Number.NaN,
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
  };
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
  /** Also run this other pipeline command each time, alternating with `pipeline`. */
  vs?: readonly string[];
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

  const cpus: number[] = [];
  const other = {
    walls: [] as number[],
    cpus: [] as number[],
    rss: [] as number[],
    wallRatios: [] as number[],
    cpuRatios: [] as number[],
  };
  /** One run of a pipeline command on the corpus, with a fresh cache folder or none. */
  const runOnce = async (command: readonly string[], name: string) => {
    const out = join(opts.tmp, `out-${name}`);
    const cache = join(opts.tmp, `cache-${name}`);
    const timingsFile = join(opts.tmp, `timings-${name}.json`);
    const run = await runChecked([
      ...command,
      '--corpus',
      corpusDir,
      '--out',
      out,
      ...(opts.uncached ? ['--no-cache'] : ['--cache', cache]),
      '--quiet',
      '--timings',
      timingsFile,
    ]);
    if (!opts.keep) await rm(cache, { recursive: true, force: true });
    return { out, run, timings: await readTimings(timingsFile) };
  };

  for (let r = 1; r <= opts.repeat; r++) {
    // The other build goes first in even runs, so that neither always runs on a warmer machine.
    const before = opts.vs && r % 2 === 0 ? await runOnce(opts.vs, `vs-${r}`) : undefined;
    const { out, run, timings: t } = await runOnce(opts.pipeline, String(r));
    const after = opts.vs && r % 2 === 1 ? await runOnce(opts.vs, `vs-${r}`) : undefined;
    timings.push(t);
    pipeWalls.push(run.wall_s);
    if (typeof t?.wall_s === 'number') internalWalls.push(t.wall_s);
    if (typeof t?.peak_rss_mb === 'number') reportedRss.push(t.peak_rss_mb);
    if (typeof t?.cpu_s === 'number') cpus.push(t.cpu_s);
    if (run.polled_rss_mb !== null) polled.push(run.polled_rss_mb);
    const vs = before ?? after;
    if (vs) {
      other.walls.push(vs.run.wall_s);
      other.wallRatios.push(run.wall_s / vs.run.wall_s);
      const rss = vs.timings?.peak_rss_mb ?? vs.run.polled_rss_mb;
      if (typeof rss === 'number') other.rss.push(rss);
      const cpu = vs.timings?.cpu_s;
      if (typeof cpu === 'number') {
        other.cpus.push(cpu);
        if (typeof t?.cpu_s === 'number') other.cpuRatios.push(t.cpu_s / cpu);
      }
      if (!opts.keep) await rm(vs.out, { recursive: true, force: true });
      log(
        `${opts.docs} docs, run ${r}/${opts.repeat}: the other build ${vs.run.wall_s.toFixed(2)} s (${before ? 'before' : 'after'} this one)`,
      );
    }

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
  const peak = peakReported ?? peakPolled;
  const otherPeak = other.rss.length > 0 ? Math.max(...other.rss) : null;
  const vs: VsResult | null = opts.vs
    ? {
        command: opts.vs.join(' '),
        pairs: other.walls.length,
        wall_s: median(other.walls),
        cpu_s: other.cpus.length > 0 ? median(other.cpus) : null,
        peak_rss_mb: otherPeak,
        wall_ratio: spread(other.wallRatios),
        cpu_ratio: other.cpuRatios.length > 0 ? spread(other.cpuRatios) : null,
        peak_rss_diff_mb: peak !== null && otherPeak !== null ? peak - otherPeak : null,
      }
    : null;

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
    peak_rss_mb: peak,
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
    pipeline_cpu_s: cpus.length > 0 ? median(cpus) : null,
    vs,
    warnings,
  };
}
