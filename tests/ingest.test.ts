import { describe, expect, it } from 'vitest';
import { ingest, MAX_DOCUMENT_BYTES } from '../pipeline/ingest.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('ingest', () => {
  it('hashes bytes, strips a BOM and keeps CRLF for normalize', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Comrade A: hi\r\nthere')]);
    const { documents, diagnostics } = ingest([{ name: 'a.txt', bytes }]);
    expect(diagnostics).toEqual([]);
    expect(documents[0]).toMatchObject({
      docId: 'a',
      encoding: 'utf-8-bom',
      original: 'Comrade A: hi\r\nthere',
      bytes: bytes.length,
    });
    expect(documents[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes invalid UTF-8 as Windows-1252 with a warning naming file and line', () => {
    // "caf\xe9" on line 2, and a Windows-1252 curly apostrophe (0x92).
    const bytes = new Uint8Array([...enc('first line\nWorkers'), 0x92, ...enc(' caf'), 0xe9]);
    const { documents } = ingest([{ name: 'w.txt', bytes }]);
    expect(documents[0]!.encoding).toBe('windows-1252');
    expect(documents[0]!.original).toBe('first line\nWorkers’ café');
    expect(documents[0]!.diagnostics).toEqual([
      expect.objectContaining({
        file: 'raw/w.txt',
        line: 2,
        rule: 'ingest/windows-1252',
        severity: 'warning',
      }),
    ]);
  });

  it('skips empty, whitespace-only, binary, non-.txt and duplicate files with a message each', () => {
    const { documents, diagnostics } = ingest([
      { name: 'b.txt', bytes: enc('same text') },
      { name: 'a.txt', bytes: enc('same text') },
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'blank.txt', bytes: enc(' \n\t \r\n') },
      { name: 'img.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
      { name: 'notes.docx', bytes: enc('text') },
    ]);
    expect(documents.map((d) => d.sourceFile)).toEqual(['a.txt']);
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['raw/b.txt', 'ingest/duplicate'],
      ['raw/blank.txt', 'ingest/empty'],
      ['raw/empty.txt', 'ingest/empty'],
      ['raw/img.txt', 'ingest/binary'],
      ['raw/notes.docx', 'ingest/not-txt'],
    ]);
    expect(diagnostics[0]!.message).toContain('raw/a.txt');
  });

  it('skips a file whose doc_id another file already has (extension case)', () => {
    const { documents, diagnostics } = ingest([
      { name: 'm.TXT', bytes: enc('second text') },
      { name: 'm.txt', bytes: enc('first text') },
    ]);
    expect(documents.map((d) => [d.docId, d.sourceFile])).toEqual([['m', 'm.TXT']]);
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['raw/m.txt', 'ingest/duplicate-id'],
    ]);
    expect(diagnostics[0]!.message).toContain('raw/m.TXT');
  });
});

describe('ingest: what users really hand it', () => {
  const text = 'Comrade Enver Hoxha: Mirë se erdhët — welcome.\r\n';

  it.each([
    ['utf-16le', [0xff, 0xfe], (s: string) => Buffer.from(s, 'utf16le')],
    ['utf-16be', [0xfe, 0xff], (s: string) => Buffer.from(s, 'utf16le').swap16()],
  ] as const)('reads %s with a byte-order mark (Notepad\'s "Unicode")', (encoding, bom, bytes) => {
    const file = new Uint8Array([...bom, ...bytes(text)]);
    const { documents, diagnostics } = ingest([{ name: 'u.txt', bytes: file }]);
    expect(diagnostics).toEqual([]);
    expect(documents[0]!.encoding).toBe(encoding);
    expect(documents[0]!.original).toBe(text);
    expect(documents[0]!.bytes).toBe(file.length);
  });

  it('strips a few NUL bytes with a warning naming their offsets', () => {
    const bytes = enc(`${'word '.repeat(200)}end`);
    const offsets = [3, 10, 11, 500, 700, 900];
    const withNuls = new Uint8Array(bytes.length + offsets.length);
    let j = 0;
    for (let i = 0; i < withNuls.length; i++) withNuls[i] = offsets.includes(i) ? 0 : bytes[j++]!;
    const { documents, diagnostics } = ingest([{ name: 'n.txt', bytes: withNuls }]);
    expect(documents[0]!.original).toBe(new TextDecoder().decode(bytes));
    expect(documents[0]!.diagnostics).toEqual([
      {
        file: 'raw/n.txt',
        rule: 'ingest/nul-bytes',
        severity: 'warning',
        message:
          '6 NUL bytes removed (at byte offsets 3, 10, 11, 500, 700, …); the rest is read as text',
      },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('still refuses binaries and UTF-16 without a mark', () => {
    const png = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : 0x41 + (i % 26)));
    const { documents, diagnostics } = ingest([
      { name: 'png.txt', bytes: png },
      { name: 'nobom.txt', bytes: new Uint8Array(Buffer.from(text.repeat(20), 'utf16le')) },
    ]);
    expect(documents).toEqual([]);
    expect(diagnostics.map((d) => d.rule)).toEqual(['ingest/binary', 'ingest/binary']);
  });

  it('skips a transcript larger than the limit, with its size, and reads the others', () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
    const { documents, diagnostics } = ingest([
      { name: 'big.txt', bytes: big },
      { name: 'ok.txt', bytes: enc('fine') },
    ]);
    expect(documents.map((d) => d.sourceFile)).toEqual(['ok.txt']);
    expect(diagnostics).toEqual([
      {
        file: 'raw/big.txt',
        rule: 'ingest/too-large',
        severity: 'warning',
        message:
          '5,242,881 bytes, more than the 5,242,880 (5 MiB) a transcript may have (split it into its records); file skipped',
      },
    ]);
  });
});
