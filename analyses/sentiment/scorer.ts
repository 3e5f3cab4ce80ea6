/**
 * The project's sentence sentiment scorer (GitHub issue 6).
 *
 * Built on wink-nlp: its tokens, its negation flags and its sentiment lexicon
 * (wink-eng-lite-web-model, terms scored in [-1, 1]). What it changes, each
 * because the human-rated benchmark files showed wink's own sentence score
 * falling short there (see `npm run bench:sentiment`):
 *
 * 1. Combination: wink averages the matched terms, so "good and generous"
 *    scores like "good". Here the signed term values are summed and squashed,
 *    S / √(S² + α), so agreeing words add up and the score stays in (-1, 1).
 * 2. Intensifiers and dampeners ("very", "deeply" / "slightly", "hardly"),
 *    words in capitals, and a "!" in the sentence scale a sentiment word by
 *    (1 ± β) per step ("very good!" = (1 + 2β) × good).
 * 3. Contrast: sentiment conceded before "but"/"however" (or "yet" after a
 *    comma or "and"), or inside a clause opened by "although"/"though"/
 *    "while"/"whereas" up to its comma, is weighted by γ, because the other
 *    clause carries the writer's point.
 * 4. Negation: wink flips every word up to the next punctuation mark; here
 *    a negated word scales by −ν instead of flipping (people read "not
 *    good" as mildly negative, not as the opposite of good). ν is tied to γ
 *    (one fitted number: words the writer does not assert as such).
 * 5. Nouns, verbs and adverbs weigh ω of an adjective (wink's values for
 *    them are noisier).
 * 6. The sum is divided by (k + δ·m)^λ for k sentiment words and m other
 *    words: between wink's mean and a plain sum, and a long sentence with one
 *    sentiment word is diluted towards 0.
 * 7. Words the lexicon lacks in their inflected form ("happier") are looked
 *    up by their lemma.
 * 8. Words it lacks in their derived form ("generosity", "brazenly",
 *    "harmless", "unremarkable") take the value of their base ("generous",
 *    "brazen", −"harm", −"remarkable"), weighted by ψ (./morphology.ts:
 *    hand-written English suffix and negative-prefix rules, no word list; a
 *    rule applies only to the word class it forms, and degree adverbs such
 *    as "especially" are left to rule 2). wink's lexicon lists mostly base
 *    forms.
 * 9. Each negator ("not", "n't", "no", "never", "without", "nothing", …)
 *    adds a term of value −η, with or without a sentiment word in its scope:
 *    in all four human-rated files, sentences with a negator were rated more
 *    negative than their words predict (the residual correlated −0.10 to
 *    −0.15 with the presence of a negator).
 * 10. Negative values weigh ρ times more than positive ones (people weigh
 *    bad news more than the lexicon does).
 * Rules kept in the code but off by default (the ablation found fitting them
 * not worth a coefficient): less weight on capitalised names (π), a negation
 * window shorter than wink's, "!" as an additive emphasis (ε), "?" damping
 * (κ), compressing lexicon values (v → sign(v)·|v|^τ). The extractor has
 * more research switches, off: "more"/"less" as intensifier/dampener, a
 * stricter capitals rule, and derivation without part-of-speech gating.
 *
 * The lexicon is wink's own: the model's sentiment machine run over the
 * sentence exactly as wink runs it (./lexicon.ts, verified against the
 * caller's instance at creation), so multi-word entries ("good luck",
 * neutralising "kind of", "as good as") count as wink counts them and no
 * extra doc is read per word. Domain overrides (corpus/sentiment.yaml)
 * replace the lexicon value of a word.
 *
 * Six coefficients (λ, ω = ψ, β, γ = ν = η, δ, ρ) are fitted in
 * ./calibrate.ts; values, procedure and cross-validated figures are on
 * DEFAULT_SCORER_PARAMS below. Word lists (intensifiers, dampeners,
 * contrasts, negators) are closed-class English, written by hand, not
 * fitted; the suffix rules are English morphology, written by hand.
 */
import type { ItemSentence, ItsFunction, WinkMethods } from 'wink-nlp';
import type { SentimentScore } from '../../pipeline/types.js';
import { installedMachineJson, type SentimentMachine, sentimentMachine } from './lexicon.js';
import { derivedValue, prefixedValue } from './morphology.js';

export interface SentenceScorer {
  /** Score a wink sentence item from a doc the CALLER read with its own nlp instance (no re-reading). */
  scoreSentence(sentence: unknown /* wink ItemSentence */): SentimentScore;
  /** Reads `text` as its own doc (used by the harness). */
  scoreText(text: string): SentimentScore;
}

/** The scorer's coefficients; six are fitted, three tied to them, six fixed (see DEFAULT_SCORER_PARAMS for values and provenance). */
export interface ScorerParams {
  /** α: squashing constant in S / √(S² + α); smaller α saturates sooner. */
  alpha: number;
  /** λ_len: the summed contributions are divided by k^λ_len for k sentiment words (0 = sum, 1 = wink's mean). */
  lengthExponent: number;
  /** ρ: multiplier of negative lexicon values (people weigh bad news more than the lexicon does). */
  negativity: number;
  /** ω: weight of sentiment words that are not adjectives (wink's verb and noun values are noisier). */
  nonAdjective: number;
  /** π: weight of a lexicon word capitalised inside a sentence ("United States", "Justice Department"): a name, not an opinion. */
  properName: number;
  /** β: an intensifier (or a word in capitals) multiplies the next sentiment word by 1 + β, a dampener by 1 − β. */
  boost: number;
  /** γ: weight of sentiment words before a contrast ("but", "however") in the sentence. */
  contrast: number;
  /** ν: a negated sentiment word counts −ν times its value. */
  negation: number;
  /** Words after the negator that it still reaches (wink's scope, up to punctuation, is cut here). */
  negationWindow: number;
  /** ε: each "!" (up to 3) adds ε to |S| in the direction of S (VADER-style emphasis). */
  exclamation: number;
  /** κ: a text with a "?" has S multiplied by κ. */
  question: number;
  /** τ: each lexicon value v becomes sign(v)·|v|^τ (τ < 1 compresses extremes toward equal weight). */
  valueExponent: number;
  /** δ: the divisor is (k + δ·m)^λ_len for m words without sentiment (dilution by neutral words). */
  dilution: number;
  /** ψ: weight of a value taken from a word's base by derivational morphology ("cruelty" = ψ × "cruel"); 0 = rule off. */
  derived: number;
  /** η: each negator ("not", "never", "no", …) adds a negative term of value −η (negation itself reads as negative); 0 = off. */
  negator: number;
}

