/**
 * Spreadsheet users (issue "Nothing lost, nothing hung, nothing leaked"):
 * the tables keep cells verbatim for R and pandas; --spreadsheet-copies
 * also writes copies in which no cell is run as a formula.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../pipeline/spreadsheet.js';
import { corpusWithShippedConfig, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-sheet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('neutraliseCell', () => {
  it('makes text of what a spreadsheet would run, and leaves numbers and prose alone', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseCell('+1 for the motion')).toBe("'+1 for the motion");
    expect(neutraliseCell('-2 tanks, said Kapo')).toBe("'-2 tanks, said Kapo");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
    expect(neutraliseCell('-0.25')).toBe('-0.25');
    expect(neutraliseCell('+3')).toBe('+3');
    expect(neutraliseCell('-1.5e-3')).toBe('-1.5e-3');
    expect(neutraliseCell('Comrade Enver Hoxha')).toBe('Comrade Enver Hoxha');
    expect(neutraliseCell('')).toBe('');
  });
});

describe('--spreadsheet-copies', () => {
  it('writes spreadsheet/ copies with formulas made text; data/ stays verbatim', () => {
    const c = corpusWithShippedConfig(join(work, 'corpus'), {
      'a.txt':
        'June 6, 1959\n\nRecord of a Meeting\n\nComrade Enver Hoxha: =HYPERLINK("http://example.org","click") is what they wrote.\n\nComrade Choe Yong-geon: -2 divisions were moved, and we are sad.\n',
    });
    const out = join(work, 'out');
    const r = runCli([
      '--quiet',
      '--no-cache',
      '--corpus',
      c,
      '--out',
      out,
      '--spreadsheet-copies',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = (p: string) =>
      Papa.parse<Record<string, string>>(readFileSync(p, 'utf8').replace(/^\ufeff/, ''), {
        header: true,
        skipEmptyLines: true,
      }).data;
    const verbatim = rows(join(out, 'data', 'turns.csv'));
    const safe = rows(join(out, 'spreadsheet', 'turns.csv'));
    expect(verbatim.map((t) => t.text![0])).toEqual(['=', '-']);
    expect(safe.map((t) => t.text)).toEqual(verbatim.map((t) => `'${t.text}`));
    expect(readFileSync(join(out, 'spreadsheet', 'turns.csv'), 'utf8').startsWith('\ufeff')).toBe(
      true,
    );
    // Every table is copied, row for row; numbers stay numbers.
    const tables = readdirSync(join(out, 'data')).filter((f) => f.endsWith('.csv'));
    expect(readdirSync(join(out, 'spreadsheet')).sort()).toEqual(
      [...tables, 'diagnostics.csv', 'figures'].sort(),
    );
    for (const t of tables)
      expect(rows(join(out, 'spreadsheet', t)).length, t).toBe(rows(join(out, 'data', t)).length);
    expect(readdirSync(join(out, 'spreadsheet', 'figures')).length).toBe(
      readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.csv')).length,
    );
    const sentences = rows(join(out, 'spreadsheet', 'sentences.csv'));
    expect(sentences.some((s) => /^-\d/.test(s.sentiment ?? ''))).toBe(true);
  }, 120_000);
});
