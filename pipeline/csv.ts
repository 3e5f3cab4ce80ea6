import Papa from 'papaparse';

/**
 * Tidy CSV writer (RFC 4180: a field is quoted when it holds a comma, a
 * double quote, CR or LF, or starts or ends with a space, and quotes inside
 * are doubled; LF line ends; a header row). Numbers are formatted
 * deterministically: integers as is, other numbers with at most `digits`
 * decimals and no trailing zeros; booleans as true/false; null/undefined/NaN
 * as empty. Columns come from `columns` in that order. Written by hand
 * because it is on the hot path (papaparse's unparse was ~4× slower here);
 * tests/csv.test.ts checks it against papaparse's parser.
 */
export function toCsv<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
  digits = 6,
): string {
  const parts: string[] = [`${columns.map(quoteField).join(',')}\n`];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += ',';
      line += quoteField(formatCell((row as Record<string, unknown>)[columns[i]!], digits));
    }
    parts.push(`${line}\n`);
  }
  return parts.join('');
}

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

/** One CSV field as toCsv writes it (quoted when needed). */
export function quoteField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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

/**
 * Rows as compact column-oriented JSON for data/<table>.json:
 * {"columns": [...], "rows": [[...], ...]}, one row per line, values in
 * column order (non-finite numbers as null). About the size of the CSV.
 */
export function rowsJson<T extends object>(
  rows: readonly T[],
  columns: ReadonlyArray<keyof T & string>,
): string {
  const lines = rows.map((row) => {
    const r = row as Record<string, unknown>;
    return JSON.stringify(
      columns.map((c) => {
        const v = r[c];
        return typeof v === 'number' && !Number.isFinite(v) ? null : (v ?? null);
      }),
    );
  });
  return `{"columns":${JSON.stringify(columns)},"rows":[\n${lines.join(',\n')}\n]}\n`;
}

/** JSON with sorted keys (2-space indent unless `indent` is 0), so output is byte-stable. */
export function stableJson(value: unknown, indent = 2): string {
  return `${JSON.stringify(sortKeys(value), null, indent || undefined)}\n`;
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
