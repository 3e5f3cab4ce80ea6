/**
 * The document–term matrix (analyses/dtm.ts): read back by a small Matrix
 * Market reader written here from the format's definition (header, comment
 * lines, size line, 1-based "row column value" entries) and, where they are
 * installed, by scipy.io.mmread (python3) and Matrix::readMM (R).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../analyses/counts.js';
import {
  buildDtm,
  DTM_CELL_COLUMNS,
  DTM_ROW_COLUMNS,
  DTM_TABLES,
  DTM_TERM_COLUMNS,
  dtmCsv,
  matrixMarket,
} from '../analyses/dtm.js';
import { keptUnits, speakerDocs } from '../analyses/terms.js';
import type { AnnotatedDocument, AnnotatedTurn } from '../pipeline/types.js';

const turn = (n: number, speaker: string, side: string, terms: string[]): AnnotatedTurn => ({
  turn: n,
  speaker,
  side,
  words: terms.length + 1,
  tokens: terms.length + 1,
  terms,
  sentences: [],
});
const doc = (docId: string, date: string, turns: AnnotatedTurn[]): AnnotatedDocument => ({
  docId,
  date,
  sourceFile: `${docId}.txt`,
  sha256: '',
  tokens: 0,
  turns,
});

// Rows (doc_id order, then first turn): 1 d1/Hoxha, 2 d1/Choe, 3 d2/Hoxha.
// Columns (code-point order): 1 party, 2 revisionist, 3 unity, 4 war.
const d1 = doc('d1', '1960-01-01', [
  turn(1, 'Hoxha', 'Albania', ['revisionist', 'party', 'revisionist']),
  turn(2, 'Choe', 'DPRK', ['unity']),
  turn(3, 'Hoxha', 'Albania', ['unity', 'party']),
]);
const d2 = doc('d2', '1966-01-01', [turn(1, 'Hoxha', 'Albania', ['war'])]);
const dense = [
  [2, 2, 1, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

/** Reads a coordinate Matrix Market file into a dense matrix, checking what the format requires. */
function readMatrixMarket(text: string): number[][] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = lines.shift()!.split(/\s+/);
  expect(header[0]).toBe('%%MatrixMarket');
  expect(header.slice(1).map((h) => h.toLowerCase())).toEqual([
    'matrix',
    'coordinate',
    'integer',
    'general',
  ]);
  while (lines[0]?.startsWith('%')) lines.shift();
  const [m, n, nnz] = lines.shift()!.trim().split(/\s+/).map(Number) as [number, number, number];
  expect(lines.length).toBe(nnz);
  const out = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  const seen = new Set<string>();
  for (const line of lines) {
    const parts = line.trim().split(/\s+/);
    expect(parts).toHaveLength(3);
    const [i, j, v] = parts.map(Number) as [number, number, number];
    for (const x of [i, j, v]) expect(Number.isInteger(x)).toBe(true);
    expect(i >= 1 && i <= m && j >= 1 && j <= n).toBe(true);
    expect(seen.has(`${i} ${j}`)).toBe(false);
    seen.add(`${i} ${j}`);
    out[i - 1]![j - 1] = v;
  }
  return out;
}

