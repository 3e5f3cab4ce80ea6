/**
 * wink's sentiment lexicon, matched without reading extra docs.
 *
 * wink-eng-lite-web-model ships its sentiment lexicon as a finite-state
 * machine over the vocabulary ids of words' normal forms (one- to six-word
 * entries such as "good", "good luck", "not bad at all", values × 1000). wink
 * runs it over a doc and keeps only each sentence's mean. This module loads
 * the same machine from the installed model package and runs the same greedy
 * longest-match recognition over a sentence's tokens, so the scorer gets
 * every match with its own value and span, for the cost of a few hash
 * lookups. Word → id goes through the caller's wink instance
 * (`doc.isLexeme`, public API), so ids are the caller's own.
 *
 * `verifyLexicon` (run once at scorer creation) checks that the machine and
 * the caller's instance agree, by recomputing wink's sentence scores of a
 * fixed probe text; if they do not (another model, another version), the
 * scorer falls back to reading words as docs.
 */
import { createRequire } from 'node:module';

/** Vocabulary events above the vocabulary's id range (wink's automaton constants). */
const EOS = 2070000;
const OTHERWISE = 2070003;
const MODEL_FILE = 'wink-eng-lite-web-model/dist/languages/cur/models/eng-sa-model.json';

type Fsm = Record<number, Record<number, number>>;

/** One lexicon match in a token sequence: token span [start, end] and value in [-1, 1]. */
export interface LexiconMatch {
  start: number;
  end: number;
  value: number;
}

export interface SentimentMachine {
  /** Matches in a sequence of vocabulary ids (−1 for a word outside the vocabulary; its first `length`), as wink finds them. */
  match(ids: readonly number[], length?: number): LexiconMatch[];
  /** The value of a single-word entry, or 0. */
  word(id: number): number;
}

/** Builds the matcher from the machine's JSON ([version, lastState, fsm, terminals, …]). */
export function sentimentMachine(json: string, newlineId = -2): SentimentMachine {
  const model = JSON.parse(json) as [number, number, Fsm, Record<number, string>];
  const fsm = model[2];
  // Lookups are flat arrays where they are hot: the start state's transitions
  // (thousands of words, one lookup per token) indexed by word id, and each
  // state's value (NaN: not an entry's end).
  let states = 0;
  for (const state of Object.keys(fsm)) states = Math.max(states, Number(state) + 1);
  for (const state of Object.keys(model[3])) states = Math.max(states, Number(state) + 1);
  for (const edges of Object.values(fsm))
    for (const to of Object.values(edges)) states = Math.max(states, to + 1);
  const stateValue = new Float64Array(states).fill(Number.NaN);
  for (const [state, v] of Object.entries(model[3])) stateValue[Number(state)] = Number(v) / 1000;
  const start = fsm[0] ?? {};
  let words = 0;
  for (const event of Object.keys(start)) {
    const e = Number(event);
    if (e < EOS) words = Math.max(words, e + 1);
  }
  const startNext = new Int32Array(words);
  for (const [event, to] of Object.entries(start)) {
    const e = Number(event);
    if (e < EOS) startNext[e] = to;
  }
  const startOtherwise = start[OTHERWISE] ?? 0;
  const startEos = start[EOS] ?? 0;
  const next = (state: number, event: number): number => {
    if (state === 0) {
      if (event >= 0 && event < words) return startNext[event]!;
      if (event === OTHERWISE) return startOtherwise;
      if (event === EOS) return startEos;
    }
    return fsm[state]?.[event] ?? 0;
  };
  const stateValueOf = (state: number): number | undefined => {
    const v = state < states ? stateValue[state]! : Number.NaN;
    return Number.isNaN(v) ? undefined : v;
  };

  // A port of wink's simpleFSM.recognize (src/automaton.js): greedy, leftmost,
  // longest match, with the "otherwise" fallback to a shorter entry.
  const match = (ids: readonly number[], length = ids.length): LexiconMatch[] => {
    const out: LexiconMatch[] = [];
    let first = 0;
    let state = 0;
    let lastOtherwiseIndex = 0;
    let lastOtherwiseState = 0;
    for (let i = 0; i <= length; i++) {
      for (let j = i; j <= length; j++) {
        const t = j === length ? EOS : ids[j]!;
        if (t === newlineId) continue;
        let ns = next(state, t);
        if (!state && ns) first = j;
        const v = stateValueOf(ns);
        if (v !== undefined) {
          // Entries valued 0 ("kind of", "as good as") neutralise their words.
          if (v !== 0) out.push({ start: first, end: j, value: v });
          i = j;
          j = length + 100;
          ns = 0;
          lastOtherwiseState = 0;
        } else if (ns === 0) {
          if (lastOtherwiseState) {
            const w = stateValueOf(lastOtherwiseState)!;
            if (w !== 0) out.push({ start: first, end: lastOtherwiseIndex, value: w });
            i = lastOtherwiseIndex;
            j = length + 100;
            lastOtherwiseState = 0;
          } else j = length + 100;
        }
        state = ns;
        const o = next(state, OTHERWISE);
        if (o) {
          lastOtherwiseIndex = j;
          lastOtherwiseState = o;
        }
      }
    }
    return out;
  };

  const word = (id: number): number => {
    const s = next(0, id);
    if (s === 0) return 0;
    return stateValueOf(s) ?? stateValueOf(next(s, OTHERWISE)) ?? 0;
  };
  return { match, word };
}

/** The installed model's machine JSON, or undefined when it cannot be read. */
export function installedMachineJson(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const machines = require(MODEL_FILE) as unknown;
    return Array.isArray(machines) && typeof machines[0] === 'string' ? machines[0] : undefined;
  } catch {
    return undefined;
  }
}
