/**
 * The analyses registry: one line per analysis (ANALYSES), and the one
 * runner of their two halves. Adding an analysis = one module exporting an
 * Analysis (analyses/contract.ts) + one line here + its test
 * (docs/analyses.md). The pipeline writes the tables they declare
 * (reports/data/*.csv and .json), draws their figures and puts their
 * sentence in the methods paragraph.
 *
 * Only speech turns count: transcripts' Turn.text has editorial insertions,
 * stage directions and trailers removed (pipeline/types.ts), and the
 * annotated documents are built from the same turns.
 */

import type { Figure } from '../pipeline/figures/types.js';
import type { Transcript } from '../pipeline/types.js';
import { collocates } from './collocates.js';
import { resolveComparisons } from './comparisons.js';
import {
  type Analysis,
  type AnalysisContext,
  type AnalysisSettings,
  type DocumentInput,
  defineAnalysis,
  type FigureOptions,
} from './contract.js';
import { CORPUS_TABLES, documentRows, turnRows } from './corpus-tables.js';
import { matcherFor, termForm } from './dictionary.js';
import { dtm } from './dtm.js';
import {
  KEYNESS_DEFAULTS,
  KEYNESS_TABLES,
  keynessFromUnits,
  withoutPresentNames,
} from './keyness.js';
import { keyness, keynessPeriods } from './keyness-figures.js';
import {
  KWIC_DEFAULTS,
  KWIC_TABLES,
  type KwicLine,
  keptKwicLines,
  kwicGroups,
  kwicRowsWithStart,
  sortKwic,
  stripStart,
} from './kwic.js';
import { dispersion } from './kwic-figures.js';
import { lexicalDiversity } from './lexical-diversity.js';
import { ngrams } from './ngrams.js';
import {
  keptPhraseTables,
  mergePhraseTables,
  PHRASE_TABLES,
  type PhraseTables,
  phraseTables,
} from './phrases.js';
import { phraseRates } from './phrases-figures.js';
import {
  keptSentimentPart,
  mergeSentimentPartials,
  SENTIMENT_DEFAULTS,
  SENTIMENT_TABLES,
  type SentimentDocPartial,
  sentimentDocPartials,
} from './sentiment/analysis.js';
import {
  sentimentArc,
  sentimentBySide,
  sentimentBySpeaker,
  sentimentDrivers,
  targetTone,
} from './sentiment/figures.js';
import type { Results, TableSpec } from './tables.js';
import {
  keptUnits,
  type SpeakerDoc,
  speakerDocs,
  TERM_TABLES,
  TERMS,
  termTablesFromUnits,
  termUnits,
} from './terms.js';
import { topTerms } from './terms-figures.js';
import { trends } from './trends.js';
import { TURN_STAT_TABLES, turnStatRows } from './turn-stats.js';
import { speechShare } from './turn-stats-figures.js';

export type { AnalysisContext };

/** Each document's people present (its speakers and the participants named), as terms. */
function presentNames(transcripts: readonly Transcript[]): Map<string, Set<string>> {
  return new Map(
    transcripts.map((t) => [
      t.docId,
      new Set([...t.speakers, ...t.metadata.participants].map(termForm)),
    ]),
  );
}

const sentimentParts = new WeakMap<AnalysisSettings, ReturnType<typeof sentimentDocPartials>>();

/** The sentiment part function of one configuration (its target patterns compiled once). */
function sentimentPartFor(settings: AnalysisSettings): ReturnType<typeof sentimentDocPartials> {
  let f = sentimentParts.get(settings);
  if (!f) {
    f = sentimentDocPartials(settings.sentiment ? { targets: settings.sentiment.targets } : {});
    sentimentParts.set(settings, f);
  }
  return f;
}

