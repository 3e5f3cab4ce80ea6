/**
 * Annotation: the only module that imports wink-nlp.
 *
 * Transcript ──annotate──▶ AnnotatedDocument (plain JSON; no wink object survives).
 *
 * Each paragraph of each speech turn is read as its own wink doc (sentence
 * splitting is unreliable across blank lines, and a doc costs ~10× its text
 * in heap), its tokens, lemmas and sentences are taken, sentences are scored,
 * and the doc is dropped.
 *
 * Terms (AnnotatedTurn.terms), in reading order:
 * - wink word tokens only: punctuation, numbers, symbols, ordinals dropped;
 * - multi-word names kept as one term: speaker names and aliases from the
 *   registry (honorifics stripped; the term is the canonical name, so
 *   "Choe Yong Gon" → "choe yong-geon") and the dictionary's plain multi-word
 *   phrases ("soviet union", "kim il sung", "marxist-leninist"). Inside such a
 *   name, hyphens and dashes are skipped, so "Marxist - Leninist",
 *   "Marxist–Leninist" and "Marxist-Leninist" are one term; the last word may
 *   carry a plural "s", attached or stray ("Marxist-Leninist s"). The
 *   registry is consulted first; the longest name wins;
 * - every other word: its lemma lower-cased (wink keeps proper nouns'
 *   case and does not lemmatise them);
 * - dropped: words whose lower-cased form or lemma is in the stop-word list,
 *   clitics ("’s", "n't" as listed there), and single letters (initials such
 *   as "N." and the stray plural "s"), which carry no topic.
 *
 * One wink instance per process (module-level, created lazily): a known
 * wink bug makes later instances silently match no custom-entity patterns.
 * Multi-word terms are therefore matched here over wink's tokens, not with
 * learnCustomEntities, which also keeps annotators with different
 * dictionaries independent of each other.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemSentence, type ItsFunction, type WinkMethods } from 'wink-nlp';
import { multiWordTerms, termForm } from '../analyses/dictionary.js';
import type { Dictionary } from '../analyses/types.js';
import { creditedPeople } from './speech.js';
import type {
  AnnotatedDocument,
  AnnotatedSentence,
  AnnotatedTurn,
  Registry,
  SentimentScore,
  Transcript,
} from './types.js';

export type WinkIts = WinkMethods['its'];

export interface SentenceScorerLike {
  scoreSentence(sentence: unknown): SentimentScore;
}

export interface AnnotateConfig {
  registry: Registry;
  dictionary: Dictionary;
  /** Lower-cased stop words (analyses/stopwords.ts stopwordSet()). */
  stopwords: ReadonlySet<string>;
  /**
   * Builds the sentence scorer on the process's wink instance (injected by
   * the pipeline: analyses/sentiment/scorer.ts). Without it, every sentence
   * scores 0 and is uncovered.
   */
  makeScorer?: (nlp: WinkMethods, its: WinkIts) => SentenceScorerLike;
}

export interface Annotator {
  annotate(t: Transcript): AnnotatedDocument;
}

let engine: { nlp: WinkMethods; its: WinkIts } | undefined;

/**
 * wink's pipe without named (ner) and custom (cer) entity recognition: the
 * annotator reads token types, normals and lemmas, and the sentence scorer
 * needs sentence boundaries, negation, sentiment and part of speech. Entity
 * recognition is about a fifth of wink's time and its result is not read.
 */
export const WINK_PIPE = ['sbd', 'negation', 'sentiment', 'pos'];

/** The process's one wink instance (created on first use, ~0.5 s). */
function wink(): { nlp: WinkMethods; its: WinkIts } {
  if (!engine) {
    const nlp = winkNLP(model, WINK_PIPE);
    engine = { nlp, its: nlp.its };
  }
  return engine;
}

const DASH_TOKENS = new Set(['-', '‐', '‑', '‒', '–', '—', '―', '--']);
/** Tokens skipped inside a multi-word name: dashes and lone apostrophes ("Workers’ Party"). */
const SKIP_INSIDE = new Set([...DASH_TOKENS, "'", '’']);
const NO_SCORE: SentimentScore = Object.freeze({ score: 0, covered: false, contributions: [] });

/** A trie over token normals; `term` marks where a name ends. */
interface TrieNode {
  next: Map<string, TrieNode>;
  term?: string;
}

