/**
 * `npm run bench`: speed and scale of the whole pipeline against the
 * single-thread wink-nlp floor, on synthetic corpora built from the shipped
 * transcripts. See `--help` for the options.
 *
 * Every measured program runs as a child process started with this Node
 * binary (process.execPath), never through npm, so npm's own start-up
 * (~0.3–0.5 s) is not counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type ConvertResult, formatConversion, measureConversion } from './convert.js';
import { formatHostile, measureHostile } from './hostile.js';
import { type IncrementalResult, measureIncremental } from './incremental.js';
import { formatReportLoad, measureReportLoad, type ReportLoadResult } from './report-load.js';
import { parseCommand } from './run.js';
import { buildOf, formatComparison, sameOutputs } from './same-outputs.js';
import { measureSize, type SizeResult } from './scale.js';
import {
  DEFAULT_STANCE_FILE,
  formatStance,
  measureStance,
  STANCE_FILE,
  writeStance,
} from './stance.js';
import { measureStartup, type StartupResult } from './startup.js';
import { DEFAULT_SEED } from './synth.js';
import {
  checkTargets,
  formatIncremental,
  formatSizes,
  formatStartup,
  formatTargets,
} from './table.js';

export const USAGE = `usage: npm run bench -- [options]

  --docs LIST        corpus sizes, comma-separated (default 250,1000)
  --repeat N         runs per size, median kept (default 3 for sizes ≤ 250, else 1;
                     also the number of start-up runs, default 3)
  --json             one JSON object per line: each size, then start-up,
                     incremental and targets when measured
  --keep             keep the temporary folders (their path is printed)
  --pipeline CMD     pipeline command (default "node .build/pipeline/cli.js"); it gets
                     --corpus DIR --out DIR --cache DIR|--no-cache --quiet --timings FILE
  --uncached         run the size benchmark with --no-cache instead of a fresh cache folder
  --vs BUILD         also run another build at each size, alternating with this one (the
                     other first in even runs): BUILD is a git ref (built into a temporary
                     folder) or a folder holding a built project; prints both medians and
                     this build's wall and CPU time over the other's, pair by pair
  --serial           also run the pipeline on one thread (--workers 0) at each size: its
                     cost per token against the floor, and what the worker threads gain
  --startup          also time a cold analyze of the shipped corpus against a bare
                     wink-nlp script that reads the same files
  --incremental      also check a re-run after changing one transcript
  --scaling          instead: each hostile input (unclosed [, many unknown labels, long
                     speech, long dictionary pattern) at size n and 2n, one-document
                     corpus, --no-cache; prints t(2n)/t(n) (check: < 2.5) and peak RSS
  --only LIST        with --scaling: only the cases whose name contains one of these
  --timeout S        with --scaling: kill a run after S seconds (default 120)
  --report-load      also open each size's report in Chromium from the file system: time
                     its load, the charts, the first search's speech files and searches
                     over all speech; list what each output costs on disk
  --convert          also time PDF conversion: 100 generated multi-page PDFs (seconds
                     per page) and a 200-page PDF's conversion against its analysis
                     (without --docs, only this is measured)
  --stance           instead: score the hand-labelled political speeches of the stance
                     benchmark (for/against a motion) with each sentiment scorer: Pearson r
                     and sign accuracy with 95% intervals (tone is not stance)
  --stance-file FILE with --stance: the benchmark file (ID<TAB>+1|-1<TAB>text; default
                     ../shared/benchmarks/stance/handeset_GroundTruth.txt beside the repo)
  --write-stance     with --stance: write analyses/sentiment/stance.json, which the
                     report's captions and methods paragraph cite
  --corpus DIR       source corpus (default corpus)
  --seed N           generator seed (default ${DEFAULT_SEED})
  --same-outputs REF instead: run REF (a git ref, or a built project folder) and this
                     working tree's .build on the shipped corpus and on a synthetic corpus
                     of --docs documents (default 1000), no cache, and list every output
                     file that differs byte for byte (exit 1 if any)
  --help`;

export interface BenchOptions {
  docs: number[];
  /** undefined: 3 for sizes ≤ 250, else 1. */
  repeat: number | undefined;
  json: boolean;
  keep: boolean;
  pipeline: string[];
  uncached: boolean;
  serial: boolean;
  startup: boolean;
  incremental: boolean;
  scaling: boolean;
  only: string[] | undefined;
  timeout: number;
  convert: boolean;
  reportLoad: boolean;
  stance: boolean;
  stanceFile: string | undefined;
  writeStance: boolean;
  corpus: string;
  seed: number;
  /** --vs BUILD: a git ref or built project folder run alternately with this build. */
  vs: string | undefined;
  /** --same-outputs REF: compare outputs with another build instead of timing. */
  sameOutputs: string | undefined;
  help: boolean;
}

