/**
 * Copies of the data tables that are safe to open in a spreadsheet
 * (--spreadsheet-copies). The tables themselves keep every cell verbatim,
 * which is what R and pandas want; but a transcript can begin a turn with
 * "-2" or "=HYPERLINK(…)", and Excel, LibreOffice and Google Sheets run a
 * cell that starts with =, +, -, @, a tab or a carriage return as a formula.
 * Following OWASP's guidance on CSV injection, a copy prefixes such a cell
 * with an apostrophe (a spreadsheet shows it as text and hides the mark),
 * except where the cell is a plain number such as -0.25, which stays a
 * number. The copies start with a UTF-8 byte-order mark, so Excel reads
 * "Kapo" and "Zhou Enlai’s" as written.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import Papa from 'papaparse';
import { quoteField } from './csv.js';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell as the spreadsheet copy holds it. */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Where the copies go in the output folder, and which tables are copied. */
export const SPREADSHEET_DIR = 'spreadsheet';
export const COPIED = /^(?:data\/[^/]+|figures\/[^/]+|diagnostics)\.csv$/;

/** Writes the spreadsheet copy of the CSV file `src` to `dest`, row by row (memory stays flat). */
export function writeSpreadsheetCopy(src: string, dest: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(dest);
    out.on('error', reject);
    out.write('\ufeff');
    Papa.parse<string[]>(createReadStream(src, 'utf8'), {
      skipEmptyLines: true,
      step: (row, parser) => {
        const line = `${row.data.map((c) => quoteField(neutraliseCell(c))).join(',')}\n`;
        if (!out.write(line)) {
          parser.pause();
          out.once('drain', () => parser.resume());
        }
      },
      complete: () => out.end(resolve),
      error: (e: Error) => {
        out.destroy();
        reject(e);
      },
    });
  });
}
