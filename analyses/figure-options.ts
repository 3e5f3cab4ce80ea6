/**
 * What the analyses' figure builders read beyond the results: the
 * configuration the run used. Kept with the analyses, whose types it names,
 * so the figure kit (pipeline/figures/) imports nothing from analyses/.
 */

import { NO_SIDES, type SideColours } from '../pipeline/figures/theme.js';
import type { Comparisons } from './comparisons.js';
import type { StanceSummary } from './sentiment/stance.js';

export interface FigureOptions {
  /**
   * The corpus's sides in their declared order, with their colours
   * (corpus/speakers.yaml); without it, the sides present in name order.
   */
  sides?: SideColours;
  /**
   * The dictionary's headline keys, in order (analyses/dictionary.ts
   * headlineKeys): they lead the phrase-rate, dispersion and trend figures.
   * Without them the figures show the most frequent keys.
   */
  headline?: readonly string[];
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

/** The sides' order and colours a figure draws with: the run's, or the sides present in name order. */
export function sidePalette(options: FigureOptions): SideColours {
  return options.sides ?? NO_SIDES;
}
