import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatNumber, rowsJson, toCsv } from '../pipeline/csv.js';

describe('toCsv', () => {
  it('quotes per RFC 4180 and formats numbers deterministically', () => {
    const rows = [
      { a: 'plain', b: 1.5, c: true },
      { a: 'comma, "quoted"', b: 2 / 3, c: false },
      { a: 'line\nbreak', b: -0.0000001, c: null },
      { a: ' padded ', b: Number.NaN, c: undefined },
    ];
    expect(toCsv(rows, ['a', 'b', 'c'])).toBe(
      'a,b,c\nplain,1.5,true\n"comma, ""quoted""",0.666667,false\n"line\nbreak",0,\n" padded ",,\n',
    );
    expect(toCsv([], ['a', 'b'])).toBe('a,b\n');
    expect(formatNumber(1e21)).toBe('1e+21');
  });

  it('round-trips any text through papaparse (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.string(), y: fc.string() }), { maxLength: 20 }),
        (rows) => {
          const text = toCsv(rows, ['x', 'y']);
          const parsed = Papa.parse<Record<string, string>>(text, {
            header: true,
            skipEmptyLines: true,
            delimiter: ',',
          });
          expect(parsed.errors).toEqual([]);
          expect(parsed.data).toEqual(rows);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('rowsJson', () => {
  it('writes columns once and each row as an array in column order', () => {
    expect(
      rowsJson(
        [
          { b: 2, a: 'x', z: 'dropped' },
          { a: 'y', b: Number.NaN },
        ],
        ['a', 'b'],
      ),
    ).toBe('{"columns":["a","b"],"rows":[\n["x",2],\n["y",null]\n]}\n');
    expect(JSON.parse(rowsJson([], ['a']))).toEqual({ columns: ['a'], rows: [] });
  });
});
