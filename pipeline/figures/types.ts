import type { Comparisons } from '../../analyses/comparisons.js';
import type { StanceSummary } from '../../analyses/sentiment/stance.js';

/** A chart: its Vega-Lite spec (data inlined) and exactly the rows it plots. */
export interface Figure {
  /** File-name stem, kebab-case ("phrase-rates"). */
  id: string;
  title: string;
  /** What is counted and how, for the report and for a paper's figure legend. */
  caption: string;
  /** Text alternative for screen readers, generated from the data. */
  alt: string;
  /** Vega-Lite v6 spec with `data.values` inlined. */
  spec: object;
  /** The rows the chart plots (also inlined in the spec), written as <id>.csv. */
  data: Array<Record<string, unknown>>;
  /** CSV column order. */
  columns: string[];
}

export interface Rendered {
  svg: string;
  png: Uint8Array;
  pdf: Uint8Array;
}

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