export const ANALYSES: readonly Analysis[] = [
  {
    id: 'corpus',
    description: 'documents.csv and turns.csv: one row per document and per speech turn.',
    defaults: {},
    tables: CORPUS_TABLES,
    merge: (_, ctx) => ({
      documents: documentRows(ctx.transcripts),
      turns: turnRows(ctx.transcripts),
    }),
  },
  defineAnalysis<SpeakerDoc[]>({
    id: TERMS,
    description:
      'Per-speaker term frequencies per document (count, per 10,000 words, tf-idf), and grouped by side, year and speaker.',
    defaults: {},
    tables: TERM_TABLES,
    figures: [topTerms],
    perDocument: ({ annotated }) => speakerDocs([annotated]),
    keep: keptUnits,
    merge: (_, ctx) => {
      const r = termTablesFromUnits(termUnits(ctx.parts!), { rows: ctx.rowLevel ?? true });
      return {
        terms: r.terms,
        termsBySide: r.bySide,
        termsByYear: r.byYear,
        termsBySpeaker: r.bySpeaker,
      };
    },
  }),
  defineAnalysis<PhraseTables>({
    id: 'phrases',
    description:
      'Dictionary key counts per speaker per document (zeros included) and every surface form matched.',
    defaults: {},
    tables: PHRASE_TABLES,
    figures: [phraseRates],
    // KWIC matches the same texts with the same dictionary: matcherFor matches them once.
    perDocument: ({ transcript }, { dictionary }) =>
      phraseTables([transcript], dictionary, matcherFor(transcript, dictionary)),
    documentRows: {
      phrases: (p) =>
        p.phrases.length > 0 ? [{ key: [p.phrases[0]!.doc_id], rows: p.phrases }] : [],
    },
    keep: (p, kit) => keptPhraseTables(p, kit.intern),
    merge: (parts) => {
      const r = mergePhraseTables(parts);
      return { phrases: r.phrases, phraseForms: r.phraseForms };
    },
  }),
  defineAnalysis<KwicLine[]>({
    id: 'kwic',
    description:
      'Concordance: one line per dictionary match (lines per key = its count in phrases.csv) and per extra term.',
    defaults: { ...KWIC_DEFAULTS, terms: [] },
    tables: KWIC_TABLES,
    figures: [dispersion],
    perDocument: ({ transcript }, { dictionary, kwicTerms }) =>
      kwicRowsWithStart(
        [transcript],
        dictionary,
        { terms: kwicTerms },
        matcherFor(transcript, dictionary),
      ),
    documentRows: { kwic: kwicGroups },
    keep: (lines, kit) => keptKwicLines(lines, kit.intern),
    merge: (parts) => {
      const lines: KwicLine[] = [];
      for (const part of parts) for (const line of part) lines.push(line);
      return { kwic: stripStart(sortKwic(lines)) };
    },
  }),
  {
    id: 'keyness',
    description:
      'Log-likelihood G² (Dunning 1993) with Log Ratio (Hardie 2014) and range: sides, each speaker vs the rest, periods.',
    defaults: { ...KEYNESS_DEFAULTS },
    tables: KEYNESS_TABLES,
    figures: [keyness, keynessPeriods],
    // Its counts are the terms analysis's parts.
    reads: [TERMS],
    merge: (_, ctx) => {
      const units = termUnits(ctx.parts!);
      return {
        keyness: keynessFromUnits(
          ctx.keepPresentNames ? units : withoutPresentNames(units, presentNames(ctx.transcripts)),
          { comparisons: ctx.comparisons ?? resolveComparisons(undefined, units) },
        ),
      };
    },
  },
  {
    id: 'turn-stats',
    description:
      'Per meeting: share of words and turns per speaker, mean and longest turn, who opens and closes.',
    defaults: {},
    tables: TURN_STAT_TABLES,
    figures: [speechShare],
    merge: (_, ctx) => ({ turnStats: turnStatRows(ctx.transcripts) }),
  },
  defineAnalysis<SentimentDocPartial>({
    id: 'sentiment',
    description:
      'Sentence sentiment; means per speaker and side per document with bootstrap intervals; the arc per turn; driver words; targets.',
    defaults: { ...SENTIMENT_DEFAULTS },
    tables: SENTIMENT_TABLES,
    figures: [sentimentBySide, sentimentBySpeaker, sentimentArc, targetTone, sentimentDrivers],
    perDocument: ({ annotated }, settings) => sentimentPartFor(settings)(annotated),
    documentRows: { sentences: (p) => [{ key: [p.date, p.docId], rows: p.sentences }] },
    keep: (p, kit) => keptSentimentPart(p, kit.intern),
    merge: (parts, ctx) =>
      mergeSentimentPartials(parts, ctx.sentiment ? { targets: ctx.sentiment.targets } : {}),
  }),
  lexicalDiversity,
  collocates,
  ngrams,
  trends,
  dtm,
];

/**
 * The report's figure order where it differs from the registry's: these
 * figures first, in this order (the headline figure, then sentiment, terms,
 * keyness …); every other figure after them in registry order.
 */
export const REPORT_ORDER: readonly string[] = [
  'phrase-rates',
  'sentiment-by-side',
  'sentiment-by-speaker',
  'top-terms',
  'keyness',
  'keyness-periods',
  'speech-share',
  'sentiment-arc',
  'dispersion',
  'target-tone',
  'sentiment-drivers',
];

/** Every figure builder the registered analyses own, in registry order. */
export function analysisFigures(
  modules: readonly Analysis[] = ANALYSES,
): Array<(results: Results, options: FigureOptions) => Figure | undefined> {
  return modules.flatMap((m) => [...(m.figures ?? [])]);
}

/**
 * Every figure the results support, in report order (REPORT_ORDER, then
 * the rest in registry order); figures without data are left out.
 */
