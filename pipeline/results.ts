/**
 * Scripting against a finished run: `loadResults(dir)` reads every table an
 * analysis declares (reports/data/<name>.csv) into a danfojs DataFrame, with
 * the declared column order. Cells are typed per column: a column whose
 * every non-empty cell is a number becomes numbers, one of only true/false
 * booleans, anything else text (so doc ids and speech stay text); an empty
 * cell is null.
 *
 *   import { loadResults } from './.build/pipeline/results.js';
 *   const r = await loadResults('reports');
 *   r.get('turn_stats')?.groupby(['side']).col(['words']).sum().print();
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrame } from 'danfojs-node';
import Papa from 'papaparse';
import { tableSpecs } from '../analyses/index.js';

type Cell = string | number | boolean | null;

type Danfo = typeof import('danfojs-node');
let danfo: Promise<Danfo> | undefined;

/**
 * danfojs-node, imported on first use and once: importing it costs about a
 * second and 150 MB, which `npm run analyze` never pays (the analyses count
 * in Maps; only loadResults builds DataFrames).
 */
function loadDanfo(): Promise<Danfo> {
  danfo ??= import('danfojs-node');
  return danfo;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** The cells of one column typed together (see the module comment). */
function typeColumn(cells: readonly string[]): Cell[] {
  const filled = cells.filter((c) => c !== '');
  if (filled.length > 0 && filled.every((c) => NUMBER.test(c)))
    return cells.map((c) => (c === '' ? null : Number(c)));
  if (filled.length > 0 && filled.every((c) => c === 'true' || c === 'false'))
    return cells.map((c) => (c === '' ? null : c === 'true'));
  return cells.map((c) => (c === '' ? null : c));
}

/** One CSV as typed rows, in `columns`' order (an error names the file and the row). */
export function readTable(path: string, columns: readonly string[]): Cell[][] {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true });
  const first = parsed.errors[0];
  if (first) throw new Error(`${path}: row ${(first.row ?? 0) + 1}: ${first.message}`);
  const [header = [], ...rows] = parsed.data;
  const at = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`${path}: expected a column "${c}", found ${header.join(', ')}`);
    return i;
  });
  const typed = at.map((i) => typeColumn(rows.map((r) => r[i] ?? '')));
  return rows.map((_, r) => typed.map((col) => col[r]!));
}

/**
 * Every declared table of the run in `dir` (the reports folder, or its
 * data/ folder) as a DataFrame, keyed by table name (turn_stats, keyness …).
 * A table the run did not write is absent from the map.
 */
export async function loadResults(dir: string): Promise<Map<string, DataFrame>> {
  const data = existsSync(join(dir, 'data')) ? join(dir, 'data') : dir;
  const dfd = await loadDanfo();
  const out = new Map<string, DataFrame>();
  for (const spec of tableSpecs()) {
    const path = join(data, `${spec.name}.csv`);
    if (!existsSync(path)) continue;
    const columns = spec.columns.map((c) => c.name);
    const rows = readTable(path, columns);
    out.set(spec.name, new dfd.DataFrame(rows, { columns }));
  }
  return out;
}
