/**
 * The main thread keeps only light copies of the documents (pipeline/collect.ts)
 * and assembles the row-level CSVs from a spool (pipeline/run/spool.ts). Neither
 * may change a byte of the outputs.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../analyses/contract.js';
import { writeSyntheticCorpus } from '../pipeline/bench/synth.js';
import { DocumentCollector } from '../pipeline/collect.js';
import { OutputWriter, readCorpus } from '../pipeline/io.js';
import { Spool } from '../pipeline/run/spool.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import { REPO, runBuiltPipeline } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-collect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = (s: string) => Buffer.from(s, 'utf8');
const scratch = join(work, 'scratch');
mkdirSync(scratch);

describe('Spool', () => {
  it('gives back appended ranges in any order, coalesced into chunks', () => {
    const spool = new Spool(scratch);
    const a = spool.append('t', text('alpha\n'));
    const b = spool.append('t', text('beta\n'));
    const c = spool.append('u', text('gamma\n'));
    const empty = spool.append('t', new Uint8Array(0));
    expect(Buffer.from(spool.read('t', b)).toString()).toBe('beta\n');
    expect(Buffer.from(spool.read('u', c)).toString()).toBe('gamma\n');
    const joined = [...spool.chunks('t', [b, empty, a])].map((x) => Buffer.from(x).toString());
    expect(joined).toEqual(['beta\nalpha\n']);
    // Small chunk size: one chunk per range.
    expect([...spool.chunks('t', [a, b], 1)].map((x) => Buffer.from(x).toString())).toEqual([
      'alpha\n',
      'beta\n',
    ]);
    expect(() => spool.read('t', [0, 1000])).toThrow(/ends before/);
    spool.close();
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('OutputWriter', () => {
  it('writes a file given as chunks without joining them first', () => {
    const out = join(work, 'out-chunks');
    const w = new OutputWriter(out);
    function* parts() {
      yield text('a,b\n');
      yield text('1,2\n');
      yield text('3,4\n');
    }
    w.write('data/x.csv', parts());
    w.commit();
    expect(readFileSync(join(out, 'data', 'x.csv'), 'utf8')).toBe('a,b\n1,2\n3,4\n');
  });
});

function files(emitted: Map<string, Buffer>): string[] {
  return [...emitted.keys()].sort();
}

async function run(
  corpus: string,
  retainAll: boolean,
): Promise<{ emitted: Map<string, Buffer>; kept: number }> {
  const emitted = new Map<string, Buffer>();
  const result = await runBuiltPipeline({
    corpus,
    retainAll,
    scratchDir: scratch,
    emit: (name, content) => {
      const buf =
        typeof content === 'string'
          ? Buffer.from(content, 'utf8')
          : content instanceof Uint8Array
            ? Buffer.from(content)
            : Buffer.concat([...content].map((c) => Buffer.from(c)));
      expect(emitted.has(name)).toBe(false);
      emitted.set(name, buf);
    },
  });
  return { emitted, kept: result.kept };
}

describe('DocumentCollector', () => {
  it('gives byte-identical outputs whether or not later records keep their text', async () => {
    // 60 records: more than the reading view's 50, so 10 are kept light.
    const corpus = join(work, 'corpus60');
    await writeSyntheticCorpus({ sourceCorpus: join(REPO, 'corpus'), outDir: corpus, docs: 60 });
    const { emitted: light, kept } = await run(corpus, false);
    const { emitted: full, kept: keptAll } = await run(corpus, true);
    expect(kept).toBe(50);
    expect(keptAll).toBe(60);
    expect(files(light)).toEqual(files(full));
    const differ = files(light).filter((f) => !light.get(f)!.equals(full.get(f)!));
    expect(differ).toEqual([]);
    // The row-level tables hold every record's rows (light copies keep no text).
    const turns = light.get('data/turns.csv')!.toString('utf8');
    expect(turns.split('\n').filter(Boolean).length).toBeGreaterThan(60 * 20);
    const report = light.get('index.html')!.toString('utf8');
    expect(report).toContain('the first 50 of 60 records');
    // The ten records the page does not inline carry their reading layout in their
    // speech entries (spooled as they left memory; equal to a run that kept them all,
    // above); the others none. No file per record.
    expect(files(light).filter((f) => f.startsWith('report-data/records/'))).toEqual([]);
    const speech = files(light).filter((f) => /^report-data\/speech-\d{4}\.js$/.test(f));
    expect(speech.length).toBeGreaterThan(0);
    const entries = speech.flatMap((f) => {
      const js = light.get(f)!.toString('utf8');
      return JSON.parse(
        `[${js.slice(js.indexOf('\n') + 1, js.lastIndexOf('\n);'))}]`,
      ) as unknown[][];
    });
    expect(entries.length).toBe(60);
    expect(entries.filter((e) => e.length === 6).length).toBe(10);
    // No spool is left behind.
    expect(readdirSync(scratch)).toEqual([]);
    expect(existsSync(corpus)).toBe(true);
  }, 240_000);

  it('folds the parts of an analysis with a fold as they arrive, and keeps none of them', () => {
    const { transcripts } = buildTranscripts(readCorpus(join(REPO, 'corpus')));
    const base = { description: '', defaults: {}, tables: [], merge: () => ({}) };
    const summed: Analysis = {
      ...base,
      id: 'summed',
      fold: {
        start: () => ({ docs: [] as string[], total: 0 }),
        add: (acc, part) => {
          const a = acc as { docs: string[]; total: number };
          const p = part as { docId: string; n: number };
          a.docs.push(p.docId);
          a.total += p.n;
        },
        finish: () => ({}),
      },
    };
    const spooled: Analysis = { ...base, id: 'spooled' };
    const collector = new DocumentCollector(() => {}, undefined, scratch, undefined, [
      summed,
      spooled,
    ]);
    // Arriving in reverse order, as workers may finish.
    [...transcripts].reverse().forEach((transcript, k) => {
      const i = transcripts.length - 1 - k;
      collector.add(i, {
        transcript,
        tokens: 0,
        parts: { summed: { docId: transcript.docId, n: i + 1 }, spooled: { i } },
        json: new Uint8Array(0),
        csv: [],
      });
    });
    const folded = collector.folded('summed') as { docs: string[]; total: number };
    expect(folded.docs).toEqual([...transcripts].reverse().map((t) => t.docId));
    expect(folded.total).toBe((transcripts.length * (transcripts.length + 1)) / 2);
    expect(collector.folded('spooled')).toBeUndefined();
    const docs = collector.documents();
    expect(docs.map((d) => d.part('summed'))).toEqual(docs.map(() => undefined));
    expect(docs.map((d) => d.part('spooled'))).toEqual(docs.map((d) => ({ i: d.index })));
    collector.dropParts();
    expect(collector.folded('summed')).toBeUndefined();
    collector.close();
    expect(readdirSync(scratch)).toEqual([]);
  });
});
