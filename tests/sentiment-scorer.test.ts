import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemSentence } from 'wink-nlp';
import { agreement, parseGroundTruth, snippetGroup } from '../analyses/sentiment/benchmark.js';
import { applyTies, assignFolds, START_PARAMS } from '../analyses/sentiment/calibrate.js';
import { loadSentimentConfig } from '../analyses/sentiment/config.js';
import { installedMachineJson, sentimentMachine } from '../analyses/sentiment/lexicon.js';
import {
  derivationCandidates,
  derivedValue,
  prefixedValue,
} from '../analyses/sentiment/morphology.js';
import {
  combineFeatures,
  createFeatureExtractor,
  createSentenceScorer,
  DEFAULT_SCORER_PARAMS,
  featureScore,
  NEGATION_TERM,
  type TermFeature,
  termWeight,
} from '../analyses/sentiment/scorer.js';

// The one wink instance of this test file's worker.
const nlp = winkNLP(model);
const its = nlp.its;
const scorer = createSentenceScorer(nlp, its);

const term = (value: number, extra: Partial<TermFeature> = {}): TermFeature => ({
  term: 'w',
  value,
  override: false,
  negatedAt: -1,
  boost: 0,
  beforeContrast: false,
  adjective: true,
  name: false,
  ...extra,
});