/**
 * The coefficients the pipeline uses: six fitted (FITTED_KEYS in
 * ./calibrate.ts), three tied to them (TIED_KEYS: ν = η = γ, ψ = ω), the
 * others fixed with their rule off.
 *
 * Fitted on the four human-rated benchmark files only (VADER's ground
 * truth: NYT editorial dev half, movie reviews, Amazon reviews, tweets; the
 * held-out NYT half was never seen) by coordinate-wise grid search (PARAM_GRID in
 * ./calibrate.ts, starting from wink's behaviour) maximising the mean over
 * the four files of Pearson r with the human means, so each genre weighs the
 * same. Validated by 5-fold cross-validation of the whole fitting procedure:
 * folds seeded (1959) and grouped by article/product for NYT and Amazon so
 * sentences of one text never straddle training and test.
 *
 * Out-of-fold Pearson r (`npm run bench:sentiment -- --cv`): Amazon 0.615,
 * movie 0.519, NYT dev 0.508, tweets 0.810, mean 0.6131 (the previous set,
 * five coefficients without rules 8–10: 0.599 / 0.506 / 0.485 / 0.799, mean
 * 0.5975; raw wink 0.545 / 0.439 / 0.429 / 0.719). The target of
 * r ≥ 0.50 on NYT is reached; every fold fitted the same values.
 *
 * What each new rule is worth (out-of-fold r, Amazon / movie / NYT / tweets,
 * mean; each row is the set above with one change, cross-validated as
 * above):
 * - without negator terms (η = 0): 0.600 / 0.511 / 0.493 / 0.804, 0.6021;
 * - without derivation (suffixes and prefixes): 0.613 / 0.510 / 0.500 / 0.810, 0.6081;
 * - without negative prefixes only: 0.614 / 0.519 / 0.505 / 0.811, 0.6123;
 * - without ρ (negativity = 1, five fitted): 0.607 / 0.524 / 0.499 / 0.807, 0.6092;
 * - η fitted apart from γ (7 coefficients): 0.3 in four folds, mean 0.6124 (tying costs nothing);
 * - ψ fitted apart from ω (7): 0.75 in every fold, the same figures;
 * - derivation without part-of-speech gating: NYT 0.509, mean 0.6133 (gating
 *   kept: it stops the verb "supply" reading as "supple" + "-ly" and
 *   "install" as "not stall", at a cost within the noise).
 * Tried and not kept: α (0.6109), κ on "?" (0.6129), τ (0.6142, NYT 0.508)
 * or π (0.6139, NYT 0.510) as a seventh coefficient; the negator as a
 * constant added after the length divisor (mean 0.6088) and wink's own
 * negators only ("not", "no", "never", "without", "none"; 0.6110), both
 * before the prefix rule. Measured before the prefix rule, with six
 * coefficients: hedges ("would", "could", "should", "might", "may", "if")
 * damping the sentence like "?" by a seventh coefficient κ = 0.7 (0.619 /
 * 0.520 / 0.507 / 0.811, 0.6144: +0.002 for a seventh coefficient; keeping
 * six by dropping λ, ω, β or δ for it gives 0.601 to 0.609). Measured
 * before rule 9 (six coefficients with ψ free): derivation also on degree
 * adverbs ("especially" → "especial": NYT +0.002, mean +0.001, but those
 * words modify, they do not judge); without the "-ion" or "-ment" rules
 * (±0.0002) or the "-ly" rules (−0.0016); negative prefixes on every word
 * class ("install" = −"stall"; NYT as gated, mean 0.0001 lower). Fitting
 * on NYT alone with all thirteen earlier coefficients (before rules 8–10)
 * reached only 0.495 out of fold: the earlier rules had run out, which is
 * why new evidence (the residual correlations that led to rule 9) was
 * needed rather than another objective.
 *
 * Earlier (before rules 8–10; mean over the four files, each row
 * cross-validated): dilution δ +0.0070, "!" as additive emphasis ε +0.0041,
 * value exponent τ +0.0039, "?" damping κ +0.0008, concessive clauses (no
 * coefficient) +0.0010, "!" as an intensifier step (no coefficient) with
 * concessives +0.0069; no gain: weight of function-word and PROPN lexicon
 * hits, weaker negation of negative words, "more"/"less" as
 * intensifier/dampener (−0.0011), capitals only on 4+ letter non-names
 * (−0.0016). Fitted alone, ν equalled γ in every fold.
 *
 * Fitted:
 * - lengthExponent = 0.5: S is divided by √(k + δ·m).
 * - dilution = 0.2: each word without sentiment counts a fifth of a sentiment word in that divisor.
 * - nonAdjective = 0.75: nouns, verbs and adverbs weigh 0.75 of an adjective; and, tied,
 *   derived = 0.75: "cruelty" = 0.75 × "cruel" (× 0.75 again as a noun).
 * - boost = 0.8: "very good" = 1.8 × good, "slightly good" = 0.2 × good, "good!" = 1.8 × good.
 * - contrast = 0.25: conceded words weigh a quarter; and, tied, negation = 0.25:
 *   "not good" = −0.25 × good (within wink's negation scope), and negator = 0.25:
 *   each negator adds −0.25 to the sum (and counts as one term in its divisor).
 * - negativity = 1.3: negative values weigh 1.3 times their lexicon value.
 * Fixed (rule off, not fitted): alpha = 1 (S / √(S² + 1)), properName = 1,
 * negationWindow = 100 (wink's scope, up to punctuation), exclamation = 0,
 * question = 1, valueExponent = 1.
 */
