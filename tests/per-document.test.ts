/**
 * The per-document stage (GitHub issue 5): analyses merged from each
 * document's parts, computed as the per-document stage computes them, must
 * equal the analyses of the whole corpus, the faster bootstrap must draw exactly what random.ts draws, and the
 * document cache must give back what was computed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TermCounts, Vocabulary } from '../analyses/counts.js';
import { loadDictionary } from '../analyses/dictionary.js';
import { ANALYSES, documentParts, runAnalyses } from '../analyses/index.js';
import { NgramsFold, type NgramsPart, ngramRows, type SavedNgrams } from '../analyses/ngrams.js';
import { bootstrapMeanCi, quantileSorted } from '../analyses/sentiment/analysis.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { seededFor } from '../analyses/sentiment/random.js';
import { loadStopwords } from '../analyses/stopwords.js';
import { DocumentCollector } from '../pipeline/collect.js';
import { buildAnnotator } from '../pipeline/document-processor.js';
import { readCorpus } from '../pipeline/io.js';
import type { ProcessedDocument } from '../pipeline/processed-document.js';
import { processDocuments } from '../pipeline/run/documents.js';
import { buildTranscripts, prepareCorpus, sortTranscripts } from '../pipeline/transcripts.js';
import { annotateInputs, REPO } from './helpers.js';

const corpus = readCorpus(join(REPO, 'corpus'));
const inputs = annotateInputs(corpus);
const dictionary = loadDictionary(inputs.dictionary, 'dictionary.yaml');
const sentiment = { targets: loadSentimentConfig(inputs.sentiment, 'sentiment.yaml').targets };
const kwicTerms = ['comrade*', 'revisionism'];
const work = mkdtempSync(join(tmpdir(), 'atr-perdoc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** The per-document stage's settings these tests run it with (a column or two per table). */
const documentSettings = {
  inputs,
  kwicTerms,
  csvColumns: {
    segments: ['doc_id'],
    turns: ['doc_id', 'turn'],
    sentences: ['doc_id'],
    phrases: ['doc_id'],
    kwic: ['phrase', 'doc_id'],
  },
};

describe('per-document analyses', () => {
  it('merge into the same tables as one pass over the corpus', async () => {
    const { transcripts } = buildTranscripts(corpus);
    const annotator = buildAnnotator(inputs);
    const annotated = transcripts.map((t) => annotator.annotate(t));
    const ctx = {
      transcripts,
      annotated,
      dictionary,
      stopwords: loadStopwords(inputs.stopwords, 'stopwords.txt'),
      kwicTerms,
      sentiment,
    };
    const whole = await runAnalyses(ctx);
    const settings = { dictionary, kwicTerms, sentiment, stopwords: ctx.stopwords };
    const partsOf = documentParts(settings);
    const parts = transcripts.map((transcript, i) =>
      partsOf({ transcript, annotated: annotated[i]! }),
    );
    const merged = await runAnalyses({
      ...ctx,
      annotated: [],
      parts: (id) => parts.map((p) => p[id]),
    });
    expect(merged).toEqual(whole);
    expect(whole.kwic.length).toBeGreaterThan(0);
    expect(whole.sentimentTargets.length).toBeGreaterThan(0);
  });
});

describe('processDocuments', () => {
  it('gives the cached results back, re-doing nothing', async () => {
    const prepared = prepareCorpus(corpus);
    const opts = {
      settings: documentSettings,
      overrides: prepared.overrides,
      cacheDir: join(work, 'cache'),
      workers: 0,
    };
    // Each result is handed over with its index in the input, as it is ready.
    const run = async () => {
      const docs: ProcessedDocument[] = [];
      const result = await processDocuments(prepared.documents, opts, (i, doc) => {
        expect(docs[i]).toBeUndefined();
        docs[i] = doc;
      });
      return { ...result, documents: docs };
    };
    const first = await run();
    const second = await run();
    expect(first.annotated).toBe(prepared.documents.length);
    expect(second.annotated).toBe(0);
    expect(first.documents).toHaveLength(prepared.documents.length);
    expect(second.documents).toEqual(first.documents);
    first.documents.forEach((d, i) => {
      expect(d.transcript.sourceFile).toBe(prepared.documents[i]!.sourceFile);
    });
    // kwic.csv's rows come per phrase, in phrase order, each chunk starting with its phrase.
    for (const d of first.documents) {
      const kwic = d.csv.filter((c) => c.table === 'kwic');
      const phrases = kwic.map((c) => c.key[0]!);
      expect(phrases).toEqual([...new Set(phrases)].sort());
      for (const {
        key: [p],
        body,
      } of kwic) {
        const lines = Buffer.from(body).toString('utf8').trimEnd().split('\n');
        for (const line of lines) expect(line.startsWith(`${p},`)).toBe(true);
      }
    }
    const order = sortTranscripts([...first.documents], (d) => d.transcript).map(
      (d) => d.transcript,
    );
    expect(order).toEqual(buildTranscripts(corpus).transcripts);
  });
});

