/**
 * danfojs-node, loaded lazily and once: importing it costs ~1 s and ~150 MB,
 * so only the aggregation step pays for it. Counting happens in Maps; danfojs
 * gets the aggregated tables (see TECH-NOTES: groupby over raw tokens is ~40×
 * slower than a Map).
 */
import type { DataFrame } from 'danfojs-node';

type Danfo = typeof import('danfojs-node');
let danfo: Promise<Danfo> | undefined;

export function loadDanfo(): Promise<Danfo> {
  danfo ??= import('danfojs-node');
  return danfo;
}

/** Builds a DataFrame with the given column order from plain rows. */
export async function toFrame<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): Promise<DataFrame> {
  const dfd = await loadDanfo();
  if (rows.length === 0) return new dfd.DataFrame([], { columns: [...columns] });
  const data = rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]));
  return new dfd.DataFrame(data, { columns: [...columns] });
}

/** Rows back out of a DataFrame (column order preserved). */
export async function fromFrame<T>(df: DataFrame): Promise<T[]> {
  if (df.shape[0] === 0) return [];
  const dfd = await loadDanfo();
  return dfd.toJSON(df, { format: 'column' }) as T[];
}