export const DEFAULT_SCORER_PARAMS: Readonly<ScorerParams> = Object.freeze({
  alpha: 1,
  lengthExponent: 0.5,
  negativity: 1.3,
  nonAdjective: 0.75,
  properName: 1,
  boost: 0.8,
  contrast: 0.25,
  negation: 0.25,
  negationWindow: 100,
  exclamation: 0,
  question: 1,
  valueExponent: 1,
  dilution: 0.2,
  derived: 0.75,
  negator: 0.25,
});

/** Raise the next sentiment word. A closed class of English degree adverbs, written for this project. */
const INTENSIFIERS = new Set([
  'very',
  'really',
  'extremely',
  'so',
  'too',
  'most',
  'highly',
  'incredibly',
  'absolutely',
  'totally',
  'completely',
  'deeply',
  'utterly',
  'truly',
  'especially',
  'particularly',
  'exceptionally',
  'remarkably',
  'enormously',
  'hugely',
  'immensely',
  'thoroughly',
  'entirely',
  'greatly',
  'awfully',
  'terribly',
  'extraordinarily',
  'profoundly',
  'tremendously',
  'exceedingly',
  'such',
]);

/** Lower the next sentiment word. */
const DAMPENERS = new Set([
  'somewhat',
  'slightly',
  'barely',
  'hardly',
  'scarcely',
  'fairly',
  'rather',
  'partly',
  'marginally',
  'mildly',
  'moderately',
  'relatively',
  'little',
]);

/** Contrast markers: what precedes them in the sentence is conceded. */
const CONTRASTS = new Set(['but', 'however']);

/** Subordinators opening a conceded clause ("Although it is costly, …"). */
const CONCESSIVES = new Set(['although', 'though', 'while', 'whereas', 'whilst']);

/** Open word classes (wink's universal tags): the only ones whose lemma can carry sentiment. */
const OPEN_CLASSES = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'INTJ']);

/** Shortest word derivational morphology is tried on (a 3-letter stem and a 2-letter suffix, "-ly"). */
const MIN_DERIVED_LENGTH = 5;

/** Negators: words that deny (wink's negation triggers and their kin). Closed class, written by hand. */
/** The name negators' contributions go under (sentiment_drivers.csv, the drivers figure). */
export const NEGATION_TERM = '(negation)';

export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'without',
  'none',
  'nothing',
  'nobody',
  'nowhere',
  'neither',
  'nor',
  'cannot',
]);

/** Tokens that carry a lexicon value but are function words here. */
const NEVER_SENTIMENT = new Set(['not', 'no', 'never', 'without']);

/** A sentiment-bearing word found in a sentence, before the coefficients are applied. */
export interface TermFeature {
  /** The word whose value was used (normal form, or lemma when only the lemma is known). */
  term: string;
  /** Lexicon (or override) value in [-1, 1]. */
  value: number;
  /** The value came from the domain overrides. */
  override: boolean;
  /** Words since the negator (0 = right after it) if wink flagged it negated, else -1. */
  negatedAt: number;
  /** +1 per intensifier or capitals, −1 per dampener among the two preceding words. */
  boost: number;
  /** In the same sentence before a contrast marker. */
  beforeContrast: boolean;
  /** wink tags it ADJ. */
  adjective: boolean;
  /** Capitalised inside a sentence that is not in capitals throughout. */
  name: boolean;
  /** The value is its base's, found by derivational morphology (./morphology.ts). */
  derived?: boolean;
}

/** Everything the coefficients act on: extracted once, combined many times (calibration). */
export interface TextFeatures {
  terms: TermFeature[];
  /** "!" marks in the text (absent: 0). */
  exclamations?: number;
  /** "?" marks in the text (absent: 0). */
  questions?: number;
  /** Word tokens in the text (absent: the number of terms). */
  words?: number;
  /** The negators ("not", "n't" as "not", "never", "no", "without", …) in the text, in order (absent: none). */
  negators?: string[];
}

/** One word's signed weight before length scaling: the rules of the header, in order. */
export function termWeight(t: TermFeature, params: ScorerParams): number {
  let w = t.value;
  if (params.valueExponent !== 1) w = Math.sign(w) * Math.abs(w) ** params.valueExponent;
  if (w < 0) w *= params.negativity;
  if (!t.adjective) w *= params.nonAdjective;
  if (t.name && !t.override) w *= params.properName;
  if (t.derived) w *= params.derived;
  if (t.boost !== 0) w *= Math.max(0, 1 + params.boost * t.boost);
  if (t.negatedAt >= 0 && t.negatedAt < params.negationWindow) w *= -params.negation;
  if (t.beforeContrast) w *= params.contrast;
  return w;
}

/** S / √(S² + α), with 0 for 0. */
export function squash(sum: number, alpha: number): number {
  return sum === 0 ? 0 : sum / Math.sqrt(sum * sum + alpha);
}

/** Whether a term takes part in the score: derived ones only when their rule is on (ψ ≠ 0). */
function counts(t: TermFeature, params: ScorerParams): boolean {
  return params.derived !== 0 || !t.derived;
}

/** Negators that count as terms of value −η (none when the rule is off, η = 0). */
function negatorCount(features: TextFeatures, params: ScorerParams): number {
  return params.negator === 0 ? 0 : (features.negators?.length ?? 0);
}

