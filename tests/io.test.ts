import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../pipeline/errors.js';
import { readCorpus, writeOutputs } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/transcripts.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'atr-io-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readCorpus / buildTranscripts', () => {
  it('refuses a missing corpus folder or one without raw/', () => {
    expect(() => readCorpus(join(tmp(), 'nope'))).toThrow(ConfigError);
    const d = tmp();
    expect(() => readCorpus(d)).toThrow(/expected a raw\/ folder/);
  });

  it('reports an empty raw/ folder as an error diagnostic, with no transcripts', () => {
    const d = tmp();
    mkdirSync(join(d, 'raw'));
    writeFileSync(join(d, 'speakers.yaml'), 'speakers: []\n');
    const model = buildTranscripts(readCorpus(d));
    expect(model.transcripts).toEqual([]);
    expect(model.diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'ingest/no-documents', severity: 'error' }),
    );
  });

  it('analyses the good files and reports the bad ones, never modifying raw/', () => {
    const d = tmp();
    mkdirSync(join(d, 'raw'));
    writeFileSync(
      join(d, 'speakers.yaml'),
      'speakers:\n  - {name: Enver Hoxha, side: Albania, aliases: [Comrade Enver Hoxha]}\n',
    );
    const good = 'June 1, 1960\r\n\r\nComrade Enver Hoxha: Good day.\r\n';
    writeFileSync(join(d, 'raw', 'a.txt'), `\ufeff${good}`);
    writeFileSync(join(d, 'raw', 'b.txt'), '   \n');
    writeFileSync(join(d, 'raw', 'c.pdf'), '%PDF');
    const model = buildTranscripts(readCorpus(d));
    expect(
      model.transcripts.map((t) => [t.docId, t.metadata.date, t.turns.length, t.encoding]),
    ).toEqual([['a', '1960-06-01', 1, 'utf-8-bom']]);
    expect(model.diagnostics.map((x) => x.file)).toEqual(['raw/b.txt', 'raw/c.pdf']);
    expect(readFileSync(join(d, 'raw', 'a.txt'), 'utf8')).toBe(`\ufeff${good}`);
  });

  it('stops on a missing speakers.yaml with a message naming it', () => {
    const d = tmp();
    mkdirSync(join(d, 'raw'));
    expect(() => buildTranscripts(readCorpus(d))).toThrow(
      /speakers\.yaml: expected a speaker registry/,
    );
  });
});

describe('writeOutputs', () => {
  it('replaces the output folder as a whole', () => {
    const d = tmp();
    const out = join(d, 'reports');
    writeOutputs(
      out,
      new Map([
        ['a.txt', 'one'],
        ['sub/b.txt', 'two'],
      ]),
    );
    writeOutputs(out, new Map([['c.txt', 'three']]));
    expect(existsSync(join(out, 'a.txt'))).toBe(false);
    expect(readFileSync(join(out, 'c.txt'), 'utf8')).toBe('three');
  });

  it('leaves the previous outputs intact when the folder cannot be written', () => {
    const d = tmp();
    const out = join(d, 'reports');
    writeOutputs(out, new Map([['a.txt', 'old']]));
    // A file where a folder must go makes the write fail midway.
    const files = new Map<string, string>([
      ['x.txt', 'new'],
      ['x.txt/inner', 'boom'],
    ]);
    expect(() => writeOutputs(out, files)).toThrow(ConfigError);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
  });

  it('reports an output folder whose parent cannot be created', () => {
    const d = tmp();
    writeFileSync(join(d, 'file'), 'x');
    expect(() => writeOutputs(join(d, 'file', 'reports'), new Map([['a', 'b']]))).toThrow(
      /expected a writable output folder/,
    );
  });

  it('reports a read-only parent folder (skipped when running as root, who can write anyway)', () => {
    if (process.getuid?.() === 0) return;
    const d = tmp();
    chmodSync(d, 0o500);
    try {
      expect(() => writeOutputs(join(d, 'reports'), new Map([['a', 'b']]))).toThrow(ConfigError);
    } finally {
      chmodSync(d, 0o700);
    }
  });
});
