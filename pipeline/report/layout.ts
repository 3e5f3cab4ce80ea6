/**
 * Where each figure goes in the report. Sentiment gets the room its validity
 * earns: tone scores agree only moderately with human ratings of tone and
 * not at all with stance (see Methods), so the main flow shows one overview
 * (by side) and what drives it; the per-speaker, per-conversation and
 * per-target tone figures are one click away in a collapsed section.
 * The files of every figure are written either way.
 */

/** Sentiment figures in the main flow, in this order, after the others. */
export const SENTIMENT_MAIN = ['sentiment-by-side', 'sentiment-drivers'] as const;
/** Sentiment figures in the collapsed section, in this order. */
export const SENTIMENT_MORE = ['sentiment-by-speaker', 'sentiment-arc', 'target-tone'] as const;

export interface FigureLayout<T> {
  /** Language figures (phrases, terms, keyness, share of speech, dispersion), in build order. */
  main: T[];
  /** The sentiment overview and its drivers. */
  sentiment: T[];
  /** The rest of the sentiment figures (collapsed). */
  more: T[];
}

/** Splits figures (in build order) into the report's three places. */
export function layoutFigures<T extends { id: string }>(figures: readonly T[]): FigureLayout<T> {
  const pick = (ids: readonly string[]) =>
    ids.map((id) => figures.find((f) => f.id === id)).filter((f): f is T => f !== undefined);
  const placed = new Set<string>([...SENTIMENT_MAIN, ...SENTIMENT_MORE]);
  return {
    main: figures.filter((f) => !placed.has(f.id)),
    sentiment: pick(SENTIMENT_MAIN),
    more: pick(SENTIMENT_MORE),
  };
}
