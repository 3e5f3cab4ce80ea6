/**
 * The contract (analyses/contract.ts), checked over every registered
 * analysis on the shipped corpus: the tables merged from each document's
 * part equal the whole-corpus result, whatever order the documents come in;
 * every table it returns is declared, with exactly the declared columns,
 * each documented in the codebook and in the README; every figure it owns
 * has a golden spec.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebook, FIGURE_CODEBOOK } from '../analyses/codebook.js';
import { type AnalysisContext, combinableFold } from '../analyses/contract.js';
import { Vocabulary } from '../analyses/counts.js';
import { headlineKeys, loadDictionary } from '../analyses/dictionary.js';
import type { FigureOptions } from '../analyses/figure-options.js';
import { ANALYSES, documentParts, runAnalyses, tableSpecs } from '../analyses/index.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { loadStopwords } from '../analyses/stopwords.js';
import type { Results } from '../analyses/tables.js';
import { stableJson } from '../pipeline/csv.js';
import { buildAnnotator } from '../pipeline/document-processor.js';
import { readCorpus } from '../pipeline/io.js';
import { loadRegistry } from '../pipeline/registry.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import { annotateInputs, REPO } from './helpers.js';

const update = process.env.UPDATE_GOLDEN === '1';
// Apart from tests/golden/ (figures.test.ts's goldens, drawn from another fixture).
const goldenDir = join(REPO, 'tests', 'golden', 'contract');

let ctx: AnalysisContext;
/** Each document's parts, by analysis id, as the per-document stage makes them. */
let parts: Array<Record<string, unknown>>;
const partsIn = (docs: ReadonlyArray<Record<string, unknown>>) => (id: string) =>
  docs.map((p) => p[id]);
let whole: Results;
/** What the pipeline gives the figures of the shipped corpus: its sides and headline keys. */
let figureOptions: FigureOptions;
/** Each document's parts as the main thread keeps them (each analysis's `keep`, after a copy as from a worker). */
let kept: Array<Record<string, unknown>>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

beforeAll(async () => {
  const corpus = readCorpus(join(REPO, 'corpus'));
  const inputs = annotateInputs(corpus);
  const dictionary = loadDictionary(inputs.dictionary, 'dictionary.yaml');
  const sentiment = { targets: loadSentimentConfig(inputs.sentiment, 'sentiment.yaml').targets };
  const kwicTerms = ['comrade*'];
  const { transcripts } = buildTranscripts(corpus);
  const annotator = buildAnnotator(inputs);
  const annotated = transcripts.map((t) => annotator.annotate(t));
  const stopwords = loadStopwords(inputs.stopwords, 'stopwords.txt');
  const collocateTerms = ['china*'];
  ctx = { transcripts, annotated, dictionary, stopwords, kwicTerms, sentiment, collocateTerms };
  const settings = { dictionary, kwicTerms, sentiment, stopwords, collocateTerms };
  const partsOf = documentParts(settings);
  parts = transcripts.map((transcript, i) => partsOf({ transcript, annotated: annotated[i]! }));
  whole = await runAnalyses(ctx);
  figureOptions = {
    sides: loadRegistry(inputs.speakers, 'speakers.yaml').sides,
    headline: headlineKeys(dictionary),
  };
  const kit = { intern: (x: string) => x, vocabulary: new Vocabulary() };
  kept = parts.map((p) =>
    Object.fromEntries(
      Object.entries(p).map(([id, part]) => {
        const keep = ANALYSES.find((a) => a.id === id)?.keep;
        return [id, keep ? keep(structuredClone(part), kit) : part];
      }),
    ),
  );
}, 120_000);

const FOLDED = ANALYSES.filter((a) => a.fold);

describe('analyses merged by a fold', () => {
  it('include the n-grams (so the cases below are not empty)', () => {
    expect(FOLDED.map((a) => a.id)).toContain('ngrams');
  });

  it.each(FOLDED.map((a) => [a.id, a] as const))(
    '%s: folding the parts in as they arrive, in any order, gives the merged tables',
    async (_, analysis) => {
      const n = parts.length;
      // Reversed, and every other document first: orders workers can finish in.
      const orders = [
        [...parts].reverse(),
        [...parts.filter((_, i) => i % 2 === 1), ...parts.filter((_, i) => i % 2 === 0)],
      ];
      for (const order of orders) {
        expect(order.length).toBe(n);
        const fold = analysis.fold!;
        const acc = fold.start();
        for (const p of order) fold.add(acc, structuredClone(p[analysis.id]));
        const folded = await runAnalyses(
          {
            ...ctx,
            annotated: [],
            // The parts are not there: only the fold can give the tables.
            parts: () => [],
            folded: (id) => (id === analysis.id ? acc : undefined),
          },
          [analysis],
        );
        for (const t of analysis.tables) if (t.key) expect(folded[t.key]).toEqual(whole[t.key]);
      }
      const combinable = combinableFold(analysis);
      if (combinable) {
        // Folded in two threads, one of which sends its accumulator to the other when done.
        const even = parts.filter((_, i) => i % 2 === 0);
        const odd = parts.filter((_, i) => i % 2 === 1);
        // [folded here, folded there and combined here, folded here after that]
        for (const [mine, theirs, after] of [
          [even, [...odd].reverse(), []],
          [[], parts, []],
          [parts.slice(2), parts.slice(0, 1), parts.slice(1, 2)],
        ]) {
          expect(mine!.length + theirs!.length + after!.length).toBe(n);
          const acc = combinable.start();
          for (const p of mine!) combinable.add(acc, structuredClone(p[analysis.id]));
          const other = combinable.start();
          for (const p of theirs!) combinable.add(other, structuredClone(p[analysis.id]));
          combinable.combine(acc, structuredClone(combinable.save(other)));
          for (const p of after!) combinable.add(acc, structuredClone(p[analysis.id]));
          const combined = await runAnalyses(
            { ...ctx, annotated: [], parts: () => [], folded: () => acc },
            [analysis],
          );
          for (const t of analysis.tables) if (t.key) expect(combined[t.key]).toEqual(whole[t.key]);
        }
      }
      // Folds given, but not this one's: its parts were never kept, so that is an error.
      await expect(
        runAnalyses({ ...ctx, annotated: [], parts: () => [], folded: () => undefined }, [
          analysis,
        ]),
      ).rejects.toThrow(/expected the fold of/);
    },
  );
});

