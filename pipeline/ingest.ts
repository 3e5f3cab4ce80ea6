import { createHash } from 'node:crypto';
import { formatOf, needsConversion, SUPPORTED_EXTENSIONS } from './convert/index.js';
import { decode } from './decode.js';
import type { Diagnostic, RawDocument, RawFile } from './types.js';

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
 * Windows-1252 fallback; a few stray NUL bytes stripped with a warning) or
 * the text pipeline/convert/ extracted from a web page, PDF or Word file, and
 * refusal of what is not a transcript (an unsupported kind of file, binary,
 * text larger than MAX_DOCUMENT_BYTES, empty, or a byte-identical duplicate
 * of an earlier file). Files are taken in name order so results never depend on directory
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
    const format = formatOf(f.name);
    if (format === undefined) {
      skip('ingest/unsupported-format', `not a kind of file raw/ takes (${SUPPORTED_EXTENSIONS})`);
      continue;
    }
    if (needsConversion(format) && f.converted === undefined) {
      skip('ingest/not-converted', `a .${format} file must be converted to text first`);
      continue;
    }
    // A converted file's size is its text's (a PDF's bytes are mostly fonts and images).
    const size = f.converted ? f.converted.text.length : f.bytes.length;
    if (size > MAX_DOCUMENT_BYTES) {
      skip(
        'ingest/too-large',
        `${size.toLocaleString('en-US')} ${f.converted ? 'characters of text' : 'bytes'}, more than the ${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} (5 MiB) a transcript may have (split it into its records)`,
      );
      continue;
    }
    const utf16 = f.converted ? undefined : utf16Bom(f.bytes);
    const nuls = utf16 || f.converted ? [] : nulOffsets(f.bytes);
    if (nuls.length > MAX_STRAY_NULS || nuls.length > f.bytes.length / 100) {
      skip('ingest/binary', 'looks like a binary file (NUL or control bytes), not text');
      continue;
    }
    const textBytes = nuls.length > 0 ? withoutNuls(f.bytes, nuls.length) : f.bytes;
    if (!utf16 && f.converted === undefined && looksBinary(textBytes)) {
      skip('ingest/binary', 'looks like a binary file (NUL or control bytes), not text');
      continue;
    }
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const earlier = seen.get(sha256);
    if (earlier !== undefined) {
      skip('ingest/duplicate', `same content (sha256 ${sha256.slice(0, 12)}…) as raw/${earlier}`);
      continue;
    }
    const decoded = f.converted ?? (utf16 ? decodeUtf16(f.bytes, utf16) : decode(textBytes));
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
    if (decoded.encoding === 'windows-1252' && decoded.badLine !== undefined) {
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
