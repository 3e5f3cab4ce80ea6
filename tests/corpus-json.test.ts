/**
 * corpus/<doc_id>.json holds the record's text once (the original as edits
 * of the normalised text, turns without the speech their segments locate);
 * readCorpusRecord() must give back the transcript exactly, for the shipped
 * records, a synthetic corpus's and hostile ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../pipeline/bench/synth.js';
import {
  applyEdits,
  compactTranscript,
  corpusJson,
  readCorpusRecord,
  textEdits,
} from '../pipeline/corpus-json.js';
import { stableJson } from '../pipeline/csv.js';
import { readCorpus } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import type { Transcript } from '../pipeline/types.js';
import { REPO } from './helpers.js';

const shipped = readCorpus(join(REPO, 'corpus'));
const utf8 = new TextEncoder();

/** The transcripts of these raw files, read with the shipped configuration. */
function transcriptsOf(raw: Record<string, string | Uint8Array>): Transcript[] {
  return buildTranscripts({
    ...shipped,
    raw: Object.entries(raw).map(([name, content]) => ({
      name,
      bytes: typeof content === 'string' ? utf8.encode(content) : content,
    })),
    diagnostics: [],
  }).transcripts;
}

/** The record as the pipeline wrote it whole before (every field, sorted keys). */
const whole = (t: Transcript) => stableJson(t, 0);

/** Stored, read back, and written whole again: must be the same bytes. */
function expectRoundTrip(t: Transcript, maxEditLength?: number): ReturnType<typeof JSON.parse> {
  const json = corpusJson(t, maxEditLength);
  expect(whole(readCorpusRecord(json))).toBe(whole(t));
  return JSON.parse(json);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('corpus/<doc_id>.json', () => {
  const records = buildTranscripts(shipped).transcripts;

  it('round-trips every shipped record, holding each text once', () => {
    expect(records.length).toBeGreaterThan(0);
    for (const t of records) {
      const stored = expectRoundTrip(t);
      expect(stored.original).toBeUndefined();
      expect(Array.isArray(stored.originalEdits)).toBe(true);
      // Every turn's speech and quotation is rebuilt from its segments, none stored.
      expect(stored.turns.filter((u: { text?: string }) => u.text !== undefined)).toEqual([]);
      expect(stored.turns.filter((u: { quoted?: string }) => u.quoted !== undefined)).toEqual([]);
      expect(corpusJson(t).length).toBeLessThan(whole(t).length * 0.6);
    }
  });

  it('round-trips a synthetic corpus of 40 records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-json-'));
    dirs.push(dir);
    await writeSyntheticCorpus({ sourceCorpus: join(REPO, 'corpus'), outDir: dir, docs: 40 });
    const synth = buildTranscripts(readCorpus(dir)).transcripts;
    expect(synth.length).toBe(40);
    for (const t of synth) expectRoundTrip(t);
  });

  it('round-trips an empty record and a record with no speech', () => {
    // An empty file is not read as a record (ingest skips it), so the empty
    // record is made by hand: no text, no segments, no turns.
    const empty: Transcript = {
      ...records[0]!,
      original: '',
      text: '',
      segments: [],
      turns: [],
      speakers: [],
      record: '',
    };
    const got = transcriptsOf({
      'b-nospeech.txt':
        'Record of a visit\n\n\nThe delegation toured the factory.   \r\nNo one spoke.\r\n\r\n\r\n',
    });
    const noSpeech = got.find((t) => t.docId === 'b-nospeech');
    expect(empty.text).toBe('');
    expect(empty.turns).toEqual([]);
    expect(expectRoundTrip(empty).originalEdits).toEqual([]);
    expect(noSpeech!.turns).toEqual([]);
    expect(noSpeech!.original).not.toBe(noSpeech!.text);
    expect(expectRoundTrip(noSpeech!).originalEdits.length).toBeGreaterThan(0);
  });

  it('round-trips non-ASCII text and edits at the very start and end', () => {
    // Decomposed é (NFC composes it: an edit at offset 0), Hangul, a character
    // outside the BMP (two UTF-16 units), odd spaces, CRLF and trailing blanks.
    const raw =
      '\n\nCafe\u0301 meeting 会谈 \u{1F600}\r\n\r\n' +
      'Comrade Enver Hoxha:\u00a0We greet the Korean comrades — 조선 동지들 — warmly \u{1F91D}.\r\n\r\n' +
      'Ambassador An Yong: Thank you (he smiles) [sic] for “the warm welcome you gave us”.\n\n' +
      'Comrade Mao Zedong: Greets the delegation and says “we are [very] glad to see you” and “the friendship of our peoples is strong”.   \n\n\n';
    const [t] = transcriptsOf({ 'c-unicode.txt': raw });
    expect(t!.turns.length).toBe(3);
    // A reported turn quoting the speaker twice: its quotations are rebuilt too.
    expect(t!.turns[2]!.mode).toBe('reported');
    expect(t!.turns[2]!.quoted?.split('\n\n').length).toBe(2);
    const stored = expectRoundTrip(t!);
    const edits = stored.originalEdits as Array<[number, number, string]>;
    expect(edits[0]![0]).toBe(0);
    expect(edits[edits.length - 1]![1]).toBe(t!.text.length);
    expect(readCorpusRecord(stored).original).toBe(t!.original);
  });

  it('stores the original whole when the diff gives up, and reads it back', () => {
    const t = records[0]!;
    const stored = expectRoundTrip(t, 1);
    expect(stored.original).toBe(t.original);
    expect(stored.originalEdits).toBeUndefined();
    expect(textEdits(t.text, t.original, 1)).toBeUndefined();
  });

  it('keeps a turn text that its segments do not rebuild', () => {
    const t = records[0]!;
    const altered: Transcript = {
      ...t,
      turns: t.turns.map((u, i) => (i === 0 ? { ...u, text: `${u.text} (edited)` } : u)),
    };
    const stored = compactTranscript(altered);
    expect(stored.turns[0]!.text).toBe(`${t.turns[0]!.text} (edited)`);
    expect(stored.turns[1]!.text).toBeUndefined();
    expect(whole(readCorpusRecord(stored))).toBe(whole(altered));
  });

  it('refuses edits out of order or outside the text, and a file that is not a record', () => {
    expect(
      applyEdits('abcdef', [
        [1, 2, 'X'],
        [4, 4, 'Y'],
      ]),
    ).toBe('aXcdYef');
    expect(() =>
      applyEdits('abc', [
        [2, 3, ''],
        [0, 1, ''],
      ]),
    ).toThrow(/out of order/);
    expect(() => applyEdits('abc', [[2, 9, '']])).toThrow(/outside the text/);
    expect(() => readCorpusRecord('{"docId":"x"}')).toThrow(/not a corpus record/);
  });
});
