import { createHash } from 'node:crypto';
import type { Diagnostic, RawDocument } from './types.js';

/** A file found in raw/: its name and bytes (the only read of the corpus happens in io.ts). */
export interface RawFile {
  name: string;
  bytes: Uint8Array;
}

export interface IngestResult {
  documents: RawDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Largest transcript read, in bytes. Memory grows with a document's size
 * (annotation holds a whole document's tokens); the longest shipped record is
 * 26 kB, so this is about 200 times that. A larger file is skipped with a
 * warning, never the whole run lost. Stated in the README.
 */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** NUL bytes stripped from a text file (with a warning) rather than refusing it as binary. */
const MAX_STRAY_NULS = 64;

/**
 * ingest: RawFile[] → RawDocument[]. Pure: sha256 of the bytes, decoding
 * (UTF-16 LE/BE by their byte-order mark; else UTF-8, BOM stripped, with a
 * Windows-1252 fallback; a few stray NUL bytes stripped with a warning), and
 * refusal of what is not a transcript (not .txt, binary, larger than
 * MAX_DOCUMENT_BYTES, empty, or a byte-identical duplicate of an earlier
 * file). Files are taken in name order so results never depend on directory
 * listing order.
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
    if (!/\.txt$/i.test(f.name)) {
      skip('ingest/not-txt', 'not a .txt transcript');
      continue;
    }
    if (f.bytes.length > MAX_DOCUMENT_BYTES) {
      skip(
        'ingest/too-large',
        `${f.bytes.length.toLocaleString('en-US')} bytes, more than the ${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} (5 MiB) a transcript may have (split it into its records)`,
      );
      continue;
    }
    const utf16 = utf16Bom(f.bytes);
    const nuls = utf16 ? [] : nulOffsets(f.bytes);
    if (nuls.length > MAX_STRAY_NULS || nuls.length > f.bytes.length / 100) {
      skip('ingest/binary', 'looks like a binary file (NUL or control bytes), not text');
      continue;
    }
    const textBytes = nuls.length > 0 ? withoutNuls(f.bytes, nuls.length) : f.bytes;
    if (!utf16 && looksBinary(textBytes)) {
      skip('ingest/binary', 'looks like a binary file (NUL or control bytes), not text');
      continue;
    }
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const earlier = seen.get(sha256);
    if (earlier !== undefined) {
      skip('ingest/duplicate', `same content (sha256 ${sha256.slice(0, 12)}…) as raw/${earlier}`);
      continue;
    }
    const decoded = utf16 ? decodeUtf16(f.bytes, utf16) : decode(textBytes);
    const docDiagnostics: Diagnostic[] = [];
    if (nuls.length > 0) {
      const shown = nuls.slice(0, 5).join(', ');
      docDiagnostics.push({
        file,
        rule: 'ingest/nul-bytes',
        severity: 'warning',
        message: `${nuls.length} NUL byte${nuls.length === 1 ? '' : 's'} removed (at byte offset${nuls.length === 1 ? '' : 's'} ${shown}${nuls.length > 5 ? ', …' : ''}); the rest is read as text`,
      });
    }
    if (decoded.encoding === 'windows-1252') {
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
    const docId = f.name.replace(/\.txt$/i, '');
    const sameId = ids.get(docId);
    if (sameId !== undefined) {
      // doc_id names the record in every output (corpus/<doc_id>.json, every table): it must be unique.
      skip(
        'ingest/duplicate-id',
        `same doc_id "${docId}" as raw/${sameId} (names differ only in the extension's case)`,
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
      encoding: decoded.encoding,
      original: decoded.text,
      diagnostics: docDiagnostics,
    });
  }
  return { documents, diagnostics };
}

/** Control bytes other than tab, newline and carriage return (NULs are handled apart). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Offsets of the NUL bytes, up to one more than the most that are stripped. */
function nulOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, i + 1)) {
    out.push(i);
    if (out.length > MAX_STRAY_NULS) break;
  }
  return out;
}

function withoutNuls(bytes: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(bytes.length - count);
  let j = 0;
  for (const b of bytes) if (b !== 0) out[j++] = b;
  return out;
}

/**
 * UTF-16 by its byte-order mark (what Windows Notepad saves as "Unicode" is
 * UTF-16 LE with FF FE). Without a mark, UTF-16 is full of NULs and refused
 * as binary.
 */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function decodeUtf16(
  bytes: Uint8Array,
  encoding: 'utf-16le' | 'utf-16be',
): { text: string; encoding: RawDocument['encoding']; badLine?: number } {
  // Lone surrogates become U+FFFD; the mark itself is dropped.
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  return { text, encoding };
}

function decode(bytes: Uint8Array): {
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