export function buildFigures(
  results: Results,
  options: FigureOptions = {},
  modules: readonly Analysis[] = ANALYSES,
): Figure[] {
  const built: Figure[] = [];
  for (const build of analysisFigures(modules)) {
    const fig = build(results, options);
    if (fig) built.push(fig);
  }
  const rank = (f: Figure) => {
    const i = REPORT_ORDER.indexOf(f.id);
    return i < 0 ? REPORT_ORDER.length : i;
  };
  // Array.prototype.sort is stable: unlisted figures keep registry order.
  return built.sort((a, b) => rank(a) - rank(b));
}

/** The analyses' sentences for the methods paragraph, in registry order. */
export function analysisMethods(
  results: Results,
  modules: readonly Analysis[] = ANALYSES,
): string[] {
  return modules.flatMap((m) => {
    const s = m.methods?.(results);
    return s ? [s] : [];
  });
}

/** Every table the registered analyses declare, in registry order. */
export function tableSpecs(modules: readonly Analysis[] = ANALYSES): TableSpec[] {
  return modules.flatMap((m) => [...m.tables]);
}

/** An empty results map: every declared table, no rows. */
export function emptyTables(modules: readonly Analysis[] = ANALYSES): Results {
  const out: Record<string, unknown[]> = {};
  for (const t of tableSpecs(modules)) if (t.key) out[t.key] = [];
  return out as unknown as Results;
}

/**
 * A function computing one document's parts: each analysis with a
 * per-document part, by id (plain data; runs where the document is annotated).
 */
export function documentParts(
  settings: AnalysisSettings,
  modules: readonly Analysis[] = ANALYSES,
): (doc: DocumentInput) => Record<string, unknown> {
  const withParts = modules.filter((m) => m.perDocument);
  return (doc) => {
    const out: Record<string, unknown> = {};
    for (const m of withParts) out[m.id] = m.perDocument!(doc, settings);
    return out;
  };
}

/**
 * The parts of the analysis `id` in corpus order: as given (computed where
 * the documents were processed), else computed here from the transcripts
 * and their annotations with the same function, once per run.
 */
function partsIn(
  ctx: AnalysisContext,
  modules: readonly Analysis[],
): (id: string) => Iterable<unknown> {
  if (ctx.parts) return ctx.parts;
  const settings: AnalysisSettings = {
    dictionary: ctx.dictionary,
    kwicTerms: ctx.kwicTerms,
    ...(ctx.sentiment ? { sentiment: ctx.sentiment } : {}),
    stopwords: ctx.stopwords,
    collocateTerms: ctx.collocateTerms ?? [],
  };
  const made = new Map<string, unknown[]>();
  return (id) => {
    let parts = made.get(id);
    if (!parts) {
      const m = modules.find((a) => a.id === id) ?? ANALYSES.find((a) => a.id === id);
      const perDocument = m?.perDocument;
      parts = perDocument
        ? ctx.transcripts.map((transcript, i) =>
            perDocument({ transcript, annotated: ctx.annotated[i]! }, settings),
          )
        : [];
      made.set(id, parts);
    }
    return parts;
  };
}

/**
 * Runs every registered analysis's merge in registry order (one after
 * another, so the output does not depend on timing) into one results map.
 * An analysis returning a table it did not declare, or two analyses
 * declaring the same table, is a programming error and throws.
 */
export async function runAnalyses(
  ctx: AnalysisContext,
  modules: readonly Analysis[] = ANALYSES,
): Promise<Results> {
  const tables = emptyTables(modules) as unknown as Record<string, unknown>;
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const t of m.tables) {
      const other = owner.get(t.name);
      if (other !== undefined)
        throw new Error(
          `expected each table from one analysis, found "${t.name}" from both ${other} and ${m.id}`,
        );
      owner.set(t.name, m.id);
    }
  }
  const parts = partsIn(ctx, modules);
  // The sides and periods compared, chosen once for every analysis that groups by them.
  const comparisons = ctx.comparisons ?? resolveComparisons(undefined, termUnits(parts));
  for (const m of modules) {
    const declared = new Set(m.tables.map((t) => t.key));
    // A merge reads its own parts and those of the analyses it declares.
    const readable = new Set([m.id, ...(m.reads ?? [])]);
    const own: AnalysisContext = {
      ...ctx,
      comparisons,
      parts: (id) => {
        if (!readable.has(id))
          throw new Error(`analysis ${m.id} read the parts of ${id}, which it does not declare`);
        return parts(id);
      },
    };
    const acc = m.fold ? ctx.folded?.(m.id) : undefined;
    // Where documents were folded as they arrived, their parts are not there to merge.
    if (m.fold && ctx.folded && acc === undefined)
      throw new Error(`expected the fold of ${m.id} to be given, found none`);
    const part =
      acc !== undefined
        ? m.fold!.finish(acc, own)
        : await m.merge(m.perDocument ? parts(m.id) : [], own);
    for (const [key, rows] of Object.entries(part)) {
      if (rows === undefined) continue;
      if (!declared.has(key as keyof Results))
        throw new Error(`analysis ${m.id} returned the table "${key}", which it does not declare`);
      tables[key] = rows;
    }
  }
  return tables as unknown as Results;
}