/** Terms that take part in the score (see `counts`), negators included (see `negatorCount`). */
function termCount(features: TextFeatures, params: ScorerParams): number {
  const g = negatorCount(features, params);
  if (params.derived !== 0) return features.terms.length + g;
  let k = g;
  for (const t of features.terms) if (!t.derived) k++;
  return k;
}

/** Divisor of the summed weights: (k + δ·m)^λ for k sentiment words and m other words. */
function lengthDivisor(features: TextFeatures, params: ScorerParams, k: number): number {
  const m = params.dilution === 0 ? 0 : Math.max(0, (features.words ?? k) - k);
  return (k + params.dilution * m) ** params.lengthExponent;
}

/** Punctuation applied to the scaled sum S: "!" adds emphasis, "?" dampens. */
function punctuate(s: number, features: TextFeatures, params: ScorerParams): number {
  let out = s;
  const e = Math.min(3, features.exclamations ?? 0);
  if (e > 0 && out !== 0) out += Math.sign(out) * params.exclamation * e;
  if ((features.questions ?? 0) > 0) out *= params.question;
  return out;
}

/** The score alone (no contributions): the calibration's inner loop. */
export function featureScore(features: TextFeatures, params: ScorerParams): number {
  const k = termCount(features, params);
  if (k === 0) return 0;
  let sum = 0;
  for (const t of features.terms) if (counts(t, params)) sum += termWeight(t, params);
  // One subtraction per negator, as in combineFeatures (same bits).
  for (let g = negatorCount(features, params); g > 0; g--) sum -= params.negator;
  return squash(
    punctuate(sum / lengthDivisor(features, params, k), features, params),
    params.alpha,
  );
}

/**
 * Applies the coefficients to extracted features. Pure; used by the scorer.
 * Each contribution is the word's share of S (they sum to S); the score is
 * S / √(S² + α).
 */
export function combineFeatures(features: TextFeatures, params: ScorerParams): SentimentScore {
  const k = termCount(features, params);
  if (k === 0) return { score: 0, covered: false, contributions: [] };
  const scale = 1 / lengthDivisor(features, params, k);
  const contributions: Array<[string, number]> = [];
  let sum = 0;
  for (const t of features.terms) {
    if (!counts(t, params)) continue;
    const w = termWeight(t, params);
    contributions.push([t.term, w * scale]);
    sum += w;
  }
  if (negatorCount(features, params) > 0) {
    // Negators count as one driver, "(negation)": the rule, not the word, moves the score.
    for (let g = features.negators!.length; g > 0; g--) {
      contributions.push([NEGATION_TERM, -params.negator * scale]);
      sum -= params.negator;
    }
  }
  // Same arithmetic as featureScore, so calibration and use agree to the bit.
  const s = sum / lengthDivisor(features, params, k);
  const punctuated = punctuate(s, features, params);
  // "!" and "?" (rules off by default) get a contribution of their own, so contributions still sum to S.
  if (punctuated !== s) contributions.push(['!?', punctuated - s]);
  return {
    score: squash(punctuated, params.alpha),
    covered: true,
    contributions,
  };
}