export function createAnnotator(config: AnnotateConfig): Annotator {
  const { nlp, its } = wink();
  const scorer = config.makeScorer?.(nlp, its);
  const trie = buildNameTrie(nlp, its, config.registry, config.dictionary);
  const stop = config.stopwords;

  function annotateTurn(text: string): {
    tokens: number;
    terms: string[];
    sentences: AnnotatedSentence[];
  } {
    const terms: string[] = [];
    const sentences: AnnotatedSentence[] = [];
    let tokens = 0;
    for (const paragraph of text.split(/\n\s*\n/)) {
      if (paragraph.trim() === '') continue;
      const doc = nlp.readDoc(paragraph);
      const normals = doc.tokens().out(its.normal) as string[];
      const lemmas = doc.tokens().out(its.lemma as ItsFunction<string>) as string[];
      const types = doc.tokens().out(its.type) as string[];
      for (let i = 0; i < normals.length; i++) {
        if (types[i] !== 'word') continue;
        tokens++;
        const normal = normals[i]!;
        const root = trie.next.get(normal);
        if (root) {
          const hit = longestName(root, normals, types, i);
          if (hit) {
            terms.push(hit.term);
            // Words inside the name still count as tokens.
            for (let k = i + 1; k <= hit.last; k++) if (types[k] === 'word') tokens++;
            i = hit.last;
            continue;
          }
        }
        // wink gives no lemma for some tokens ("cannot" ending a sentence): use the normal form.
        const lemma = (lemmas[i] ?? normal).toLowerCase();
        if (stop.has(normal) || stop.has(lemma) || isTrivial(normal)) continue;
        terms.push(lemma);
      }
      doc.sentences().each((s: ItemSentence) => {
        const score = scorer ? scorer.scoreSentence(s) : NO_SCORE;
        sentences.push({
          index: sentences.length + 1,
          text: s.out().trim(),
          score: score.score,
          covered: score.covered,
          contributions: score.contributions.map(([t, w]) => [t, w] as [string, number]),
        });
      });
    }
    return { tokens, terms, sentences };
  }

  return {
    annotate(t: Transcript): AnnotatedDocument {
      let tokens = 0;
      const turns: AnnotatedTurn[] = t.turns.map((turn) => {
        const a = annotateTurn(turn.text);
        tokens += a.tokens;
        const people = creditedPeople(turn);
        return {
          turn: turn.turn,
          speaker: turn.speaker,
          side: turn.side,
          ...(people.length > 1 ? { people } : {}),
          words: turn.words,
          tokens: a.tokens,
          terms: a.terms,
          sentences: a.sentences,
        };
      });
      return {
        docId: t.docId,
        date: t.metadata.date,
        sourceFile: t.sourceFile,
        sha256: t.sha256,
        tokens,
        turns,
      };
    },
  };
}

/** A word with fewer than two letters/digits once periods are removed ("n.", "s"). */
function isTrivial(normal: string): boolean {
  let n = 0;
  for (const ch of normal) {
    if (ch !== '.' && ch !== "'" && ch !== '’') n++;
    if (n > 1) return false;
  }
  return true;
}

/**
 * Longest registry/dictionary name starting at token `start` (whose normal
 * led to `node`). Dashes and lone apostrophes between words are skipped; a
 * stray plural "s" right after the name is absorbed.
 */
function longestName(
  node: TrieNode,
  normals: readonly string[],
  types: readonly string[],
  start: number,
): { term: string; last: number } | undefined {
  let best: { term: string; last: number } | undefined =
    node.term !== undefined ? { term: node.term, last: start } : undefined;
  let cur = node;
  let j = start + 1;
  while (j < normals.length) {
    while (j < normals.length && SKIP_INSIDE.has(normals[j]!)) j++;
    if (j >= normals.length || types[j] !== 'word') break;
    const child = cur.next.get(normals[j]!);
    if (!child) break;
    cur = child;
    if (cur.term !== undefined) best = { term: cur.term, last: j };
    j++;
  }
  if (best && best.last > start) {
    const after = best.last + 1;
    if (normals[after] === 's' && types[after] === 'word') best = { ...best, last: after };
  }
  return best;
}

/**
 * Trie of multi-word names, keyed by wink's own token normals (so the
 * pattern is split exactly as the text will be). Single-word names are left
 * to the ordinary path (lemma, stop words). Registry names go in first, so
 * they win over a dictionary phrase of the same words.
 */
function buildNameTrie(
  nlp: WinkMethods,
  its: WinkIts,
  registry: Registry,
  dictionary: Dictionary,
): TrieNode {
  const root: TrieNode = { next: new Map() };
  const honorifics = new Set(registry.honorifics.map((h) => h.toLowerCase()));
  const insert = (phrase: string, term: string): void => {
    const doc = nlp.readDoc(phrase);
    const normals = doc.tokens().out(its.normal) as string[];
    const types = doc.tokens().out(its.type) as string[];
    const words = normals.filter((n, i) => types[i] === 'word' && !SKIP_INSIDE.has(n));
    while (words.length > 1 && honorifics.has(words[0]!)) words.shift();
    if (words.length < 2) return;
    const last = words.length - 1;
    // The last word also in its plural ("marxist-leninists"); each apostrophe both ways.
    const lastForms = [words[last]!, `${words[last]!}s`];
    let paths: string[][] = [[]];
    words.forEach((w, k) => {
      const forms = (k === last ? lastForms : [w]).flatMap(apostropheVariants);
      paths = paths.flatMap((p) => forms.map((f) => [...p, f]));
    });
    for (const path of paths) {
      let node = root;
      for (const w of path) {
        let child = node.next.get(w);
        if (!child) {
          child = { next: new Map() };
          node.next.set(w, child);
        }
        node = child;
      }
      node.term ??= term;
    }
  };
  for (const s of [...registry.speakers].sort((a, b) => cmp(a.name, b.name))) {
    const term = termForm(s.name);
    for (const form of [s.name, ...s.aliases]) insert(form, term);
  }
  for (const phrase of multiWordTerms(dictionary)) insert(phrase, phrase);
  return root;
}

function apostropheVariants(w: string): string[] {
  if (!w.includes("'") && !w.includes('’')) return [w];
  return [w, w.replace(/'/g, '’'), w.replace(/’/g, "'")].filter((v, i, a) => a.indexOf(v) === i);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
