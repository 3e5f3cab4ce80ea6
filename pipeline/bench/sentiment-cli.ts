/**
 * `npm run bench:sentiment -- [options] [FILE…]`: agreement of sentence
 * sentiment scorers with human ratings (VADER's ground-truth files, not
 * shipped with the project), per file and scorer: n, Pearson
 * r, Spearman ρ, share scored exactly 0, sign accuracy where |mean| ≥ 1, and
 * snippets per second.
 *
 * Scorers: "project" (analyses/sentiment/scorer.ts, the one the pipeline
 * uses, without the domain overrides), "wink" (raw `its.sentiment`), and for
 * comparison "vader" (npm vader-sentiment, compound score) and "afinn" (npm
 * sentiment, AFINN-165 sum). With --overrides FILE also "project+overrides".
 *
 * Timing: see WARM_UP_TEXT and TIMING_NOTE (printed under the table). Until
 * issue 6, each timed pass was preceded by scoring the file's first 200
 * snippets untimed; that warm-up used benchmark data and is gone.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type WinkMethods } from 'wink-nlp';
import {
  type AgreementResult,
  agreement,
  parseGroundTruth,
} from '../../analyses/sentiment/benchmark.js';
import {
  type AblationRow,
  backwardElimination,
  type CalibrationFile,
  type CrossValidation,
  crossValidate,
  FITTED_KEYS,
  TIED_KEYS,
} from '../../analyses/sentiment/calibrate.js';
import { loadSentimentConfig } from '../../analyses/sentiment/config.js';
import {
  createFeatureExtractor,
  createSentenceScorer,
  DEFAULT_SCORER_PARAMS,
} from '../../analyses/sentiment/scorer.js';
import { stableJson } from '../csv.js';
import { ConfigError } from '../errors.js';

export const USAGE = `usage: npm run bench:sentiment -- [options] [FILE…]

  FILE…               ground-truth files (ID<TAB>mean<TAB>text); default: every
                      *.txt in ../shared/benchmarks/sentiment/ (from the repo root)
  --json              one JSON object per file and scorer (one per line)
  --scorers LIST      comma-separated subset of project,wink,vader,afinn
  --overrides FILE    also score with the domain overrides of FILE (e.g.
                      corpus/sentiment.yaml) as "project+overrides"
  --cv                5-fold cross-validation of the scorer's coefficients on
                      the files (run it on the dev files only)
  --ablation          backward elimination of the coefficients, each step
                      cross-validated as --cv (slow: ten minutes or more)
  --write-agreement   write analyses/sentiment/agreement.json (project scorer's
                      figures, and the CV figures with --cv)
  --help              this text
`;

const ALL_SCORERS = ['project', 'wink', 'vader', 'afinn'] as const;
/**
 * Warm-up, untimed and reported with the figures: before anything is timed,
 * every scorer scores WARM_UP_TEXT (sentences written for this harness, not
 * benchmark data) WARM_UP_ROUNDS times, so the JIT compilation of the shared
 * wink instance is not charged to whichever scorer happens to run first on
 * the first file. No snippet of a file is scored before its timed passes.
 */
export const WARM_UP_TEXT: readonly string[] = [
  'The committee met on Tuesday and did not reach a decision.',
  'Although the plan looked good on paper, the results were terrible!',
  "I really love this phone, but the battery isn't great.",
  'Why would anyone say that? It is absurd.',
  'The senator called the proposal careless and hopelessly naive.',
  'Prices rose slightly in March; most families felt the pinch.',
  'What a wonderful day :) Thanks, everyone!!!',
  'They fought bravely, yet lost everything in the flood.',
  "It's NOT worth $40 - don't buy it.",
  'A well-known author of 12 novels, she wrote with warmth and generosity.',
  'Neither the mayor nor the council has explained the delay.',
  'The film is kind of slow, but the ending is as good as ever.',
];
export const WARM_UP_ROUNDS = 20;

/** How the snippets per second were measured (printed with the figures). */
export const TIMING_NOTE =
  'per_s: snippets per second, wall clock over all snippets of a file; no snippet of a file is ' +
  'scored before its timed passes, which run in the order listed (the first scorer on a file pays ' +
  `for wink's first reading of its words); before any timing every scorer scored ${WARM_UP_TEXT.length} ` +
  `fixed sentences written for this harness (not benchmark data) ${WARM_UP_ROUNDS} times, untimed`;
/** wink annotations the project scorer needs (sentences, negation, lexicon, part of speech for lemmas). */
export const WINK_PIPE = ['sbd', 'negation', 'sentiment', 'pos'];

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, whether run from .build/pipeline/bench or pipeline/bench. */
export const REPO_ROOT = resolve(here, here.includes(`${'.build'}`) ? '../../..' : '../..');
export const DEFAULT_BENCH_DIR = resolve(REPO_ROOT, '../shared/benchmarks/sentiment');
const AGREEMENT_FILE = join(REPO_ROOT, 'analyses/sentiment/agreement.json');

function defaultFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(DEFAULT_BENCH_DIR);
  } catch {
    throw new Error(
      `expected the benchmark folder ${DEFAULT_BENCH_DIR} (../shared/benchmarks/sentiment from the repo root), found nothing there; pass the files explicitly`,
    );
  }
  const files = names
    .filter((n) => n.endsWith('.txt') && !n.startsWith('LICENSE'))
    .sort()
    .map((n) => join(DEFAULT_BENCH_DIR, n));
  if (files.length === 0)
    throw new Error(`expected ground-truth *.txt files in ${DEFAULT_BENCH_DIR}, found none`);
  return files;
}

type ScoreFn = (text: string) => number;

export function makeScorers(
  nlp: WinkMethods,
  overridesFile: string | undefined,
): Map<string, ScoreFn> {
  const its = nlp.its;
  const project = createSentenceScorer(nlp, its);
  const afinn = new Sentiment();
  const m = new Map<string, ScoreFn>([
    ['project', (t) => project.scoreText(t).score],
    ['wink', (t) => Number(nlp.readDoc(t).out(its.sentiment))],
    ['vader', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound],
    ['afinn', (t) => afinn.analyze(t).score],
  ]);
  if (overridesFile) {
    const config = loadSentimentConfig(
      readFileSync(overridesFile, 'utf8'),
      basename(overridesFile),
    );
    const withOverrides = createSentenceScorer(nlp, its, config.overrides);
    m.set('project+overrides', (t) => withOverrides.scoreText(t).score);
  }
  return m;
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

export function formatTable(rows: readonly AgreementResult[]): string {
  const head = [
    'file',
    'scorer',
    'n',
    'pearson',
    'spearman',
    'zero',
    'sign_acc',
    'sign_n',
    'per_s',
  ];
  const body = rows.map((r) => [
    r.file,
    r.scorer,
    String(r.n),
    fmt(r.pearson),
    fmt(r.spearman),
    fmt(r.zero_share),
    fmt(r.sign_accuracy),
    String(r.sign_n),
    Number.isFinite(r.per_s) ? String(Math.round(r.per_s)) : 'n/a',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

export function formatCv(cv: CrossValidation): string {
  const out = [
    `${cv.k}-fold cross-validation (seed ${cv.seed}, folds grouped by article/product), objective = mean Pearson r over files`,
    'file  n  pearson_out_of_fold  mean_of_fold_r  in_sample',
    ...cv.files.map(
      (f) => `${f.file}  ${f.n}  ${fmt(f.pearson)}  ${fmt(f.fold_mean)}  ${fmt(f.in_sample)}`,
    ),
    'coefficients per fold:',
    ...cv.folds.map(
      (f) =>
        `  fold ${f.fold}: ${JSON.stringify(f.params)} (train objective ${fmt(f.train_objective, 4)})`,
    ),
    `fit on all: ${JSON.stringify(cv.full.params)} (objective ${fmt(cv.full.objective, 4)})`,
    `in use (DEFAULT_SCORER_PARAMS): ${JSON.stringify(DEFAULT_SCORER_PARAMS)}`,
  ];
  return out.join('\n');
}

/** The backward-elimination table: each step's candidates, then the path kept. */
export function formatAblation(
  path: readonly AblationRow[],
  tried: readonly AblationRow[],
): string {
  const files = path[0]?.files.map((f) => f.file.slice(0, 6)) ?? [];
  const head = `set  dropped  ${files.join('  ')}  mean`;
  const line = (r: AblationRow, tag: string): string =>
    `${tag}${r.free.length}  ${r.dropped || '-'}  ${r.files.map((f) => fmt(f.pearson)).join('  ')}  ${fmt(r.mean, 4)}`;
  return [
    'Ablation: backward elimination, 5-fold grouped CV out-of-fold Pearson r per file (a dropped coefficient takes its START_PARAMS value, i.e. the rule is off, or follows its TIED_KEYS leader)',
    head,
    ...tried.map((r) => line(r, 'tried ')),
    'path kept (best drop at each step):',
    ...path.map((r) => `${line(r, '')}  free=${r.free.join(',')}`),
  ].join('\n');
}

const round4 = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x);

/** The committed summary the pipeline cites (no timings: it must be byte-stable). */
export function agreementJson(
  rows: readonly AgreementResult[],
  cv: CrossValidation | undefined,
): string {
  const project = rows
    .filter((r) => r.scorer === 'project')
    .map((r) => ({
      file: r.file,
      scorer: r.scorer,
      n: r.n,
      pearson: round4(r.pearson),
      spearman: round4(r.spearman),
      zero_share: round4(r.zero_share),
      sign_accuracy: round4(r.sign_accuracy),
      sign_n: r.sign_n,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const comparison = rows
    .filter((r) => r.scorer !== 'project')
    .map((r) => ({ file: r.file, scorer: r.scorer, n: r.n, pearson: round4(r.pearson) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.scorer < b.scorer ? -1 : 1));
  return stableJson({
    about:
      'Agreement of analyses/sentiment/scorer.ts (without domain overrides) with human ratings; written by npm run bench:sentiment -- --write-agreement',
    params: DEFAULT_SCORER_PARAMS,
    measured: project,
    comparison,
    cross_validation: cv
      ? {
          k: cv.k,
          seed: cv.seed,
          files: cv.files.map((f) => ({
            file: f.file,
            n: f.n,
            pearson_out_of_fold: round4(f.pearson),
            mean_of_fold_r: round4(f.fold_mean),
            in_sample: round4(f.in_sample),
          })),
          fitted: [...FITTED_KEYS],
          tied: { ...TIED_KEYS },
          fit_on_all: cv.full.params,
        }
      : null,
  });
}

export function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      cv: { type: 'boolean', default: false },
      ablation: { type: 'boolean', default: false },
      'write-agreement': { type: 'boolean', default: false },
      scorers: { type: 'string' },
      overrides: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const files = positionals.length > 0 ? positionals.map((p) => resolve(p)) : defaultFiles();
  for (const f of files) {
    if (!statSync(f, { throwIfNoEntry: false })?.isFile())
      throw new Error(`expected a ground-truth file, found nothing at ${f}`);
  }
  const wanted = values.scorers ? values.scorers.split(',').map((s) => s.trim()) : [...ALL_SCORERS];
  for (const s of wanted) {
    if (!(ALL_SCORERS as readonly string[]).includes(s)) {
      throw new Error(
        `expected --scorers from ${ALL_SCORERS.join(',')}, found ${JSON.stringify(s)}`,
      );
    }
  }
  if (values.overrides) wanted.push('project+overrides');

  // The one wink instance of this process (later instances in the same
  // process misbehave), with only the annotations the wink-based scorers use: entity
  // recognition would be timed but never read.
  const nlp = winkNLP(model, WINK_PIPE);
  const scorers = makeScorers(nlp, values.overrides);
  const data = files.map((path) => ({
    path,
    file: basename(path),
    snippets: parseGroundTruth(readFileSync(path, 'utf8'), basename(path)),
  }));

  // The reported warm-up (TIMING_NOTE).
  for (let r = 0; r < WARM_UP_ROUNDS; r++)
    for (const name of wanted) for (const t of WARM_UP_TEXT) scorers.get(name)!(t);
  const rows: AgreementResult[] = [];
  for (const { file, snippets } of data) {
    for (const name of wanted) {
      const score = scorers.get(name)!;
      const t0 = performance.now();
      const scores = snippets.map((s) => score(s.text));
      const seconds = (performance.now() - t0) / 1000;
      const row = agreement(file, name, snippets, scores, seconds);
      rows.push(row);
      if (values.json) process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ timing: TIMING_NOTE })}\n`);
  else process.stdout.write(`${formatTable(rows)}\n${TIMING_NOTE}\n`);

  let cv: CrossValidation | undefined;
  if (values.cv || values.ablation) {
    const extractor = createFeatureExtractor(nlp, nlp.its);
    const calibration: CalibrationFile[] = data.map(({ file, snippets }) => ({
      file,
      snippets,
      features: snippets.map((s) => extractor.textFeatures(s.text)),
    }));
    if (values.cv) {
      cv = crossValidate(calibration, 5, 1959, FITTED_KEYS);
      if (values.json) process.stdout.write(`${JSON.stringify({ cross_validation: cv })}\n`);
      else process.stdout.write(`\n${formatCv(cv)}\n`);
    }
    if (values.ablation) {
      const ablation = backwardElimination(calibration, 1);
      if (values.json) process.stdout.write(`${JSON.stringify({ ablation })}\n`);
      else process.stdout.write(`\n${formatAblation(ablation.path, ablation.tried)}\n`);
    }
  }
  if (values['write-agreement']) {
    writeFileSync(AGREEMENT_FILE, agreementJson(rows, cv));
    process.stderr.write(`wrote ${AGREEMENT_FILE}\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    const msg = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
    process.stderr.write(`bench:sentiment: ${msg}\n`);
    process.exitCode = 2;
  }
}