describe('document–term matrix', () => {
  const units = [...speakerDocs([d1]), ...speakerDocs([d2])];
  const dtm = buildDtm(units);
  const text = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');
  const mtx = text(matrixMarket(units, dtm));

  it('writes the counts as a valid coordinate Matrix Market file', () => {
    expect(mtx.split('\n').slice(0, 1)).toEqual([
      '%%MatrixMarket matrix coordinate integer general',
    ]);
    expect(mtx).toContain('\n3 4 5\n1 1 2\n1 2 2\n1 3 1\n2 3 1\n3 4 1\n');
    expect(readMatrixMarket(mtx)).toEqual(dense);
  });

  it('writes the same cells as dtm.csv', () => {
    expect(text(dtmCsv(units, dtm))).toBe('row,column,count\n1,1,2\n1,2,2\n1,3,1\n2,3,1\n3,4,1\n');
    expect(dtm.cells).toBe(5);
  });

  it('names rows and columns in the index tables', () => {
    expect(dtm.rows).toEqual([
      { row: 1, doc_id: 'd1', date: '1960-01-01', speaker: 'Hoxha', side: 'Albania', words: 7 },
      { row: 2, doc_id: 'd1', date: '1960-01-01', speaker: 'Choe', side: 'DPRK', words: 2 },
      { row: 3, doc_id: 'd2', date: '1966-01-01', speaker: 'Hoxha', side: 'Albania', words: 2 },
    ]);
    expect(dtm.terms).toEqual([
      { column: 1, term: 'party', count: 2, rows: 1 },
      { column: 2, term: 'revisionist', count: 2, rows: 1 },
      { column: 3, term: 'unity', count: 2, rows: 2 },
      { column: 4, term: 'war', count: 1, rows: 1 },
    ]);
  });

  it('is the same whatever the order of the parts', () => {
    const reversed = [...speakerDocs([d2]), ...speakerDocs([d1])];
    expect(buildDtm(reversed)).toEqual(dtm);
    expect(text(matrixMarket(reversed, buildDtm(reversed)))).toBe(mtx);
  });

  it('writes the same files from counts kept compactly (term ids) as from Maps', () => {
    const kit = { intern: (x: string) => x, vocabulary: new Vocabulary() };
    // d2's terms enter the shared vocabulary first, so ids and columns are in different orders.
    const kept = [...keptUnits(speakerDocs([d2]), kit), ...keptUnits(speakerDocs([d1]), kit)];
    const m = buildDtm(kept);
    expect(m).toEqual(dtm);
    expect(text(matrixMarket(kept, m))).toBe(mtx);
    expect(text(dtmCsv(kept, m))).toBe(text(dtmCsv(units, dtm)));
  });

  it('writes every cell of a matrix of several megabytes, digits and chunk ends included', () => {
    // 400 speakers × up to 900 terms with counts up to 10⁶: lines of 1 to 7 digits, over 1 MB.
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const vocabulary = Array.from({ length: 900 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    const big = Array.from({ length: 400 }, (_, r) => {
      const counts = new Map<string, number>();
      // Terms in another order in every other row: the cells must still come by column.
      for (const t of r % 2 ? [...vocabulary].reverse() : vocabulary)
        if (random() < 0.3) counts.set(t, 1 + Math.floor(random() ** 4 * 1e6));
      return {
        doc_id: `d${String(r).padStart(3, '0')}`,
        date: '',
        speaker: 'S',
        side: 'A',
        words: 1,
        counts,
      };
    });
    const kit = { intern: (x: string) => x, vocabulary: new Vocabulary() };
    const kept = keptUnits(big as unknown as Parameters<typeof keptUnits>[0], kit);
    const m = buildDtm(kept);
    // The cells as the format defines them, written the plain way.
    const column = new Map(m.terms.map((t) => [t.term, t.column]));
    const expected = big.flatMap((u, i) =>
      [...u.counts]
        .map(([t, n]) => [column.get(t)!, n] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([j, n]) => `${i + 1},${j},${n}\n`),
    );
    const csv = text(dtmCsv(kept, m));
    expect(csv.length).toBeGreaterThan(2 ** 20);
    expect(csv).toBe(`row,column,count\n${expected.join('')}`);
    expect(text(matrixMarket(kept, m)).split('\n').slice(3).join('\n')).toBe(
      expected.join('').replace(/,/g, ' '),
    );
  });

  const python = spawnSync('python3', ['-c', 'import scipy.io'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)(
    'loads with scipy.io.mmread (python3 with scipy installed)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'atr-dtm-'));
      try {
        const file = join(dir, 'dtm.mtx');
        writeFileSync(file, mtx);
        const r = spawnSync(
          'python3',
          [
            '-c',
            'import sys, json, scipy.io; m = scipy.io.mmread(sys.argv[1]); print(json.dumps(m.toarray().tolist()))',
            file,
          ],
          { encoding: 'utf8' },
        );
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout)).toEqual(dense);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  const r = spawnSync('Rscript', ['-e', 'library(Matrix)'], { encoding: 'utf8' });
  it.skipIf(r.status !== 0)(
    'loads with Matrix::readMM (R with the Matrix package installed)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'atr-dtm-'));
      try {
        const file = join(dir, 'dtm.mtx');
        writeFileSync(file, mtx);
        const out = spawnSync(
          'Rscript',
          [
            '-e',
            'm <- as.matrix(Matrix::readMM(commandArgs(TRUE)[1])); cat(apply(m, 1, paste, collapse = " "), sep = "\\n")',
            file,
          ],
          { encoding: 'utf8' },
        );
        expect(out.status).toBe(0);
        expect(out.stdout.trim().split('\n')).toEqual(dense.map((row) => row.join(' ')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('dtm codebook', () => {
  it('documents the index tables column by column', () => {
    expect(DTM_TABLES.map((f) => [f.name, f.columns.map((c) => c.name)])).toEqual([
      ['dtm', DTM_CELL_COLUMNS],
      ['dtm_rows', DTM_ROW_COLUMNS],
      ['dtm_terms', DTM_TERM_COLUMNS],
    ]);
  });
});
