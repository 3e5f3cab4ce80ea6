import { describe, expect, it } from 'vitest';
import { ingest } from '../pipeline/ingest.js';

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

  it('skips empty, whitespace-only, binary, unsupported and duplicate files with a message each', () => {
    const { documents, diagnostics } = ingest([
      { name: 'b.txt', bytes: enc('same text') },
      { name: 'a.txt', bytes: enc('same text') },
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'blank.txt', bytes: enc(' \n\t \r\n') },
      { name: 'img.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) },
      { name: 'notes.odt', bytes: enc('text') },
    ]);
    expect(documents.map((d) => d.sourceFile)).toEqual(['a.txt']);
    expect(diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['raw/b.txt', 'ingest/duplicate'],
      ['raw/blank.txt', 'ingest/empty'],
      ['raw/empty.txt', 'ingest/empty'],
      ['raw/img.txt', 'ingest/binary'],
      ['raw/notes.odt', 'ingest/unsupported-format'],
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
