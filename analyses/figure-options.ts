/**
 * What the analyses' figure builders read beyond the results: the
 * configuration the run used. Kept with the analyses, whose types it names,
 * so the figure kit (pipeline/figures/) imports nothing from analyses/.
 */
import type { Comparisons } from './comparisons.js';
import type { StanceSummary } from './sentiment/stance.js';

export interface FigureOptions {
  /** The sentiment scorer's domain overrides (corpus/sentiment.yaml), word → score; none when absent. */
  sentimentOverrides?: ReadonlyMap<string, number>;
  /** The targets followed in sentiment_targets.csv, with their patterns. */
  sentimentTargets?: ReadonlyArray<{ key: string; patterns: readonly string[] }>;
  /** Whether keyness kept the names of the people present (--keyness-keep-names). */
  keynessKeepsPresentNames?: boolean;
  /** The sides and periods keyness compared, and how they were chosen. */
  comparisons?: Comparisons;
  /** The stance benchmark's result (analyses/sentiment/stance.json), cited in the target caption. */
  stance?: StanceSummary;
}
