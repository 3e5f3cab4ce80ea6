/**
 * `npm run bench -- --stance [--stance-file FILE] [--write-stance]`: does
 * sentence tone say anything about stance? The sentiment scorers score
 * political speeches hand-labelled for (+1) or against (−1) a motion, in the
 * harness's format (ID<TAB>label<TAB>text, analyses/sentiment/benchmark.ts);
 * by default the HanDeSeT House of Commons speeches (Abercrombie &
 * Batista-Navarro 2018) from the shared benchmark folder beside the
 * repository (DEFAULT_STANCE_FILE).
 *
 * For each scorer: Pearson r between score and label with its Fisher-z 95%
 * interval, and sign accuracy (score sign = label sign; a score of 0 counts
 * as wrong) with its Wilson 95% interval, against the majority-label share
 * (what always guessing the commoner label scores). --write-stance writes
 * analyses/sentiment/stance.json (no timings: byte-stable), which the report's
 * captions and methods paragraph cite; tests read that file, never the data.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { agreement, parseGroundTruth } from '../../analyses/sentiment/benchmark.js';
import type { StanceSummary } from '../../analyses/sentiment/stance.js';
import { stableJson } from '../csv.js';
import { makeScorers, REPO_ROOT, WINK_PIPE } from './sentiment-cli.js';

export const DEFAULT_STANCE_FILE = resolve(
  REPO_ROOT,
  '../shared/benchmarks/stance/handeset_GroundTruth.txt',
);
export const STANCE_FILE = join(REPO_ROOT, 'analyses/sentiment/stance.json');
const SCORERS = ['project', 'wink', 'vader', 'afinn'] as const;
const Z = 1.959964;

/** Fisher-z 95% interval of a Pearson r from n pairs. */
export function pearsonInterval(r: number, n: number): [number, number] {
  if (!(n > 3) || !Number.isFinite(r) || Math.abs(r) >= 1) return [Number.NaN, Number.NaN];
  const z = Math.atanh(r);
  const h = Z / Math.sqrt(n - 3);
  return [Math.tanh(z - h), Math.tanh(z + h)];
}

/** Wilson 95% interval of a proportion of `hits` in `n`. */
export function wilsonInterval(hits: number, n: number): [number, number] {
  if (!(n > 0)) return [Number.NaN, Number.NaN];
  const p = hits / n;
  const d = 1 + (Z * Z) / n;
  const c = (p + (Z * Z) / (2 * n)) / d;
  const h = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / d;
  return [c - h, c + h];
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** A scorer's row: the figures the report cites (StanceSummary) and the share scored 0. */
export type StanceRow = StanceSummary['scorers'][number] & { zero_share: number };

export type StanceResult = Omit<StanceSummary, 'scorers'> & { about: string; scorers: StanceRow[] };

/** Scores every speech with every scorer; the result as written to stance.json. */
export function measureStance(file: string): StanceResult {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile())
    throw new Error(
      `expected the stance benchmark file ${file}, found nothing there; pass --stance-file FILE`,
    );
  const snippets = parseGroundTruth(readFileSync(file, 'utf8'), basename(file));
  for (const s of snippets) {
    if (s.rating !== 1 && s.rating !== -1)
      throw new Error(
        `${basename(file)}: speech ${s.id}: expected a label of +1 (for) or −1 (against), found ${s.rating}`,
      );
  }
  const nlp = winkNLP(model, WINK_PIPE);
  const scorers = makeScorers(nlp, undefined);
  const forCount = snippets.filter((s) => s.rating > 0).length;
  const rows = SCORERS.map((name): StanceRow => {
    const score = scorers.get(name)!;
    const a = agreement(
      basename(file),
      name,
      snippets,
      snippets.map((s) => score(s.text)),
      0,
    );
    const hits = Math.round(a.sign_accuracy * a.sign_n);
    return {
      scorer: name,
      n: a.n,
      pearson: r4(a.pearson),
      pearson_ci: pearsonInterval(a.pearson, a.n).map(r4) as [number, number],
      sign_accuracy: r4(a.sign_accuracy),
      sign_accuracy_ci: wilsonInterval(hits, a.sign_n).map(r4) as [number, number],
      zero_share: r4(a.zero_share),
    };
  });
  return {
    about:
      'Tone against stance: sentiment scorers (project = analyses/sentiment/scorer.ts without domain overrides) on speeches hand-labelled for (+1) or against (-1) a motion; written by npm run bench -- --stance --write-stance',
    file: basename(file),
    n: snippets.length,
    for: forCount,
    against: snippets.length - forCount,
    majority_share: r4(Math.max(forCount, snippets.length - forCount) / snippets.length),
    scorers: rows,
  };
}

export function formatStance(r: StanceResult): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const head = `${r.file}: ${r.n} speeches, ${r.for} for, ${r.against} against (majority share ${f(r.majority_share)})`;
  const lines = r.scorers.map(
    (s) =>
      `${s.scorer.padEnd(8)} r ${f(s.pearson)} [${f(s.pearson_ci[0])}, ${f(s.pearson_ci[1])}]  sign accuracy ${f(s.sign_accuracy)} [${f(s.sign_accuracy_ci[0])}, ${f(s.sign_accuracy_ci[1])}]  scored 0: ${f(s.zero_share)}`,
  );
  return [head, ...lines].join('\n');
}

export function writeStance(r: StanceResult, path = STANCE_FILE): void {
  writeFileSync(path, stableJson(r));
}
