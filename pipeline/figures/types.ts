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
