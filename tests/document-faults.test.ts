/**
 * One bad document must not stop the run (issue "Nothing lost, nothing
 * hung, nothing leaked"): a token wink gives no lemma for, an unexpected
 * error in one document's processing, and every sentence of the
 * human-rated sentiment benchmark run through the annotator and the scorer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseGroundTruth } from '../analyses/sentiment/benchmark.js';
import { buildAnnotator } from '../pipeline/document-processor.js';
import { DocumentFailure } from '../pipeline/errors.js';
import { readCorpus } from '../pipeline/io.js';
import type { ProcessedDocument } from '../pipeline/processed-document.js';
import { processDocuments, processInWorker } from '../pipeline/run/documents.js';
import { prepareCorpus } from '../pipeline/transcripts.js';
import type { RawFile, Transcript } from '../pipeline/types.js';
import { annotateInputs, REPO } from './helpers.js';

// Any document named boom.txt fails in segmentation, as an unforeseen bug would.
vi.mock('../pipeline/transcripts.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../pipeline/transcripts.js')>();
  return {
    ...real,
    buildTranscript: (...args: Parameters<typeof real.buildTranscript>) => {
      if (args[0].sourceFile === 'boom.txt') throw new TypeError('boom is not a function');
      return real.buildTranscript(...args);
    },
  };
});

const shipped = readCorpus(join(REPO, 'corpus'));
const inputs = annotateInputs(shipped);
const settings = {
  inputs,
  kwicTerms: [],
  csvColumns: {
    segments: ['doc_id'],
    turns: ['doc_id', 'turn'],
    sentences: ['doc_id'],
    phrases: ['doc_id'],
    kwic: ['phrase', 'doc_id'],
  },
};

const MEETING = (speech: string) =>
  `June 6, 1959\n\nRecord of a Meeting\n\nComrade Enver Hoxha: ${speech}\n\nComrade Choe Yong-geon: Thank you.\n`;

async function processAll(raw: RawFile[]) {
  const prepared = prepareCorpus({ ...shipped, raw });
  const docs: ProcessedDocument[] = [];
  const result = await processDocuments(
    prepared.documents,
    { settings, overrides: new Map(), cacheDir: null, workers: 0 },
    (_, d) => docs.push(d),
  );
  return { ...result, docs };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('one document', () => {
  it('ending a sentence in "cannot." is annotated (wink gives that token no lemma)', async () => {
    const r = await processAll([
      { name: 'a.txt', bytes: bytes(MEETING('I wanted to come earlier, but I cannot.')) },
    ]);
    expect(r.failed).toEqual([]);
    expect(r.docs).toHaveLength(1);
    const { transcript, parts } = r.docs[0]!;
    const sentiment = parts['sentiment'] as { sentences: Array<{ text: string }> };
    expect(transcript.turns[0]!.words).toBe(8);
    expect(sentiment.sentences.map((s) => s.text)).toContain(
      'I wanted to come earlier, but I cannot.',
    );
  }, 30_000);

  it('that fails unexpectedly is skipped with an error naming it and its stage; the others are analysed', async () => {
    const r = await processAll([
      { name: 'a.txt', bytes: bytes(MEETING('We are glad.')) },
      { name: 'boom.txt', bytes: bytes(MEETING('We are sad.')) },
      { name: 'c.txt', bytes: bytes(MEETING('We are here.')) },
    ]);
    expect(r.docs.map((d) => d.transcript.sourceFile).sort()).toEqual(['a.txt', 'c.txt']);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]).toMatchObject({
      file: 'raw/boom.txt',
      rule: 'process/document-failed',
      severity: 'error',
    });
    expect(r.failed[0]!.message).toContain('segment stage');
    expect(r.failed[0]!.message).toContain('boom is not a function');
  }, 30_000);

  it('failing in a worker is reported as plain data with its stage', () => {
    const result = processInWorker(() => {
      throw new DocumentFailure('annotate', 'RangeError: too deep');
    });
    expect(result).toEqual({ failure: { stage: 'annotate', detail: 'RangeError: too deep' } });
    const ok = processInWorker(() => ({ transcript: {} }) as ProcessedDocument);
    expect('doc' in ok).toBe(true);
  });
});

const BENCH = join(REPO, '..', 'shared', 'benchmarks', 'sentiment');
const benchFiles = existsSync(BENCH)
  ? readdirSync(BENCH).filter((f) => /_GroundTruth.*\.txt$/.test(f))
  : [];
if (benchFiles.length === 0)
  console.warn(
    `skipped: no human-rated benchmark files in ${BENCH} (the robustness run needs them)`,
  );

describe.skipIf(benchFiles.length === 0)('every human-rated benchmark sentence', () => {
  it('is annotated and scored without an exception', () => {
    const annotator = buildAnnotator(inputs);
    let sentences = 0;
    let scored = 0;
    for (const f of benchFiles) {
      const snippets = parseGroundTruth(readFileSync(join(BENCH, f), 'utf8'), f);
      // One turn per snippet, as a transcript's turns reach the annotator.
      const turns = snippets.map((s, i) => ({
        turn: i + 1,
        speaker: 'X',
        side: 'Unknown',
        words: 0,
        text: s.text,
      }));
      const t = { docId: f, sourceFile: f, sha256: '', metadata: { date: '' }, turns };
      const a = annotator.annotate(t as unknown as Transcript);
      expect(a.turns).toHaveLength(snippets.length);
      for (const turn of a.turns) {
        sentences += turn.sentences.length;
        for (const s of turn.sentences) {
          expect(Number.isFinite(s.score)).toBe(true);
          if (s.covered) scored++;
        }
      }
    }
    expect(sentences).toBeGreaterThan(20_000);
    expect(scored).toBeGreaterThan(0);
  }, 120_000);
});
