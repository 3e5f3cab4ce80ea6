/**
 * A damaged cache never changes results (issue "Nothing lost, nothing hung,
 * nothing leaked"): entries carry a checksum and a shape check, a bad entry
 * is a miss that is computed again and told, and what killed runs left in
 * the cache and the temporary folder is removed.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../pipeline/io.js';
import type { ProcessedDocument } from '../pipeline/processed-document.js';
import {
  readCacheEntry,
  removeDeadCacheTemps,
  writeCacheEntry,
} from '../pipeline/run/cache-files.js';
import { processDocuments } from '../pipeline/run/documents.js';
import { RenderCache } from '../pipeline/run/render-cache.js';
import { Spool } from '../pipeline/run/spool.js';
import { prepareCorpus } from '../pipeline/transcripts.js';
import { annotateInputs, deadPid, REPO } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const corpus = readCorpus(join(REPO, 'corpus'));
const prepared = prepareCorpus(corpus);
const opts = (cacheDir: string) => ({
  settings: {
    inputs: annotateInputs(corpus),
    kwicTerms: [],
    csvColumns: {
      segments: ['doc_id', 'kind'],
      turns: ['doc_id', 'turn', 'text'],
      sentences: ['doc_id', 'text'],
      phrases: ['doc_id'],
      kwic: ['phrase', 'doc_id', 'left', 'right'],
    },
  },
  overrides: prepared.overrides,
  cacheDir,
  workers: 0,
});

async function run(cacheDir: string) {
  const docs: ProcessedDocument[] = [];
  const r = await processDocuments(prepared.documents, opts(cacheDir), (i, d) => {
    docs[i] = d;
  });
  return { ...r, docs };
}

/** Every entry file of a cache folder (not its figures/). */
function entries(dir: string): string[] {
  return readdirSync(dir)
    .filter((s) => /^[0-9a-f]{2}$/.test(s))
    .flatMap((s) => readdirSync(join(dir, s)).map((f) => join(dir, s, f)));
}

function flipByte(file: string, at: (length: number) => number) {
  const b = readFileSync(file);
  const i = at(b.length);
  b[i] = b[i]! ^ 0x01;
  writeFileSync(file, b);
}

describe('the annotation cache', () => {
  it('a flipped byte anywhere in an entry is a miss: processed again, told, same results', async () => {
    const dir = join(work, 'flip');
    const clean = await run(dir);
    const files = entries(dir);
    expect(files).toHaveLength(prepared.documents.length);
    // One byte in the payload's middle, one in the checksum, one in the format tag.
    files.forEach((f, k) => {
      flipByte(f, (n) => [Math.floor(n / 2), 12, 0][k % 3]!);
    });
    const again = await run(dir);
    expect(again.annotated).toBe(prepared.documents.length);
    expect(again.notes).toHaveLength(prepared.documents.length);
    expect(again.notes.join('\n')).toMatch(/checksum mismatch/);
    expect(again.notes.join('\n')).toMatch(/not an entry of this cache format/);
    expect(again.docs).toEqual(clean.docs);
    // The entries were rewritten: the next run is all hits.
    const third = await run(dir);
    expect(third.annotated).toBe(0);
    expect(third.notes).toEqual([]);
  }, 60_000);

  it('an entry of the right format but the wrong shape is a miss, not an internal error', async () => {
    const dir = join(work, 'shape');
    await run(dir);
    const file = entries(dir)[0]!;
    const key = file.split('/').pop()!.replace(/\.v8$/, '');
    writeCacheEntry(dir, key, { transcript: { docId: 3 }, partial: null });
    const again = await run(dir);
    expect(again.annotated).toBe(1);
    expect(again.notes).toEqual([expect.stringMatching(/not the shape this version expects/)]);
  }, 60_000);

  it('reads back what it wrote, and tells absent from damaged', () => {
    const dir = join(work, 'rw');
    writeCacheEntry(dir, 'ab12', { x: [1, 2] });
    expect(readCacheEntry(dir, 'ab12', () => true)).toEqual({ value: { x: [1, 2] } });
    expect(readCacheEntry(dir, 'ab13', () => true)).toEqual({ absent: true });
    writeFileSync(join(dir, 'ab', 'ab12.v8'), 'short');
    expect(readCacheEntry(dir, 'ab12', () => true)).toHaveProperty('damaged');
  });
});

describe('the render cache', () => {
  it('a damaged figure entry is a miss, recorded', () => {
    const dir = join(work, 'render');
    const cache = new RenderCache(dir);
    const rendered = { svg: '<svg/>', png: new Uint8Array([1, 2]), pdf: new Uint8Array([3]) };
    cache.put('cd34', rendered);
    expect(cache.get('cd34')).toEqual(rendered);
    flipByte(join(dir, 'figures', 'cd', 'cd34.v8'), (n) => n - 1);
    expect(cache.get('cd34')).toBeUndefined();
    expect(cache.damaged).toEqual([expect.stringMatching(/^cd34: checksum mismatch/)]);
  });
});

describe('leftovers of killed runs', () => {
  it('half-written cache files of dead processes are removed, a live one’s kept', () => {
    const dir = join(work, 'temps');
    mkdirSync(join(dir, 'ab'), { recursive: true });
    mkdirSync(join(dir, 'figures', 'cd'), { recursive: true });
    const dead = deadPid();
    writeFileSync(join(dir, 'ab', `ab99.${dead}.tmp`), 'half');
    writeFileSync(join(dir, 'figures', 'cd', `cd99.${dead}.tmp`), 'half');
    writeFileSync(join(dir, 'ab', `ab98.${process.ppid}.tmp`), 'being written');
    expect(removeDeadCacheTemps(dir)).toBe(2);
    expect(readdirSync(join(dir, 'ab'))).toEqual([`ab98.${process.ppid}.tmp`]);
    expect(readdirSync(join(dir, 'figures', 'cd'))).toEqual([]);
  });

  it('a dead run’s spool folder is removed when the next spool opens; a live one’s kept', () => {
    const parent = join(work, 'spools');
    const dead = join(parent, `transcripts-spool-${deadPid()}-AbC123`);
    const live = join(parent, `transcripts-spool-${process.ppid}-XyZ789`);
    mkdirSync(dead, { recursive: true });
    mkdirSync(live);
    writeFileSync(join(dead, 'turns.spool'), 'rows');
    const spool = new Spool(parent);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    spool.close();
  });
});
