import { createHash } from 'node:crypto';
import { formatOf, needsConversion, SUPPORTED_EXTENSIONS } from './convert/index.js';
import type { Diagnostic, RawDocument, SourceFormat } from './types.js';

/** A file found in raw/: its name and bytes (the only read of the corpus happens in io.ts). */
export interface RawFile {
  name: string;
  bytes: Uint8Array;
  /** The text of a web page, PDF or Word file, extracted by pipeline/convert/ (bytes stay the original). */
  converted?: {
    format: SourceFormat;
    text: string;
    encoding: RawDocument['encoding'];
    /** A web page read as Windows-1252: the line of its first byte that is not UTF-8. */
    badLine?: number;
  };
}

export interface IngestResult {
  documents: RawDocument[];
  diagnostics: Diagnostic[];
}

/**
 * ingest: RawFile[] → RawDocument[]. Pure: sha256 of the bytes, UTF-8
 * decoding (BOM stripped) with a Windows-1252 fallback (or the text
 * pipeline/convert/ extracted from a web page, PDF or Word file), and refusal
 * of what is not a transcript (an unsupported kind of file, binary, empty, or
 * a byte-identical duplicate of an earlier file). Files are taken in name order so results never depend on
 * directory listing order.
 */
export function ingest(files: readonly RawFile[]): IngestResult {
  const documents: RawDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  const ids = new Map<string, string>();
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sorted) {
    const file = `raw/${f.name}`;
    const skip = (rule: string, message: string) =>
      diagnostics.push({ file, rule, severity: 'warning', message: `${message}; file skipped` });
    const format = formatOf(f.name);
    if (format === undefined) {
      skip('ingest/unsupported-format', `not a kind of file raw/ takes (${SUPPORTED_EXTENSIONS})`);
      continue;
    }
    if (needsConversion(format) && f.converted === undefined) {
      skip('ingest/not-converted', `a .${format} file must be converted to text first`);
      continue;
    }
    if (f.converted === undefined && looksBinary(f.bytes)) {
      skip('ingest/binary', 'looks like a binary file (NUL or control bytes), not text');
      continue;
    }
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const earlier = seen.get(sha256);
    if (earlier !== undefined) {
      skip('ingest/duplicate', `same content (sha256 ${sha256.slice(0, 12)}…) as raw/${earlier}`);
      continue;
    }
    const decoded = f.converted ?? decode(f.bytes);
    const docDiagnostics: Diagnostic[] = [];
    if ('badLine' in decoded && decoded.encoding === 'windows-1252') {
      docDiagnostics.push({
        file,
        line: decoded.badLine,
        rule: 'ingest/windows-1252',
        severity: 'warning',
        message: `not valid UTF-8 (first bad byte on line ${decoded.badLine}); decoded as Windows-1252`,
      });
    }
    if (decoded.text.trim() === '') {
      skip('ingest/empty', 'empty or whitespace-only');
      continue;
    }
    const docId = f.name.replace(/\.[^.]+$/, '');
    const sameId = ids.get(docId);
    if (sameId !== undefined) {
      // doc_id names the record in every output (corpus/<doc_id>.json, every table): it must be unique.
      skip(
        'ingest/duplicate-id',
        `same doc_id "${docId}" as raw/${sameId} (names differ only in the extension)`,
      );
      continue;
    }
    ids.set(docId, f.name);
    seen.set(sha256, f.name);
    documents.push({
      docId,
      sourceFile: f.name,
      sha256,
      bytes: f.bytes.length,
      sourceFormat: format,
      encoding: decoded.encoding,
      original: decoded.text,
      diagnostics: docDiagnostics,
    });
  }
  return { documents, diagnostics };
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** UTF-8 (BOM stripped), else Windows-1252 with the line of the first bad byte. */
export function decode(bytes: Uint8Array): {
  text: string;
  encoding: RawDocument['encoding'];
  badLine?: number;
} {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bom ? bytes.subarray(3) : bytes,
    );
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return {
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
      badLine: firstInvalidUtf8Line(bytes),
    };
  }
}

/** 1-based line of the first byte sequence that is not valid UTF-8. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (len === 0) return line;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return line;
    }
    i += len;
  }
  return line;
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes,
 * €, …). Node's TextDecoder treats the label as Latin-1 in some builds, so
 * the table is spelled out here (undefined bytes map to U+FFFD).
 */
const CP1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}
