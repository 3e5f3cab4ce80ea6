import Papa from 'papaparse';

/**
 * Tidy CSV writer (RFC 4180 quoting via papaparse, LF line ends, header row).
 * Numbers are formatted deterministically: integers as is, other numbers with
 * at most `digits` decimals and no trailing zeros; booleans as true/false;
 * null/undefined/NaN as empty. Columns come from `columns` in that order.
 */
export function toCsv<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
  digits = 6,
): string {
  const data = rows.map((row) =>
    columns.map((c) => formatCell((row as Record<string, unknown>)[c], digits)),
  );
  return `${Papa.unparse({ fields: [...columns], data }, { newline: '\n', quotes: false })}\n`;
}

export function formatNumber(n: number, digits = 6): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function formatCell(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, digits);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.join('; ');
  return String(v);
}

/** Parses CSV written by toCsv back into string records (for tests and the benchmark). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const out = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return out.data;
}

/** JSON with sorted keys and 2-space indent, so output is byte-stable. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort())
      o[k] = sortKeys((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}
