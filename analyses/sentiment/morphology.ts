/**
 * Derivational morphology for words wink's sentiment lexicon lacks.
 *
 * wink's lexicon lists mostly base forms, and its lemmatiser undoes
 * inflection only ("happier" → "happy"), so many derived words score 0:
 * "generosity", "brazenly", "tragically", "enjoyment", "harmless",
 * "carelessly" (while "generous", "brazen", "tragic", "enjoy", "harm" and
 * "careless" are listed). These rules, written by hand for this project from
 * English word formation (suffixes only, no list of words), propose the base
 * forms a derived word may come from; the scorer takes the value of the
 * first base the lexicon knows, weighted by its coefficient ψ. A privative
 * suffix ("-less") reverses the base's value: "harmless" is the opposite of
 * "harm". Two steps at most: "carelessness" → "careless" → −"care".
 *
 * With part-of-speech gating (the scorer's default) a rule applies only to a
 * word wink tags with the class the suffix forms ("-ly" adverbs, "-ness"
 * nouns, "-ful" adjectives), so the verb "supply" is not "supple" + "-ly".
 * Known misreadings remain ("mission" as "miss" + "-ion"); the weight ψ and
 * the cross-validation account for them.
 *
 * Negative prefixes ("un-", "in-", "im-", "dis-", "non-") reverse the
 * value of what they are stripped from ("unremarkable" = −"remarkable",
 * "unfaithful" = −"faithful"), tried only when no suffix rule found a base
 * and, with gating, only on adjectives and adverbs: on verbs and nouns a
 * stripped prefix is often no negation ("install", "discount"). wink lists
 * the common prefixed words itself ("unhappy", "dishonest").
 */

/** A base form a derived word may come from, and the sign it passes on. */
export interface DerivationCandidate {
  base: string;
  /** −1 when the suffix reverses the meaning ("-less"), else 1. */
  sign: 1 | -1;
}

/** Word classes a suffix forms (wink's universal POS tags). */
type Derived = 'ADV' | 'NOUN' | 'ADJ';

/**
 * Suffix rules: a word ending in `suffix` may come from its stem plus each
 * of `bases` (tried in order). More specific suffixes first, so "-ability"
 * is tried before "-ity". `sign: -1` marks a privative suffix. `forms` is the
 * class of the derived word: with part-of-speech gating, a rule applies only
 * to a word wink tags so ("supply", a verb, is not "supple" + "-ly").
 */
const SUFFIX_RULES: ReadonlyArray<{
  suffix: string;
  bases: readonly string[];
  forms: Derived;
  sign?: -1;
}> = [
  // Adverbs: "tragically" → "tragic", "happily" → "happy", "inexplicably" → "inexplicable",
  // "gently" → "gentle", "truly" → "true", "brazenly" → "brazen".
  { suffix: 'ically', bases: ['ic', 'ical'], forms: 'ADV' },
  { suffix: 'ably', bases: ['able'], forms: 'ADV' },
  { suffix: 'ibly', bases: ['ible'], forms: 'ADV' },
  { suffix: 'ily', bases: ['y'], forms: 'ADV' },
  { suffix: 'ly', bases: ['', 'le', 'e'], forms: 'ADV' },
  // Nouns of quality: "happiness" → "happy", "kindness" → "kind", "generosity" → "generous",
  // "stupidity" → "stupid", "sincerity" → "sincere", "hostility" → "hostile",
  // "anxiety" → "anxious", "cruelty" → "cruel", "certainty" → "certain".
  { suffix: 'iness', bases: ['y'], forms: 'NOUN' },
  { suffix: 'ness', bases: [''], forms: 'NOUN' },
  { suffix: 'osity', bases: ['ous'], forms: 'NOUN' },
  { suffix: 'ability', bases: ['able'], forms: 'NOUN' },
  { suffix: 'ibility', bases: ['ible'], forms: 'NOUN' },
  { suffix: 'ility', bases: ['ile', 'le'], forms: 'NOUN' },
  { suffix: 'iety', bases: ['ious'], forms: 'NOUN' },
  { suffix: 'ity', bases: ['', 'e', 'ous'], forms: 'NOUN' },
  { suffix: 'lty', bases: ['l'], forms: 'NOUN' },
  { suffix: 'inty', bases: ['in'], forms: 'NOUN' },
  // Nouns of action: "enjoyment" → "enjoy", "corruption" → "corrupt", "frustration" →
  // "frustrate", "admiration" → "admire", "confusion" → "confuse".
  { suffix: 'ment', bases: [''], forms: 'NOUN' },
  { suffix: 'ation', bases: ['ate', 'e', ''], forms: 'NOUN' },
  { suffix: 'ion', bases: ['', 'e'], forms: 'NOUN' },
  // Adjectives from nouns: "hopeful" → "hope", "pitiful" → "pity";
  // privative: "hopeless" → −"hope", "merciless" → −"mercy".
  { suffix: 'iful', bases: ['y'], forms: 'ADJ' },
  { suffix: 'ful', bases: [''], forms: 'ADJ' },
  { suffix: 'iless', bases: ['y'], forms: 'ADJ', sign: -1 },
  { suffix: 'less', bases: [''], forms: 'ADJ', sign: -1 },
];