function positiveInt(name: string, v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1)
    throw new Error(`${name} wants a positive whole number, got "${v}"`);
  return Number(v);
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      docs: { type: 'string' },
      repeat: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      pipeline: { type: 'string', default: 'node .build/pipeline/cli.js' },
      uncached: { type: 'boolean', default: false },
      serial: { type: 'boolean', default: false },
      startup: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      scaling: { type: 'boolean', default: false },
      only: { type: 'string' },
      timeout: { type: 'string', default: '120' },
      convert: { type: 'boolean', default: false },
      'report-load': { type: 'boolean', default: false },
      stance: { type: 'boolean', default: false },
      'stance-file': { type: 'string' },
      'write-stance': { type: 'boolean', default: false },
      corpus: { type: 'string', default: 'corpus' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      'same-outputs': { type: 'string' },
      vs: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  // --convert alone measures conversion only; sizes run when asked for or by default.
  if ((values['stance-file'] !== undefined || values['write-stance']) && !values.stance)
    throw new Error('--stance-file and --write-stance go with --stance');
  const sizes = values['same-outputs'] !== undefined ? '1000' : '250,1000';
  const docs = (values.docs ?? (values.convert || values.stance ? '' : sizes))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => positiveInt('--docs', s));
  if (docs.length === 0 && !values.convert && !values.stance)
    throw new Error('--docs needs at least one size');
  return {
    docs,
    repeat: values.repeat === undefined ? undefined : positiveInt('--repeat', values.repeat),
    json: values.json,
    keep: values.keep,
    pipeline: parseCommand(values.pipeline),
    uncached: values.uncached,
    serial: values.serial,
    startup: values.startup,
    incremental: values.incremental,
    scaling: values.scaling,
    only: values.only?.split(',').map((s) => s.trim()),
    timeout: positiveInt('--timeout', values.timeout),
    convert: values.convert,
    reportLoad: values['report-load'],
    stance: values.stance,
    stanceFile: values['stance-file'],
    writeStance: values['write-stance'],
    corpus: values.corpus,
    seed: Number(positiveInt('--seed', values.seed)),
    sameOutputs: values['same-outputs'],
    vs: values.vs,
    help: values.help,
  };
}

/** The pipeline command of the build --vs names (a git ref is built under `tmp`). */
function vsCommand(against: string, tmp: string, log: (line: string) => void): string[] {
  const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  const dir = buildOf({ against, root, tmp: join(tmp, 'vs'), log });
  return [process.execPath, join(dir, '.build', 'pipeline', 'cli.js')];
}

export function repeatsFor(docs: number, repeat: number | undefined): number {
  return repeat ?? (docs <= 250 ? 3 : 1);
}

export interface BenchReport {
  sizes: SizeResult[];
  startup?: StartupResult;
  incremental?: IncrementalResult;
  conversion?: ConvertResult;
  reportLoad?: ReportLoadResult[];
}