describe('combineFeatures', () => {
  const p = {
    ...DEFAULT_SCORER_PARAMS,
    alpha: 1,
    lengthExponent: 0.5,
    negativity: 2,
    negation: 0.5,
    contrast: 0.25,
  };
  it('sums, scales by √k and squashes (hand values)', () => {
    // one adjective 0.6: S = 0.6 → 0.6 / √1.36
    expect(combineFeatures({ terms: [term(0.6)] }, p).score).toBeCloseTo(0.6 / Math.sqrt(1.36), 12);
    // 0.6 and −0.2 (×2 negativity) → (0.6 − 0.4) / √2 = 0.1414…
    const s = 0.2 / Math.sqrt(2);
    const r = combineFeatures({ terms: [term(0.6), term(-0.2)] }, p);
    expect(r.score).toBeCloseTo(s / Math.sqrt(s * s + 1), 12);
    expect(r.contributions.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(s, 12);
    expect(featureScore({ terms: [term(0.6), term(-0.2)] }, p)).toBe(r.score);
  });
  it('applies negation inside the window only, and contrast', () => {
    expect(
      combineFeatures({ terms: [term(0.8, { negatedAt: 0 })] }, p).contributions[0]![1],
    ).toBeCloseTo(-0.4, 12);
    const far = { ...p, negationWindow: 2 };
    expect(
      combineFeatures({ terms: [term(0.8, { negatedAt: 2 })] }, far).contributions[0]![1],
    ).toBeCloseTo(0.8, 12);
    expect(
      combineFeatures({ terms: [term(0.8, { beforeContrast: true })] }, p).contributions[0]![1],
    ).toBeCloseTo(0.2, 12);
  });
  it('dilutes by words without sentiment: divisor (k + δ·m)^λ', () => {
    const q = { ...p, negativity: 1, lengthExponent: 0.5, dilution: 0.2 };
    // one word of 0.6 among 11 words: S = 0.6 / √(1 + 0.2·10) = 0.6 / √3
    const s = 0.6 / Math.sqrt(3);
    expect(featureScore({ terms: [term(0.6)], words: 11 }, q)).toBeCloseTo(
      s / Math.sqrt(s * s + 1),
      12,
    );
    // without a word count the text is taken to be its sentiment words only
    expect(featureScore({ terms: [term(0.6)] }, q)).toBeCloseTo(0.6 / Math.sqrt(1.36), 12);
  });
  it('applies the off-by-default rules when set: "!" emphasis, "?" damping, value exponent', () => {
    const q = { ...p, dilution: 0, exclamation: 0.1, question: 0.5, valueExponent: 0.5 };
    // √0.64 = 0.8; two "!" add 0.2 in the direction of S; a "?" halves: 0.5
    const r = combineFeatures({ terms: [term(0.64)], exclamations: 2, questions: 1 }, q);
    expect(r.score).toBeCloseTo(0.5 / Math.sqrt(1.25), 12);
    expect(r.contributions.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(0.5, 12);
    expect(featureScore({ terms: [term(0.64)], exclamations: 2, questions: 1 }, q)).toBe(r.score);
  });
  it('scores 0 and uncovered without sentiment words', () => {
    expect(combineFeatures({ terms: [] }, p)).toEqual({
      score: 0,
      covered: false,
      contributions: [],
    });
  });
});

describe('createSentenceScorer on wink', () => {
  it('orders plain, intensified, negated and contrasted sentences as a reader would', () => {
    const good = scorer.scoreText('The plan is good.').score;
    expect(good).toBeGreaterThan(0);
    expect(scorer.scoreText('The plan is very good.').score).toBeGreaterThan(good);
    const notGood = scorer.scoreText('The plan is not good.').score;
    expect(notGood).toBeLessThan(0);
    expect(Math.abs(notGood)).toBeLessThan(good);
    expect(scorer.scoreText('The plan is good but the result is terrible.').score).toBeLessThan(0);
    expect(scorer.scoreText('The plan is good and generous.').score).toBeGreaterThan(good);
    expect(scorer.scoreText('The meeting was held on Tuesday.')).toEqual({
      score: 0,
      covered: false,
      contributions: [],
    });
  });

  it('scores a sentence of the caller’s doc exactly as scoreText does', () => {
    const doc = nlp.readDoc('We are happy to see you. The enemies failed.');
    const scores = [] as number[];
    doc.sentences().each((s: ItemSentence) => {
      scores.push(scorer.scoreSentence(s).score);
    });
    expect(scores).toEqual([
      scorer.scoreText('We are happy to see you.').score,
      scorer.scoreText('The enemies failed.').score,
    ]);
  });

  it('applies the domain overrides only when given', () => {
    const text = 'The revisionists are traitors.';
    expect(scorer.scoreText(text)).toEqual({ score: 0, covered: false, contributions: [] });
    const config = loadSentimentConfig(
      readFileSync('corpus/sentiment.yaml', 'utf8'),
      'sentiment.yaml',
    );
    const domain = createSentenceScorer(nlp, its, config.overrides);
    const r = domain.scoreText(text);
    expect(r.score).toBeLessThan(0);
    expect(r.contributions.map(([t]) => t)).toEqual(['revisionists', 'traitors']);
    // An override of 0 makes a lexicon word neutral.
    const neutral = createSentenceScorer(nlp, its, new Map([['struggle', 0]]));
    expect(scorer.scoreText('The struggle continues.').covered).toBe(true);
    expect(neutral.scoreText('The struggle continues.').covered).toBe(false);
  });

  it('runs wink’s own lexicon machine: same matches and sentence means as its.sentiment', () => {
    const ex = createFeatureExtractor(nlp, its);
    expect(ex.lexiconSource).toBe('machine');
    const text =
      'Good luck with that! It is not bad at all. I kind of like it, but the ending was awful. Nothing here.';
    const doc = nlp.readDoc(text);
    doc.sentences().each((s: ItemSentence) => {
      const tokens = s.tokens();
      const ids = (tokens.out(its.normal) as string[]).map((w) => {
        const found = doc.isLexeme(w) as unknown;
        return Array.isArray(found) ? (found[0] as number) : -1;
      });
      const negated = tokens.out(its.negationFlag) as unknown as boolean[];
      const machine = sentimentMachine(installedMachineJson()!);
      const matches = machine.match(ids);
      const sum = matches.reduce((a, m) => a + (negated[m.start] ? -m.value : m.value), 0);
      expect(matches.length > 0 ? sum / matches.length : 0).toBeCloseTo(
        Number(s.out(its.sentiment)),
        12,
      );
    });
    // A multi-word entry valued 0 ("kind of") neutralises its words, as in wink.
    expect(scorer.scoreText('It was kind of good.').contributions.map(([t]) => t)).toEqual([
      'good',
    ]);
    const probe = createFeatureExtractor(nlp, its, undefined, { forceProbe: true });
    expect(probe.lexiconSource).toBe('probe');
    expect(probe.textFeatures('The ending was awful.').terms.map((t) => [t.term, t.value])).toEqual(
      ex.textFeatures('The ending was awful.').terms.map((t) => [t.term, t.value]),
    );
  });

  it('reads "!" as emphasis and concessive clauses as conceded', () => {
    const ex = createFeatureExtractor(nlp, its);
    const f = ex.textFeatures('The plan is good!');
    expect([f.exclamations, f.questions, f.words]).toEqual([1, 0, 4]);
    expect(f.terms[0]!.boost).toBe(1);
    expect(scorer.scoreText('The plan is good!').score).toBeGreaterThan(
      scorer.scoreText('The plan is good.').score,
    );
    const conceded = (text: string): boolean[] =>
      ex.textFeatures(text).terms.map((t) => t.beforeContrast);
    expect(conceded('Although the plan is good, the result is terrible.')).toEqual([true, false]);
    expect(conceded('The plan is good, yet the result is terrible.')).toEqual([true, false]);
    // "not yet" is not a contrast
    expect(conceded('The good news has not yet come.')).toEqual([false]);
    const plain = createFeatureExtractor(nlp, its, undefined, {
      concessives: false,
      exclamationBoost: false,
    });
    expect(plain.textFeatures('Although it is good, we wait!').terms[0]).toMatchObject({
      beforeContrast: false,
      boost: 0,
    });
  });

  it('finds a word through its lemma when only the lemma is in the lexicon', () => {
    const r = scorer.scoreText('They were happier.');
    expect(r.contributions.map(([t]) => t)).toEqual(['happy']);
  });
});

describe('derivational morphology', () => {
  // A stand-in lexicon: the rules are tested apart from wink's values.
  const lexicon = new Map([
    ['generous', 0.4],
    ['brazen', -0.6],
    ['harm', -0.4],
    ['care', 0.5],
    ['happy', 0.8],
    ['tragic', -0.4],
    ['remarkable', 0.4],
    ['enjoy', 0.5],
  ]);
  const lookup = (w: string): number => lexicon.get(w) ?? 0;

  it('proposes bases by suffix, gated by the class the suffix forms', () => {
    expect(derivationCandidates('generosity', 'NOUN').map((c) => c.base)).toContain('generous');
    // every matching rule contributes, the most specific first ("-ily" before "-ly")
    expect(derivationCandidates('happily', 'ADV').map((c) => c.base)).toEqual([
      'happy',
      'happi',
      'happile',
      'happie',
    ]);
    expect(derivationCandidates('harmless', 'ADJ')).toEqual([{ base: 'harm', sign: -1 }]);
    // "-ly" forms adverbs: the verb "supply" is not "supple" + "-ly"
    expect(derivationCandidates('supply', 'VERB')).toEqual([]);
    expect(derivationCandidates('supply').map((c) => c.base)).toContain('supple');
    // a stem shorter than three letters is no stem ("only", "duty")
    expect(derivationCandidates('only', 'ADV')).toEqual([]);
  });

  it('takes the first known base, reverses privatives, and goes two steps', () => {
    expect(derivedValue('generosity', lookup, 'NOUN')).toEqual({ value: 0.4, base: 'generous' });
    expect(derivedValue('brazenly', lookup, 'ADV')).toEqual({ value: -0.6, base: 'brazen' });
    expect(derivedValue('tragically', lookup, 'ADV')).toEqual({ value: -0.4, base: 'tragic' });
    expect(derivedValue('enjoyment', lookup, 'NOUN')).toEqual({ value: 0.5, base: 'enjoy' });
    expect(derivedValue('harmless', lookup, 'ADJ')).toEqual({ value: 0.4, base: 'harm' });
    // "carelessly" → "careless" (unknown) → −"care"
    expect(derivedValue('carelessly', lookup, 'ADV')).toEqual({ value: -0.5, base: 'care' });
    expect(derivedValue('generosity', lookup, 'VERB')).toBeUndefined();
    expect(derivedValue('table', lookup, 'NOUN')).toBeUndefined();
  });

  it('reverses a negative prefix on adjectives and adverbs only', () => {
    expect(prefixedValue('unremarkable', lookup, 'ADJ')).toEqual({
      value: -0.4,
      base: 'remarkable',
    });
    expect(prefixedValue('unremarkable', lookup, 'NOUN')).toBeUndefined();
    expect(prefixedValue('unremarkable', lookup)).toEqual({ value: -0.4, base: 'remarkable' });
    // the remainder must be in the lexicon and four letters or more
    expect(prefixedValue('unfair', lookup, 'ADJ')).toBeUndefined();
  });

  it('gives an unlisted derived word its base’s value times ψ (and ω off adjectives)', () => {
    const ex = createFeatureExtractor(nlp, its);
    const generous = ex.textFeatures('They were generous.').terms[0]!;
    expect(generous).toMatchObject({ term: 'generous', derived: false, adjective: true });
    const t = ex.textFeatures('Her generosity was famous.').terms.find((x) => x.derived)!;
    expect(t).toMatchObject({ term: 'generous', value: generous.value, derived: true });
    expect(t.adjective).toBe(false);
    const p = DEFAULT_SCORER_PARAMS;
    expect(termWeight(t, p)).toBeCloseTo(generous.value * p.derived * p.nonAdjective, 12);
    expect(p.derived).toBe(0.75);
    // "harmless" reverses "harm"; "unremarkable" reverses "remarkable"
    const harm = ex.textFeatures('The harm was done.').terms[0]!.value;
    expect(ex.textFeatures('The dog is harmless.').terms[0]).toMatchObject({
      term: 'harm',
      value: -harm,
      derived: true,
    });
    const remarkable = ex.textFeatures('It was remarkable.').terms[0]!.value;
    expect(ex.textFeatures('It was unremarkable.').terms[0]).toMatchObject({
      term: 'remarkable',
      value: -remarkable,
      derived: true,
    });
    // degree adverbs are modifiers, not derived opinions
    expect(ex.textFeatures('It was especially cold.').terms.map((x) => x.term)).not.toContain(
      'especial',
    );
    // switches: no derivation, or no prefixes
    const plain = createFeatureExtractor(nlp, its, undefined, { derivation: false });
    expect(plain.textFeatures('Her generosity was famous.').terms.some((x) => x.derived)).toBe(
      false,
    );
    const noPrefix = createFeatureExtractor(nlp, its, undefined, { prefixes: false });
    expect(noPrefix.textFeatures('It was unremarkable.').terms).toEqual([]);
  });

  it('leaves derived terms out entirely when ψ = 0', () => {
    const p = { ...DEFAULT_SCORER_PARAMS, derived: 0, dilution: 0 };
    const derived = term(0.4, { derived: true });
    expect(combineFeatures({ terms: [derived] }, p)).toEqual({
      score: 0,
      covered: false,
      contributions: [],
    });
    // not counted in k either: one plain term alone
    expect(featureScore({ terms: [term(0.6), derived] }, p)).toBe(
      featureScore({ terms: [term(0.6)] }, p),
    );
  });
});

describe('negators and negativity', () => {
  it('counts each negator as a term of value −η, with or without sentiment words', () => {
    const p = DEFAULT_SCORER_PARAMS;
    const f = createFeatureExtractor(nlp, its).textFeatures('The meeting was not held on Tuesday.');
    expect(f.terms).toEqual([]);
    expect([f.negators, f.words]).toEqual([['not'], 7]);
    // k = 1 (the negator), m = 6 other words: S = −η / √(1 + δ·6)
    const s = -p.negator / Math.sqrt(1 + p.dilution * 6) ** (2 * p.lengthExponent);
    const r = scorer.scoreText('The meeting was not held on Tuesday.');
    expect(r.score).toBeCloseTo(s / Math.sqrt(s * s + 1), 12);
    expect(r.contributions).toEqual([[NEGATION_TERM, s]]);
    expect(NEGATION_TERM).toBe('(negation)');
    expect(r.contributions).toEqual([[NEGATION_TERM, s]]);
    expect(featureScore(f, p)).toBe(r.score);
    // n't, never, nothing, without are negators too; η = 0 turns the rule off
    const g = createFeatureExtractor(nlp, its).textFeatures(
      "I don't know. Never again, nothing without reason.",
    );
    expect(g.negators).toEqual(['not', 'never', 'nothing', 'without']);
    expect(featureScore(g, { ...p, negator: 0 })).toBe(0);
  });

  it('adds the negator to a negated sentiment word and weighs negative values by ρ', () => {
    const p = { ...DEFAULT_SCORER_PARAMS, dilution: 0, lengthExponent: 0 };
    // "not good": −ν·0.5 for the word and −η for "not"
    const s = -p.negation * 0.5 - p.negator;
    const r = combineFeatures(
      { terms: [term(0.5, { negatedAt: 0 })], negators: ['not'], words: 2 },
      p,
    );
    expect(r.contributions.reduce((a, [, w]) => a + w, 0)).toBeCloseTo(s, 12);
    expect(r.score).toBeCloseTo(s / Math.sqrt(s * s + 1), 12);
    expect(termWeight(term(-0.5), p)).toBeCloseTo(-0.5 * p.negativity, 12);
    expect(p.negativity).toBe(1.3);
    expect(termWeight(term(0.5), p)).toBe(0.5);
  });
});

describe('benchmark files', () => {
  it('parses ID<TAB>mean<TAB>text with CRLF and reports bad lines with their number', () => {
    expect(parseGroundTruth('1_1\t0.5\tGood\tday.\r\n\r\n2_1\t-1\tBad.\r\n', 'f.txt')).toEqual([
      { id: '1_1', rating: 0.5, text: 'Good\tday.' },
      { id: '2_1', rating: -1, text: 'Bad.' },
    ]);
    expect(() => parseGroundTruth('1\t0.5\tok\n2\tx\tbad\n', 'f.txt')).toThrow(
      'f.txt:2: expected a numeric mean rating, found "x"',
    );
  });
  it('ties a coefficient that is not free to its leader', () => {
    const p = { ...START_PARAMS, contrast: 0.25, nonAdjective: 0.75 };
    expect(applyTies(p, ['contrast'], { negation: 'contrast' }).negation).toBe(0.25);
    const tied = applyTies(p, ['contrast', 'nonAdjective']);
    expect([tied.negation, tied.negator, tied.derived]).toEqual([0.25, 0.25, 0.75]);
    expect(applyTies(p, ['contrast', 'negation'], { negation: 'contrast' }).negation).toBe(1);
    expect(applyTies(p, ['boost'], { negation: 'contrast' })).toBe(p);
  });
  it('groups NYT/Amazon sentences by article and keeps them in one fold', () => {
    expect(snippetGroup('12_3')).toBe('12');
    expect(snippetGroup('77')).toBe('77');
    const ids = ['1_1', '1_2', '2_1', '3_1', '3_2', '4_1', '5_1'];
    const folds = assignFolds(ids, 3, 1959);
    expect(folds).toEqual(assignFolds(ids, 3, 1959));
    expect(folds[0]).toBe(folds[1]);
    expect(folds[3]).toBe(folds[4]);
    expect(new Set(folds).size).toBe(3);
  });

  const nyt = '../shared/benchmarks/sentiment/nytEditorialSnippets_GroundTruth.dev.txt';
  it.skipIf(!existsSync(nyt))(
    'agrees with people better than raw wink on a sample of NYT editorials',
    () => {
      const sample = parseGroundTruth(readFileSync(nyt, 'utf8'), 'nyt').slice(0, 400);
      const ours = agreement(
        'nyt',
        'project',
        sample,
        sample.map((s) => scorer.scoreText(s.text).score),
        1,
      );
      const raw = agreement(
        'nyt',
        'wink',
        sample,
        sample.map((s) => Number(nlp.readDoc(s.text).out(its.sentiment))),
        1,
      );
      expect(ours.n).toBe(400);
      expect(ours.pearson).toBeGreaterThan(raw.pearson);
      expect(ours.zero_share).toBeLessThan(raw.zero_share);
    },
  );
});