/** Shortest stem a suffix may leave (so "only", "city", "mention" are not split). */
const MIN_STEM = 3;

/**
 * Base forms `word` may derive from by one suffix, most specific rule first
 * (every rule whose suffix matches contributes its bases). With `pos`, only
 * rules forming that word class apply.
 */
export function derivationCandidates(word: string, pos?: string): DerivationCandidate[] {
  const out: DerivationCandidate[] = [];
  if (!/^[a-z]+$/.test(word)) return out;
  for (const rule of SUFFIX_RULES) {
    if (!word.endsWith(rule.suffix) || (pos !== undefined && pos !== rule.forms)) continue;
    const stem = word.slice(0, word.length - rule.suffix.length);
    if (stem.length < MIN_STEM) continue;
    for (const b of rule.bases) out.push({ base: stem + b, sign: rule.sign ?? 1 });
  }
  return out;
}

/**
 * The value a derived word takes from its base: the first candidate the
 * lexicon (`lookup`, 0 for unknown) scores, times the sign of its suffix;
 * if none is known, one more derivation step on each candidate ("hopelessly"
 * → "hopeless" → −"hope"; any class). Undefined when nothing is found. With
 * `pos`, the first step uses only rules forming that class.
 */
export function derivedValue(
  word: string,
  lookup: (w: string) => number,
  pos?: string,
  depth = 2,
): { value: number; base: string } | undefined {
  const candidates = derivationCandidates(word, pos);
  for (const c of candidates) {
    const v = lookup(c.base);
    if (v !== 0) return { value: c.sign * v, base: c.base };
  }
  if (depth > 1) {
    for (const c of candidates) {
      const inner = derivedValue(c.base, lookup, undefined, depth - 1);
      if (inner) return { value: c.sign * inner.value, base: inner.base };
    }
  }
  return undefined;
}

/** Negative prefixes, longest first where one begins another. */
const NEGATIVE_PREFIXES: readonly string[] = ['non', 'dis', 'un', 'in', 'im'];

/** Word classes a negative prefix is undone on (with part-of-speech gating). */
const PREFIXED_CLASSES = new Set(['ADJ', 'ADV']);

/** Shortest base a prefix may leave ("unreal" → "real"). */
const MIN_PREFIXED_BASE = 4;

/**
 * The value a word with a negative prefix takes from what follows the
 * prefix: its opposite ("unremarkable" → −"remarkable"). With `pos`, only
 * adjectives and adverbs. Undefined when the remainder is not in the lexicon.
 */
export function prefixedValue(
  word: string,
  lookup: (w: string) => number,
  pos?: string,
): { value: number; base: string } | undefined {
  if (pos !== undefined && !PREFIXED_CLASSES.has(pos)) return undefined;
  if (!/^[a-z]+$/.test(word)) return undefined;
  for (const prefix of NEGATIVE_PREFIXES) {
    if (!word.startsWith(prefix) || word.length - prefix.length < MIN_PREFIXED_BASE) continue;
    const base = word.slice(prefix.length);
    const v = lookup(base);
    if (v !== 0) return { value: -v, base };
  }
  return undefined;
}