export async function runBench(
  opts: BenchOptions,
  io: { out: (line: string) => void; log: (line: string) => void },
): Promise<BenchReport> {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const floorScript = join(here, 'floor.js');
  const bareScript = join(here, 'bare.js');
  const root = await mkdtemp(join(tmpdir(), 'bench-'));
  const report: BenchReport = { sizes: [] };
  const emit = (obj: object) => {
    if (opts.json) io.out(JSON.stringify(obj));
  };
  try {
    io.log(
      `bench: ${cpus().length} CPUs (${availableParallelism()} available), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}; temp ${root}`,
    );
    io.log(`pipeline: ${opts.pipeline.join(' ')} (children run with plain node, not npm)`);
    const vs = opts.vs === undefined ? undefined : vsCommand(opts.vs, root, io.log);
    if (vs) io.log(`against: ${vs.join(' ')}, alternating`);
    for (const docs of opts.docs) {
      const dir = join(root, `size-${docs}`);
      const result = await measureSize({
        docs,
        repeat: repeatsFor(docs, opts.repeat),
        pipeline: opts.pipeline,
        floorScript,
        sourceCorpus: resolve(opts.corpus),
        tmp: dir,
        seed: opts.seed,
        uncached: opts.uncached,
        serial: opts.serial,
        ...(vs ? { vs } : {}),
        keep: opts.keep,
        log: io.log,
      });
      report.sizes.push(result);
      emit({ kind: 'size', ...result });
      if (opts.reportLoad) {
        const r = await measureReportLoad({ out: join(dir, 'out-1'), docs, log: io.log });
        if (r) {
          report.reportLoad = [...(report.reportLoad ?? []), r];
          emit({ kind: 'report-load', ...r });
        }
      }
      // Sizes run one after another; drop each corpus before the next one.
      if (!opts.keep) await rm(dir, { recursive: true, force: true });
    }
    if (opts.startup) {
      report.startup = await measureStartup({
        pipeline: opts.pipeline,
        bareScript,
        corpus: opts.corpus,
        runs: opts.repeat ?? 3,
        tmp: join(root, 'startup'),
        log: io.log,
      });
      emit({ kind: 'startup', ...report.startup });
    }
    if (opts.incremental) {
      report.incremental = await measureIncremental({
        pipeline: opts.pipeline,
        corpus: resolve(opts.corpus),
        tmp: join(root, 'incremental'),
        log: io.log,
      });
      emit({ kind: 'incremental', ...report.incremental });
    }
    if (opts.convert) {
      report.conversion = await measureConversion({
        corpus: resolve(opts.corpus),
        pipeline: opts.pipeline,
        tmp: join(root, 'convert'),
        log: io.log,
      });
      emit({ kind: 'conversion', ...report.conversion });
    }
    const targets = checkTargets(report.sizes, report.startup, report.incremental);
    if (opts.json) emit({ kind: 'targets', targets });
    else {
      if (report.sizes.length > 0) io.out(formatSizes(report.sizes));
      if (report.sizes.length > 0)
        io.out(
          '\ntokens: wink-nlp word tokens (its.type "word") of the turn texts in turns.csv, one readDoc per turn.' +
            '\nfloor: readDoc calls only, one thread, model load excluded. pipeline: process wall time, spawn to exit, start-up included.' +
            '\nratio: pipeline tok/s ÷ floor tok/s. Peak RSS from the pipeline timings (* = polled /proc VmHWM). MB = MiB.',
        );
      if (report.startup) io.out(`\n${formatStartup(report.startup)}`);
      if (report.incremental) io.out(`\n${formatIncremental(report.incremental)}`);
      if (report.conversion) io.out(`\n${formatConversion(report.conversion)}`);
      if (report.reportLoad) io.out(`\n${formatReportLoad(report.reportLoad)}`);
      io.out(`\n${formatTargets(targets)}`);
    }
    return report;
  } finally {
    if (opts.keep) io.log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let opts: BenchOptions;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (opts.stance) {
    const result = measureStance(resolve(opts.stanceFile ?? DEFAULT_STANCE_FILE));
    process.stdout.write(`${opts.json ? JSON.stringify(result) : formatStance(result)}\n`);
    if (opts.writeStance) {
      writeStance(result);
      process.stderr.write(`wrote ${STANCE_FILE}\n`);
    }
    return;
  }
  if (opts.sameOutputs !== undefined) {
    const against = opts.sameOutputs;
    const root = await mkdtemp(join(tmpdir(), 'bench-same-'));
    try {
      const results = await sameOutputs({
        against,
        root: resolve(fileURLToPath(new URL('../../..', import.meta.url))),
        corpus: opts.corpus,
        docs: opts.docs[0] ?? 1000,
        seed: opts.seed,
        tmp: root,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${formatComparison(against, results)}\n`);
      if (results.some((r) => r.differ.length > 0)) process.exitCode = 1;
    } finally {
      if (opts.keep) process.stderr.write(`kept ${root}\n`);
      else await rm(root, { recursive: true, force: true });
    }
    return;
  }
  if (opts.scaling) {
    const root = await mkdtemp(join(tmpdir(), 'bench-hostile-'));
    try {
      const results = await measureHostile({
        pipeline: opts.pipeline,
        source: resolve(opts.corpus),
        tmp: root,
        timeoutS: opts.timeout,
        only: opts.only,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${formatHostile(results)}\n`);
      if (!results.every((r) => r.pass)) process.exitCode = 1;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return;
  }
  await runBench(opts, {
    out: (line) => process.stdout.write(`${line}\n`),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