const CAPS = /^[A-Z][A-Z'’-]*[A-Z]$/;

/** Token types that can carry sentiment. */
function isWord(t: string): boolean {
  return t === 'word' || t === 'emoji' || t === 'emoticon';
}

/** Whether `v` has a letter its upper case changes (ASCII tested without allocating). */
function hasLowerCase(v: string): boolean {
  for (let c = 0; c < v.length; c++) {
    const code = v.charCodeAt(c);
    if (code >= 97 && code <= 122) return true;
    if (code > 127) return v !== v.toUpperCase();
  }
  return false;
}
const INITIAL_CAPITAL = /^\p{Lu}/u;

export interface FeatureExtractor {
  /** Appends the sentence's sentiment words to `into` (a new TextFeatures when absent). */
  sentenceFeatures(sentence: ItemSentence, into?: TextFeatures): TextFeatures;
  /** Reads `text` as its own doc and extracts every sentence's sentiment words. */
  textFeatures(text: string): TextFeatures;
  /** Where lexicon values come from: wink's machine run here, or words read as docs (fallback). */
  readonly lexiconSource: 'machine' | 'probe';
}

/** A value for a word the lexicon lacks: its lemma's, or (derived) its base's by derivational morphology. */
interface Fallback {
  value: number;
  term: string;
  derived: boolean;
}

/** A token span with a value, before its context is read. */
interface Span {
  start: number;
  end: number;
  value: number;
  term: string;
  override: boolean;
  derived: boolean;
}

/** What the extractor memoises per normal form. */
interface WordInfo {
  /** The normal form. */
  word: string;
  /** The caller's vocabulary id (−1 outside it). */
  id: number;
  /** Closed-class roles (bits below). */
  role: number;
  /** Fallback value by part of speech (memo; null: none). */
  fallback: Map<string, Fallback | null> | undefined;
}

// Closed-class roles of a word (bit flags), from the hand-written lists above.
const NEGATOR = 1;
const NEVER = 2;
const CONTRAST = 4;
const CONCESSIVE = 8;
const YET = 16;
const INTENSIFIER = 32;
const DAMPENER = 64;
const DEGREE = INTENSIFIER | DAMPENER;

/** Every closed-class word's roles. */
const ROLES: ReadonlyMap<string, number> = (() => {
  const roles = new Map<string, number>();
  const add = (words: Iterable<string>, role: number): void => {
    for (const w of words) roles.set(w, (roles.get(w) ?? 0) | role);
  };
  add(NEGATORS, NEGATOR);
  add(NEVER_SENTIMENT, NEVER);
  add(CONTRASTS, CONTRAST);
  add(CONCESSIVES, CONCESSIVE);
  add(['yet'], YET);
  add(INTENSIFIERS, INTENSIFIER);
  add(DAMPENERS, DAMPENER);
  return roles;
})();

/** Options of the extractor (research switches; the defaults are what the scorer uses). */
export interface ExtractorOptions {
  /** Match wink's multi-word lexicon entries ("good luck", "kind of") as wink does; false scores word by word. */
  multiword?: boolean;
  /** Look a word the lexicon lacks up by its lemma ("happier" → "happy"). */
  lemmaFallback?: boolean;
  /** Force the fallback that reads each new word as a doc (for tests and comparison). */
  forceProbe?: boolean;
  /** Also treat "yet" as "but", and a clause opened by "although"/"though"/"while"/"whereas" (to its comma) as conceded. */
  concessives?: boolean;
  /** "more" intensifies, "less"/"least" dampen the next sentiment word. */
  comparatives?: boolean;
  /** A "!" in the sentence intensifies each of its sentiment words once more (as "very" does, by β). */
  exclamationBoost?: boolean;
  /** Capitals count as emphasis only for words of 4+ letters not tagged PROPN (not "USA", "NATO"). */
  strictCaps?: boolean;
  /** Give a word neither the lexicon nor its lemma knows the value of its base by derivational morphology ("cruelty" → "cruel", "hopeless" → −"hope"). */
  derivation?: boolean;
  /** Derivation: apply a suffix rule only to words wink tags with the class it forms (adverbs for "-ly", nouns for "-ness"), and negative prefixes only to adjectives and adverbs. */
  derivationPos?: boolean;
  /** Derivation: a negative prefix reverses the value of the rest ("unremarkable" → −"remarkable") when no suffix rule applies. */
  prefixes?: boolean;
}

/**
 * A fixed text whose wink sentence scores exercise single words, a
 * multi-word entry, a neutralising entry and negation: the machine is used
 * only if it reproduces all of them through the caller's instance.
 */
const VERIFY_TEXT =
  'This is good. Good luck to you! It was not bad at all. What a terrible, horrible day. ' +
  'I kind of like it. The food was as good as ever. They fear the worst but hope for peace.';

/**
 * Builds the extractor over the caller's wink instance. Lexicon values come
 * from wink's own sentiment machine run over the sentence (./lexicon.ts),
 * verified once against the caller's instance; if it cannot be verified,
 * each new word is read as a doc and scored with `its.sentiment`. A word's
 * value is looked up in this order: override of its normal form, override of
 * its lemma, wink's lexicon (multi-word entries first, as wink matches
 * them), wink's value of the lemma (open word classes only), the value of
 * its base by derivation (./morphology.ts; weighted by ψ). An override of 0
 * makes a word neutral.
 */
export function createFeatureExtractor(
  nlp: WinkMethods,
  its: WinkMethods['its'],
  overrides?: ReadonlyMap<string, number>,
  options: ExtractorOptions = {},
): FeatureExtractor {
  const reader = new SentenceReader(nlp, its, overrides, options);
  return {
    sentenceFeatures: (sentence, into) => reader.sentenceFeatures(sentence, into),
    textFeatures: (text) => reader.textFeatures(text),
    lexiconSource: reader.machine ? 'machine' : 'probe',
  };
}

/**
 * The extractor's state over one wink instance: the switches, the memos of
 * words, lemmas and fallback values, scratch buffers reused from sentence to
 * sentence, and the sentence being read. `sentenceFeatures` applies its
 * rules in order: the sentence's counts, the spans with a value (overrides,
 * the lexicon, lemmas and derivations), then each span's context.
 */
class SentenceReader {
  readonly machine: SentimentMachine | undefined;
  private readonly multiword: boolean;
  private readonly concessives: boolean;
  private readonly comparatives: boolean;
  private readonly strictCaps: boolean;
  private readonly exclamationBoost: boolean;
  private readonly lemmaFallback: boolean;
  private readonly derivation: boolean;
  private readonly derivationPos: boolean;
  private readonly prefixes: boolean;
  private readonly lexiconDoc: ReturnType<WinkMethods['readDoc']>;
  private readonly lemmaOf: ItsFunction<string>;
  // What the extractor needs to know of a normal form, memoised: one map
  // lookup per token gives its vocabulary id, its closed-class roles and its
  // fallback values.
  private readonly infos = new Map<string, WordInfo>();
  /** WordInfo by wink's token id (an array index). */
  private readonly byUid: Array<WordInfo | undefined> = [];
  // Ids of words looked up as lemmas or bases (many are not words: "happile"),
  // kept apart so the per-token memo stays small.
  private readonly baseIds = new Map<string, number>();
  /** Fallback: wink's value of a word read alone, memoised. */
  private readonly memo = new Map<string, number>();
  // wink's lemma depends on the word and its part of speech only, so lemmas
  // and fallback values are memoised on both.
  private readonly lemmaMemo = new Map<string, Map<string, string>>();

  // Scratch buffers, reused from sentence to sentence (grown when needed).
  private taken = new Uint8Array(64);
  private conceded = new Uint8Array(64);
  private wordAt = new Int32Array(64);
  private negFrom = new Int32Array(64);
  private readonly tokenInfo: WordInfo[] = [];
  private readonly seq: number[] = [];

  // The sentence being read (closures over it would be allocated per sentence).
  private current!: ReturnType<ItemSentence['tokens']>;
  private normals: string[] = [];
  private types: string[] = [];
  private n = 0;
  private pos: string[] | undefined;

  constructor(
    private readonly nlp: WinkMethods,
    private readonly its: WinkMethods['its'],
    private readonly overrides: ReadonlyMap<string, number> | undefined,
    options: ExtractorOptions,
  ) {
    this.multiword = options.multiword ?? true;
    this.concessives = options.concessives ?? true;
    this.comparatives = options.comparatives ?? false;
    this.strictCaps = options.strictCaps ?? false;
    this.exclamationBoost = options.exclamationBoost ?? true;
    this.lemmaFallback = options.lemmaFallback ?? true;
    this.derivation = options.derivation ?? true;
    this.derivationPos = options.derivationPos ?? true;
    this.prefixes = options.prefixes ?? true;
    this.lexiconDoc = nlp.readDoc('');
    this.lemmaOf = its.lemma as unknown as ItsFunction<string>;
    const idOf = (word: string): number => this.infoOf(word).id;
    const newline = idOf('\n');
    this.machine = options.forceProbe ? undefined : loadVerifiedMachine(nlp, its, idOf, newline);
  }

  /** The caller's vocabulary id of a word, −1 outside the vocabulary. */
  private vocabularyId(word: string): number {
    const found = this.lexiconDoc.isLexeme(word) as unknown;
    return Array.isArray(found) && typeof found[0] === 'number' ? found[0] : -1;
  }

  private infoOf(word: string): WordInfo {
    let info = this.infos.get(word);
    if (info === undefined) {
      info = { word, id: this.vocabularyId(word), role: ROLES.get(word) ?? 0, fallback: undefined };
      this.infos.set(word, info);
    }
    return info;
  }

  private baseId(word: string): number {
    const info = this.infos.get(word);
    if (info !== undefined) return info.id;
    let id = this.baseIds.get(word);
    if (id === undefined) {
      id = this.vocabularyId(word);
      this.baseIds.set(word, id);
    }
    return id;
  }

  /** wink's value of a word alone: by the machine, else by reading it as a doc (memoised). */
  private readonly wordValue = (word: string): number => {
    if (this.machine) return this.machine.word(this.baseId(word));
    let v = this.memo.get(word);
    if (v === undefined) {
      v = Number(this.nlp.readDoc(word).out(this.its.sentiment)) || 0;
      this.memo.set(word, v);
    }
    return v;
  };

  /**
   * The value of a word the lexicon lacks, with part of speech `pos`: its
   * lemma's, else (derivation) its base's; null when neither is known.
   * `i` is the word's index in the current sentence (for its lemma).
   */
  private fallbackOf(normal: string, info: WordInfo, pos: string, i: number): Fallback | null {
    info.fallback ??= new Map();
    let f = info.fallback.get(pos);
    if (f === undefined) {
      f = null;
      // Names, numbers and function words are not lemmatised: their lemmas carry no
      // sentiment (same figures on the four benchmark files), and lemmatising every
      // new name costs time.
      if (this.lemmaFallback && OPEN_CLASSES.has(pos)) {
        const l = this.lemmaAt(i);
        const v = l === normal ? 0 : this.wordValue(l);
        if (v !== 0) f = { value: v, term: l, derived: false };
      }
      // Degree adverbs ("especially", "fairly") modify the next word; they are not opinions.
      if (
        f === null &&
        this.derivation &&
        normal.length >= MIN_DERIVED_LENGTH &&
        (info.role & DEGREE) === 0
      ) {
        const gate = this.derivationPos ? pos : undefined;
        const d =
          derivedValue(normal, this.wordValue, gate) ??
          (this.prefixes ? prefixedValue(normal, this.wordValue, gate) : undefined);
        if (d) f = { value: d.value, term: d.base, derived: true };
      }
      info.fallback.set(pos, f);
    }
    return f;
  }

  private reserve(n: number): void {
    if (n <= this.taken.length) return;
    const size = Math.max(n, this.taken.length * 2);
    this.taken = new Uint8Array(size);
    this.conceded = new Uint8Array(size);
    this.wordAt = new Int32Array(size);
    this.negFrom = new Int32Array(size);
  }

  /** Part of speech of the current sentence's token `i` (read for the sentence on first use). */
  private posAt(i: number): string {
    this.pos ??= this.current.out(this.its.pos) as string[];
    return this.pos[i]!;
  }

  /** Lemma of the current sentence's token `i`; asking a token at a time avoids lemmatising every word. */
  private lemmaAt(i: number): string {
    const normal = this.normals[i]!;
    const p = this.posAt(i);
    let byWord = this.lemmaMemo.get(p);
    if (byWord === undefined) {
      byWord = new Map();
      this.lemmaMemo.set(p, byWord);
    }
    let lemma = byWord.get(normal);
    if (lemma === undefined) {
      // wink gives no lemma for some spellings ("isnt").
      lemma = String(this.current.itemAt(i).out(this.lemmaOf) ?? normal).toLowerCase();
      byWord.set(normal, lemma);
    }
    return lemma;
  }

  sentenceFeatures(sentence: ItemSentence, into?: TextFeatures): TextFeatures {
    const out = into ?? { terms: [] };
    const tokens = sentence.tokens();
    this.current = tokens;
    this.normals = tokens.out(this.its.normal) as string[];
    this.types = tokens.out(this.its.type) as string[];
    this.n = this.normals.length;
    this.pos = undefined;
    this.reserve(this.n);
    const { roles, exclamations } = this.countTokens(tokens, out);

    // 1. Spans with a value: overrides, then wink's lexicon, then lemmas and derivations.
    const spans: Span[] = [];
    this.taken.fill(0, 0, this.n);
    if (this.overrides && this.overrides.size > 0) this.overrideSpans(this.overrides, spans);
    if (this.machine && this.multiword) this.lexiconSpans(this.machine, spans);
    else this.wordSpans(spans);
    if (this.lemmaFallback || this.derivation) this.fallbackSpans(spans);
    if (spans.length === 0) return out;
    spans.sort((a, b) => a.start - b.start);

    // 2. The context of each span.
    const negated = tokens.out(this.its.negationFlag) as unknown as boolean[];
    const values = tokens.out(this.its.value) as string[];
    const lastContrast = this.lastContrast(roles);
    const anyConceded = this.markConceded(roles);
    const mixedCase = this.mixedCase(values);
    this.markNegatedRuns(negated);
    for (const sp of spans) {
      const i = sp.start;
      const written = values[i]!;
      const wordAt = this.wordAt[i]!;
      out.terms.push({
        term: sp.term,
        value: sp.value,
        override: sp.override,
        negatedAt: negated[i] ? wordAt - this.negFrom[i]! : -1,
        boost: this.boost(i, written, exclamations > 0, mixedCase),
        beforeContrast: i < lastContrast || (anyConceded && this.conceded[i] === 1),
        adjective: this.hasAdjective(sp),
        name: wordAt > 1 && mixedCase && INITIAL_CAPITAL.test(written) && !CAPS.test(written),
        derived: sp.derived,
      });
    }
    return out;
  }

  /**
   * Counts the sentence's words, "!" and "?" and negators into `out`, keeps
   * each token's WordInfo, and returns the roles present and the "!" count.
   */
  private countTokens(
    tokens: ReturnType<ItemSentence['tokens']>,
    out: TextFeatures,
  ): { roles: number; exclamations: number } {
    const { normals, types, n, tokenInfo, byUid } = this;
    let words = 0;
    let exclamations = 0;
    let questions = 0;
    let negators: string[] | undefined;
    let roles = 0;
    const uids = tokens.out(this.its.uniqueId) as unknown as number[];
    for (let i = 0; i < n; i++) {
      // By wink's token id first (an array index), checked against the normal
      // form: a contraction's part ("'s") may stand for different words.
      const uid = uids[i]!;
      const normal = normals[i]!;
      let info = uid < byUid.length ? byUid[uid] : undefined;
      if (info === undefined || info.word !== normal) {
        info = this.infoOf(normal);
        while (byUid.length <= uid) byUid.push(undefined);
        byUid[uid] = info;
      }
      tokenInfo[i] = info;
      roles |= info.role;
      const t = types[i]!;
      if (t === 'word') {
        words++;
        if (info.role & NEGATOR) {
          negators ??= [];
          negators.push(normals[i]!);
        }
      } else if (t === 'punctuation') {
        // A punctuation mark's normal form is the mark itself.
        const v = normals[i]!;
        for (let c = 0; c < v.length; c++) {
          if (v[c] === '!') exclamations++;
          else if (v[c] === '?') questions++;
        }
      }
    }
    out.words = (out.words ?? 0) + words;
    out.exclamations = (out.exclamations ?? 0) + exclamations;
    out.questions = (out.questions ?? 0) + questions;
    if (negators) out.negators = out.negators ? out.negators.concat(negators) : negators;
    return { roles, exclamations };
  }

  /** Rule 1a: a word (or, for a word, its lemma) with a domain override takes its value; an override of 0 makes it neutral. */
  private overrideSpans(overrides: ReadonlyMap<string, number>, spans: Span[]): void {
    const { normals, types, n, taken } = this;
    for (let i = 0; i < n; i++) {
      if (!isWord(types[i]!)) continue;
      const normal = normals[i]!;
      let term = normal;
      let value = overrides.get(normal);
      if (value === undefined && types[i] === 'word') {
        term = this.lemmaAt(i);
        value = overrides.get(term);
      }
      if (value === undefined) continue;
      taken[i] = 1;
      if (value !== 0)
        spans.push({ start: i, end: i, value, term, override: true, derived: false });
    }
  }

  /** Rule 1b: wink's lexicon matched by its machine, multi-word entries first ("good luck", "kind of"), as wink matches them. */
  private lexiconSpans(machine: SentimentMachine, spans: Span[]): void {
    const { normals, n, taken, tokenInfo, seq } = this;
    for (let i = 0; i < n; i++) seq[i] = taken[i] ? -1 : tokenInfo[i]!.id;
    for (const m of machine.match(seq, n)) {
      if (m.start === m.end && tokenInfo[m.start]!.role & NEVER) continue;
      spans.push({
        start: m.start,
        end: m.end,
        value: m.value,
        term: m.start === m.end ? normals[m.start]! : normals.slice(m.start, m.end + 1).join(' '),
        override: false,
        derived: false,
      });
      for (let k = m.start; k <= m.end; k++) taken[k] = 1;
    }
  }

  /** Rule 1b without the machine (or without multi-word entries): wink's value of each word alone. */
  private wordSpans(spans: Span[]): void {
    const { normals, types, n, taken, tokenInfo } = this;
    for (let i = 0; i < n; i++) {
      if (taken[i] || !isWord(types[i]!) || tokenInfo[i]!.role & NEVER) continue;
      const v = this.wordValue(normals[i]!);
      if (v === 0) continue;
      spans.push({
        start: i,
        end: i,
        value: v,
        term: normals[i]!,
        override: false,
        derived: false,
      });
      taken[i] = 1;
    }
  }

  /** Rule 1c: a word the lexicon lacks takes its lemma's value, else its base's by derivation (see `fallbackOf`). */
  private fallbackSpans(spans: Span[]): void {
    const { normals, types, n, taken, tokenInfo } = this;
    for (let i = 0; i < n; i++) {
      if (taken[i] || types[i] !== 'word' || tokenInfo[i]!.role & NEVER) continue;
      const f = this.fallbackOf(normals[i]!, tokenInfo[i]!, this.posAt(i), i);
      if (f === null) continue;
      spans.push({
        start: i,
        end: i,
        value: f.value,
        term: f.term,
        override: false,
        derived: f.derived,
      });
      taken[i] = 1;
    }
  }

  /** Rule 2a: the last "but"/"however" (with concessives, also "yet" after punctuation or "and"): what comes before it is weighed less (−1: none). */
  private lastContrast(roles: number): number {
    const { normals, types, n, tokenInfo } = this;
    let lastContrast = -1;
    if (roles & (CONTRAST | YET)) {
      for (let i = 0; i < n; i++) {
        const role = tokenInfo[i]!.role;
        if (role & CONTRAST) lastContrast = i;
        else if (
          this.concessives &&
          role & YET &&
          i > 0 &&
          (types[i - 1] === 'punctuation' || normals[i - 1] === 'and')
        )
          lastContrast = i;
      }
    }
    return lastContrast;
  }

  /** Rule 2b: a clause opened by a concessive conjunction ("although …"), up to its comma or semicolon, is conceded; returns whether any is. */
  private markConceded(roles: number): boolean {
    const { normals, types, n, tokenInfo, conceded } = this;
    let anyConceded = false;
    if (this.concessives && roles & CONCESSIVE) {
      for (let i = 0; i < n; i++) {
        if (!(tokenInfo[i]!.role & CONCESSIVE) || (i > 0 && types[i - 1] !== 'punctuation'))
          continue;
        if (!anyConceded) conceded.fill(0, 0, n);
        anyConceded = true;
        for (
          let k = i + 1;
          k < n && !(types[k] === 'punctuation' && (normals[k] === ',' || normals[k] === ';'));
          k++
        )
          conceded[k] = 1;
      }
    }
    return anyConceded;
  }

  /** Rule 2c: capitals mark emphasis or a name only when the sentence is not in capitals throughout. */
  private mixedCase(values: readonly string[]): boolean {
    let mixedCase = false;
    for (let i = 0; i < this.n && !mixedCase; i++) mixedCase = hasLowerCase(values[i]!);
    return mixedCase;
  }

  /** Rule 2d: the word position of each token (1-based) and of the first negated word of its run (−1: not negated), for how far a negation reaches. */
  private markNegatedRuns(negated: readonly boolean[]): void {
    const { types, n, wordAt, negFrom } = this;
    for (let i = 0, w = 0; i < n; i++) {
      if (types[i] === 'word') w++;
      wordAt[i] = w;
      negFrom[i] = negated[i] ? (i > 0 && negated[i - 1] ? negFrom[i - 1]! : w) : -1;
    }
  }

  /**
   * Rule 2e: the boost of the span at token `i`: +1 for a "!" in the
   * sentence, +1 for a word in capitals (in a sentence that is not), and ±1
   * for each intensifier or dampener in the two words before it ("very",
   * "slightly"; with comparatives, "more", "less").
   */
  private boost(i: number, written: string, exclaimed: boolean, mixedCase: boolean): number {
    const { normals, types, tokenInfo, comparatives } = this;
    let boost =
      (this.exclamationBoost && exclaimed ? 1 : 0) +
      (mixedCase &&
      CAPS.test(written) &&
      (!this.strictCaps || (written.length >= 4 && this.posAt(i) !== 'PROPN'))
        ? 1
        : 0);
    for (let k = i - 1, seen = 0; k >= 0 && seen < 2; k--) {
      if (types[k] !== 'word') break;
      seen++;
      const role = tokenInfo[k]!.role;
      const p = normals[k]!;
      if (role & INTENSIFIER || (comparatives && p === 'more')) boost++;
      else if (role & DAMPENER || (comparatives && (p === 'less' || p === 'least'))) boost--;
      else break;
    }
    return boost;
  }

  /** Rule 2f: whether a token of the span is an adjective (weighted apart from other word classes). */
  private hasAdjective(sp: Span): boolean {
    let adjective = false;
    for (let k = sp.start; k <= sp.end; k++) if (this.posAt(k) === 'ADJ') adjective = true;
    return adjective;
  }

  textFeatures(text: string): TextFeatures {
    const out: TextFeatures = { terms: [] };
    this.nlp
      .readDoc(text)
      .sentences()
      .each((s: ItemSentence) => {
        this.sentenceFeatures(s, out);
      });
    return out;
  }
}

/**
 * The installed model's sentiment machine, if it reproduces the caller's
 * wink sentence scores of VERIFY_TEXT (mean of matches, negated ones
 * flipped, as wink computes them); else undefined.
 */
function loadVerifiedMachine(
  nlp: WinkMethods,
  its: WinkMethods['its'],
  idOf: (word: string) => number,
  newline: number,
): SentimentMachine | undefined {
  const json = installedMachineJson();
  if (json === undefined) return undefined;
  let machine: SentimentMachine;
  try {
    machine = sentimentMachine(json, newline);
  } catch {
    return undefined;
  }
  let ok = true;
  let checked = 0;
  nlp
    .readDoc(VERIFY_TEXT)
    .sentences()
    .each((s: ItemSentence) => {
      const tokens = s.tokens();
      const normals = tokens.out(its.normal) as string[];
      const negated = tokens.out(its.negationFlag) as unknown as boolean[];
      const matches = machine.match(normals.map(idOf));
      let sum = 0;
      for (const m of matches) sum += negated[m.start] ? -m.value : m.value;
      const mine = matches.length > 0 ? sum / matches.length : 0;
      const wink = Number(s.out(its.sentiment));
      if (!Number.isFinite(wink) || Math.abs(mine - wink) > 1e-9) ok = false;
      checked++;
    });
  return ok && checked > 0 ? machine : undefined;
}

/**
 * The scorer the pipeline uses. `nlp`/`its` are the caller's single wink
 * instance (never create a second one: a later instance in the same process
 * misbehaves). `overrides` are the
 * domain values from corpus/sentiment.yaml; leave them out to score as the
 * benchmark was scored.
 */
export function createSentenceScorer(
  // biome-ignore lint/suspicious/noExplicitAny: the contract takes wink's methods untyped
  nlp: any,
  // biome-ignore lint/suspicious/noExplicitAny: idem
  its: any,
  overrides?: ReadonlyMap<string, number>,
  params: ScorerParams = DEFAULT_SCORER_PARAMS,
): SentenceScorer {
  const extractor = createFeatureExtractor(
    nlp as WinkMethods,
    its as WinkMethods['its'],
    overrides,
  );
  return {
    scoreSentence: (sentence) =>
      combineFeatures(extractor.sentenceFeatures(sentence as ItemSentence), params),
    scoreText: (text) => combineFeatures(extractor.textFeatures(text), params),
  };
}