describe('processDocuments in worker threads', () => {
  it('folds the n-gram parts where they are made and sends each worker’s fold once', async () => {
    // The compiled module: its worker script is compiled JavaScript next to it.
    const built = (await import(join(REPO, '.build', 'pipeline', 'run', 'documents.js'))) as {
      processDocuments: typeof processDocuments;
    };
    const prepared = prepareCorpus(corpus);
    const base = { settings: documentSettings, overrides: prepared.overrides, cacheDir: null };
    const collect = async (opts: Parameters<typeof processDocuments>[1]) => {
      const docs: ProcessedDocument[] = [];
      const result = await built.processDocuments(prepared.documents, opts, (i, d) => {
        docs[i] = d;
      });
      return { result, docs };
    };
    const saved: Array<Readonly<Record<string, unknown>>> = [];
    const folding = await collect({ ...base, workers: 2, onFolds: (s) => saved.push(s) });
    expect(folding.result.workers).toBe(2);
    expect(saved).toHaveLength(2);
    expect(folding.docs).toHaveLength(prepared.documents.length);
    for (const d of folding.docs) {
      expect(d.parts).not.toHaveProperty('ngrams');
      expect(d.parts).toHaveProperty('terms');
    }
    // Without onFolds the workers send every part.
    const sending = await collect({ ...base, workers: 2 });
    for (const d of sending.docs) expect(d.parts).toHaveProperty('ngrams');
    const whole = new NgramsFold();
    for (const d of sending.docs) whole.add(d.parts['ngrams'] as NgramsPart);
    const combined = new NgramsFold();
    for (const s of saved) combined.combine(s['ngrams'] as SavedNgrams);
    const rows = ngramRows(whole.counts);
    expect(rows.length).toBeGreaterThan(100);
    expect(ngramRows(combined.counts)).toEqual(rows);
  }, 120_000);
});

/** A part as plain data: maps and packed counts (each bound to its own vocabulary) as their entries. */
const plain = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, (_, v) => (v instanceof Map || v instanceof TermCounts ? [...v] : v)),
  );

describe('DocumentCollector', () => {
  it("holds the analyses' parts on disk, or what they keep of them, and gives each back (folds their own)", async () => {
    const prepared = prepareCorpus(corpus);
    const made: Array<Record<string, unknown>> = [];
    const collector = new DocumentCollector(() => {}, undefined, work);
    try {
      await processDocuments(
        prepared.documents,
        { settings: documentSettings, overrides: prepared.overrides, cacheDir: null, workers: 0 },
        (i, doc) => {
          made[i] = structuredClone(doc.parts);
          collector.add(i, doc);
        },
      );
      const docs = collector.documents();
      expect(docs).toHaveLength(prepared.documents.length);
      const ids = Object.keys(made[0]!);
      expect(ids).toEqual(expect.arrayContaining(['collocates', 'ngrams', 'trends']));
      docs.forEach((d, i) => {
        // Read back equal, as often as asked: as made, or what the analysis keeps of it;
        // a part not kept is not in memory between arrival and merge (each read is a new copy).
        const kit = { intern: (x: string) => x, vocabulary: new Vocabulary() };
        for (const id of ids) {
          const analysis = ANALYSES.find((a) => a.id === id);
          if (analysis?.fold) {
            // Folded in on arrival (the n-grams): nothing of it is held per document.
            expect(d.part(id)).toBeUndefined();
            expect(collector.folded(id)).toBeDefined();
            continue;
          }
          const keep = analysis?.keep;
          const expected = keep ? keep(structuredClone(made[i]![id]), kit) : made[i]![id];
          expect(plain(d.part(id))).toEqual(plain(expected));
          if (keep) expect(d.part(id)).toBe(d.part(id));
          else expect(d.part(id)).not.toBe(d.part(id));
        }
        expect(d.part('no-such-analysis')).toBeUndefined();
      });
    } finally {
      collector.close();
    }
  });
});

describe('bootstrapMeanCi', () => {
  /** The interval as random.ts's generator gives it, written plainly. */
  function reference(values: number[], resamples: number, seed: number, key: string) {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const rand = seededFor(seed, key);
    const means: number[] = [];
    for (let b = 0; b < resamples; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)]!;
      means.push(s / n);
    }
    means.sort((a, b) => a - b);
    return { mean, low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
  }

  it('draws exactly what the seeded generator draws', () => {
    let r = 7;
    for (let g = 0; g < 60; g++) {
      const n = 2 + ((g * 37) % 90);
      const values: number[] = [];
      for (let i = 0; i < n; i++) {
        r = (r * 48271) % 2147483647;
        values.push(r % 4 === 0 ? 0 : (r / 2147483647) * 2 - 1);
      }
      expect(bootstrapMeanCi(values, 300, 1959, `group ${g}`)).toEqual(
        reference(values, 300, 1959, `group ${g}`),
      );
    }
  });
});
