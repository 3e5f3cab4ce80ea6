/**
 * The analyses registry: one line per analysis. Adding an analysis = one
 * module + one line in ANALYSES + its test. Every analysis is a function of
 * the AnalysisContext (plain data) and returns some of the Tables; the
 * pipeline writes them (reports/data/*.csv and .json).
 *
 * Only speech turns count: transcripts' Turn.text has editorial insertions,
 * stage directions and trailers removed (pipeline/types.ts), and the
 * annotated documents are built from the same turns.
 */
import type { AnnotatedDocument, Transcript } from '../pipeline/types.js';
import { type Comparisons, resolveComparisons } from './comparisons.js';
import { documentRows, turnRows } from './corpus-tables.js';
import { termForm } from './dictionary.js';
import { KEYNESS_DEFAULTS, keynessFromUnits, withoutPresentNames } from './keyness.js';
import { KWIC_DEFAULTS, kwicRows, sortKwic, stripStart } from './kwic.js';
import type { DocumentPartial } from './per-document.js';
import { mergePhraseTables, phraseTables } from './phrases.js';
import {
  mergeSentimentPartials,
  SENTIMENT_DEFAULTS,
  sentimentTables,
} from './sentiment/analysis.js';
import { type SpeakerDoc, speakerDocs, termTablesFromUnits } from './terms.js';
import { turnStatRows } from './turn-stats.js';
import type { Dictionary, Tables } from './types.js';

export interface AnalysisContext {
  transcripts: Transcript[];
  annotated: AnnotatedDocument[];
  dictionary: Dictionary;
  /** The stop-word list in use (recorded in the manifest; terms are already filtered). */
  stopwords: string[];
  /** Extra KWIC terms (command line). */
  kwicTerms: string[];
  sentiment?: { targets: Array<{ key: string; patterns: string[] }> };
  /**
   * Each document's per-document results (analyses/per-document.ts), in the
   * order of `transcripts`, when they were computed where the documents were
   * annotated; the analyses then merge these instead of reading `annotated`
   * (which may be left empty) and matching the transcripts again.
   */
  partials?: DocumentPartial[];
  /**
   * false: leave out the row-level table of terms (one row per term per
   * speaker-document), which the caller writes itself from the counts
   * (termsInOrder); every other table is built as usual. Default true.
   */
  rowLevel?: boolean;
  /** Keep the names of the people present at each meeting in the keyness comparison (default: left out). */
  keepPresentNames?: boolean;
  /** The sides and periods keyness compares (default: chosen from the data, analyses/comparisons.ts). */
  comparisons?: Comparisons;
}

/** Each document's people present (its speakers and the participants named), as terms. */
function presentNames(transcripts: readonly Transcript[]): Map<string, Set<string>> {
  return new Map(
    transcripts.map((t) => [
      t.docId,
      new Set([...t.speakers, ...t.metadata.participants].map(termForm)),
    ]),
  );
}

function unitsOf(ctx: AnalysisContext): SpeakerDoc[] {
  return ctx.partials ? ctx.partials.flatMap((p) => p.units) : speakerDocs(ctx.annotated);
}

export interface AnalysisModule {
  id: string;
  description: string;
  defaults: Record<string, unknown>;
  run(ctx: AnalysisContext): Promise<Partial<Tables>>;
}

type ExtraRows = Tables['extra'][string];

/** Plain copies of typed rows for Tables.extra. */
function extraRows<T extends object>(rows: readonly T[]): ExtraRows {
  return rows.map((r) => ({ ...r }) as ExtraRows[number]);
}