describe.each(ANALYSES.map((a) => [a.id, a] as const))('analysis %s', (_, analysis) => {
  it('gives from the documents’ parts exactly the whole-corpus tables', async () => {
    const merged = await runAnalyses({ ...ctx, annotated: [], parts: partsIn(parts) }, [analysis]);
    const alone = await runAnalyses(ctx, [analysis]);
    for (const t of analysis.tables) {
      if (!t.key) continue;
      expect(merged[t.key]).toEqual(alone[t.key]);
      expect(alone[t.key]).toEqual(whole[t.key]);
    }
  });

  it('does not depend on the order the documents are merged in', async () => {
    const reversed = await runAnalyses(
      {
        ...ctx,
        transcripts: [...ctx.transcripts].reverse(),
        annotated: [],
        parts: partsIn([...parts].reverse()),
      },
      [analysis],
    );
    for (const t of analysis.tables) if (t.key) expect(reversed[t.key]).toEqual(whole[t.key]);
  });

  it('makes, document by document, exactly the rows of the whole-corpus tables, in order', () => {
    for (const [table, rowsOf] of Object.entries(analysis.documentRows ?? {})) {
      const spec = analysis.tables.find((t) => t.name === table);
      expect(spec?.rowLevel, table).toBe(true);
      const groups = parts.flatMap((p, index) =>
        rowsOf(p[analysis.id]).map((g) => ({ ...g, index })),
      );
      groups.sort((a, b) => {
        for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
          const c = cmp(a.key[i]!, b.key[i]!);
          if (c !== 0) return c;
        }
        return a.key.length - b.key.length || a.index - b.index;
      });
      const columns = spec!.columns.map((c) => c.name);
      const pick = (r: object) =>
        columns.map((c) => (r as Record<string, unknown>)[c]) as unknown[];
      const rows = groups.flatMap((g) => g.rows.map(pick));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual((whole[spec!.key!] as object[]).map(pick));
    }
  });

  it('merges the parts the main thread keeps into the same aggregate tables', async () => {
    const merged = await runAnalyses(
      { ...ctx, annotated: [], parts: partsIn(kept), rowLevel: false },
      [analysis],
    );
    for (const t of analysis.tables) {
      if (!t.key) continue;
      // Row-level tables: every row is there (what the report reads; their files come from the parts).
      if (t.rowLevel && t.key !== 'terms') expect(merged[t.key].length).toBe(whole[t.key].length);
      else if (!t.rowLevel) expect(merged[t.key]).toEqual(whole[t.key]);
    }
  });

  it('writes rows with exactly the columns it declares, each documented', async () => {
    const doc = codebook();
    for (const t of analysis.tables) {
      const names = t.columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const c of t.columns) expect(c.description.trim()).not.toBe('');
      expect(doc).toContain(`## ${t.name}.csv`);
      if (!t.key) continue;
      const rows = whole[t.key] as ReadonlyArray<object>;
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows.slice(0, 50)) expect(Object.keys(r).sort()).toEqual([...names].sort());
    }
  });

  it('has a golden spec for every figure it draws', () => {
    for (const build of analysis.figures ?? []) {
      const fig = build(whole, figureOptions);
      expect(fig).toBeDefined();
      const path = join(goldenDir, `${fig!.id}.vl.golden.json`);
      const actual = stableJson(fig!.spec);
      if (update || !existsSync(path)) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(path, actual);
        if (!update) throw new Error(`golden file ${path} was missing and has been written`);
      }
      expect(actual).toBe(readFileSync(path, 'utf8'));
      // Its codebook entry: declared by the analysis, or among the codebook's figure files.
      const entry =
        analysis.figureTables?.find((f) => f.id === fig!.id) ??
        FIGURE_CODEBOOK.find((f) => f.file === `figures/${fig!.id}.csv`);
      expect(entry?.columns.map((c) => c.name)).toEqual(fig!.columns);
    }
  });
});

describe('the README’s list of data tables', () => {
  it('names every declared table with its columns in order', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    for (const t of tableSpecs()) {
      const line = readme.split('\n').find((l) => l.includes(`\`${t.name}.csv\``));
      expect(line, t.name).toBeDefined();
      // Grouped lines ("the same counts grouped") name the file only.
      if (/grouped/.test(line!)) continue;
      let from = 0;
      for (const c of t.columns) {
        const at = line!.indexOf(c.name, from);
        expect(at, `${t.name}.csv: ${c.name}`).toBeGreaterThanOrEqual(0);
        from = at + c.name.length;
      }
    }
  });
});