export const ANALYSES: AnalysisModule[] = [
  {
    id: 'corpus',
    description: 'documents.csv and turns.csv: one row per document and per speech turn.',
    defaults: {},
    run: async (ctx) => ({
      documents: documentRows(ctx.transcripts),
      turns: turnRows(ctx.transcripts),
    }),
  },
  {
    id: 'terms',
    description:
      'Per-speaker term frequencies per document (count, per 10,000 words, tf-idf), and grouped by side, year and speaker.',
    defaults: {},
    run: async (ctx) => {
      const r = termTablesFromUnits(unitsOf(ctx), { rows: ctx.rowLevel ?? true });
      return {
        terms: r.terms,
        extra: {
          terms_by_side: extraRows(r.bySide),
          terms_by_year: extraRows(r.byYear),
          terms_by_speaker: extraRows(r.bySpeaker),
        },
      };
    },
  },
  {
    id: 'phrases',
    description:
      'Dictionary key counts per speaker per document (zeros included) and every surface form matched.',
    defaults: {},
    run: async (ctx) => {
      const r = ctx.partials
        ? mergePhraseTables(
            ctx.partials.map((p) => ({ phrases: p.phrases, phraseForms: p.phraseForms })),
          )
        : phraseTables(ctx.transcripts, ctx.dictionary);
      return { phrases: r.phrases, phraseForms: r.phraseForms };
    },
  },
  {
    id: 'keyness',
    description:
      'Log-likelihood G² (Dunning 1993) with Log Ratio (Hardie 2014) and range: sides, each speaker vs the rest, periods.',
    defaults: { ...KEYNESS_DEFAULTS },
    run: async (ctx) => {
      const units = unitsOf(ctx);
      return {
        keyness: keynessFromUnits(
          ctx.keepPresentNames ? units : withoutPresentNames(units, presentNames(ctx.transcripts)),
          { comparisons: ctx.comparisons ?? resolveComparisons(undefined, units) },
        ),
      };
    },
  },
  {
    id: 'kwic',
    description:
      'Concordance: one line per dictionary match (lines per key = its count in phrases.csv) and per extra term.',
    defaults: { ...KWIC_DEFAULTS, terms: [] },
    run: async (ctx) => ({
      kwic: ctx.partials
        ? stripStart(sortKwic(ctx.partials.flatMap((p) => p.kwic)))
        : kwicRows(ctx.transcripts, ctx.dictionary, { terms: ctx.kwicTerms }),
    }),
  },
  {
    id: 'turn-stats',
    description:
      'Per meeting: share of words and turns per speaker, mean and longest turn, who opens and closes.',
    defaults: {},
    run: async (ctx) => ({ turnStats: turnStatRows(ctx.transcripts) }),
  },
  {
    id: 'sentiment',
    description:
      'Sentence sentiment; means per speaker and side per document with bootstrap intervals; the arc per turn; driver words; targets.',
    defaults: { ...SENTIMENT_DEFAULTS },
    run: async (ctx) => {
      const options = ctx.sentiment ? { targets: ctx.sentiment.targets } : {};
      return ctx.partials
        ? mergeSentimentPartials(
            ctx.partials.map((p) => p.sentiment),
            options,
          )
        : sentimentTables(ctx.annotated, options);
    },
  },
];

const TABLE_KEYS = [
  'documents',
  'turns',
  'terms',
  'phrases',
  'phraseForms',
  'sentences',
  'sentiment',
  'sentimentArc',
  'sentimentDrivers',
  'sentimentTargets',
  'keyness',
  'kwic',
  'turnStats',
] as const satisfies ReadonlyArray<Exclude<keyof Tables, 'extra'>>;

export function emptyTables(): Tables {
  return {
    documents: [],
    turns: [],
    terms: [],
    phrases: [],
    phraseForms: [],
    sentences: [],
    sentiment: [],
    sentimentArc: [],
    sentimentDrivers: [],
    sentimentTargets: [],
    keyness: [],
    kwic: [],
    turnStats: [],
    extra: {},
  };
}

/**
 * Runs every registered analysis in registry order (one after another, so
 * the output does not depend on timing) and merges their tables. Two
 * analyses producing the same table is a programming error and throws.
 */
export async function runAnalyses(
  ctx: AnalysisContext,
  modules: readonly AnalysisModule[] = ANALYSES,
): Promise<Tables> {
  const tables = emptyTables();
  const owner = new Map<string, string>();
  const claim = (table: string, id: string): void => {
    const other = owner.get(table);
    if (other !== undefined) {
      throw new Error(
        `expected each table from one analysis, found "${table}" from both ${other} and ${id}`,
      );
    }
    owner.set(table, id);
  };
  for (const m of modules) {
    const part = await m.run(ctx);
    for (const key of TABLE_KEYS) {
      const rows = part[key];
      if (rows === undefined) continue;
      claim(key, m.id);
      (tables as unknown as Record<string, unknown>)[key] = rows;
    }
    for (const [name, rows] of Object.entries(part.extra ?? {})) {
      claim(`extra.${name}`, m.id);
      tables.extra[name] = rows;
    }
  }
  return tables;
}
