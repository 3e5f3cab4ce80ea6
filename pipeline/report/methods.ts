import { type Comparisons, comparisonsText } from '../../analyses/comparisons.js';
/**
 * The methods paragraph: a plain-text description of this run that a
 * historian can paste into a paper. Every number in it is computed from the
 * tables or read from the manifest, so it cannot drift from the results.
 */
import type { Tables } from '../../analyses/types.js';
import { listText as list } from '../figures/kit.js';
import { compareText, NO_SIDES, type SideColours, sideOrder } from '../figures/theme.js';
import { formatInt } from './html.js';

export interface MethodsInput {
  tables: Tables;
  manifest: Record<string, unknown>;
  /** The sentiment scorer's own description, including its measured agreement with human ratings. */
  sentimentMethods?: string;
  /** The corpus's sides in their declared order (corpus/speakers.yaml); without it, name order. */
  sides?: SideColours;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}

/**
 * Versions recorded in the manifest. Reads, in this order, the objects
 * `software`, `versions` and `packages` (name → version); the first found
 * wins for each name. `node` (string) is the Node.js version.
 */
export function manifestSoftware(manifest: Record<string, unknown>): Array<[string, string]> {
  const out = new Map<string, string>();
  for (const k of ['software', 'versions', 'packages']) {
    const v = manifest[k];
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [name, version] of Object.entries(v as Record<string, unknown>)) {
      if (typeof version === 'string' && !out.has(name)) out.set(name, version);
    }
  }
  if (typeof manifest.node === 'string' && !out.has('node')) out.set('node', manifest.node);
  return [...out.entries()].sort((a, b) => compareText(a[0], b[0]));
}

export function methodsParagraph(input: MethodsInput): string {
  const { tables, manifest } = input;
  const docs = [...tables.documents].sort(
    (a, b) => compareText(a.date, b.date) || compareText(a.doc_id, b.doc_id),
  );
  const dates = docs.map((d) => d.date).filter(Boolean);
  const parts: string[] = [];

  const span = dates.length > 0 ? ` dated ${dates[0]} to ${dates.at(-1)}` : ' (undated)';
  const speechWords = tables.turnStats.reduce((a, r) => a + r.words, 0);
  const turns = tables.turnStats.reduce((a, r) => a + r.turns, 0);
  const bySide = new Map<string, { words: number; speakers: Set<string> }>();
  for (const r of tables.turnStats) {
    const s = bySide.get(r.side) ?? { words: 0, speakers: new Set<string>() };
    s.words += r.words;
    s.speakers.add(r.speaker);
    bySide.set(r.side, s);
  }
  const sides = sideOrder(bySide.keys(), input.sides ?? NO_SIDES).map((side) => {
    const s = bySide.get(side)!;
    return `${side || 'no side'}: ${plural(s.words, 'word')} by ${plural(s.speakers.size, 'speaker')}`;
  });
  parts.push(
    `The corpus comprises ${plural(docs.length, 'record')} of conversation${span}, in English ` +
      `translation. Each record was segmented into speaker turns by matching speaker labels ` +
      `(e.g. "Comrade Enver Hoxha:") against an editable registry of canonical names, aliases ` +
      `and sides; continuation paragraphs belong to the preceding turn. Editorial insertions in ` +
      `square brackets, stage directions in parentheses, the recorder's narrative, headers and ` +
      `archival trailers were kept for reading but excluded from every count. This gives ` +
      `${plural(turns, 'turn')} and ${plural(speechWords, 'word')} of speech` +
      (sides.length > 0 ? ` (${sides.join('; ')})` : '') +
      `. A word is a run of letters or digits with inner apostrophes and hyphens kept, so ` +
      `"Marxist-Leninist" counts as one word.`,
  );

  const speech = speechSentence(manifest);
  if (speech) parts.push(speech);

  const phraseTotals = new Map<string, number>();
  for (const r of tables.phrases)
    phraseTotals.set(r.phrase, (phraseTotals.get(r.phrase) ?? 0) + r.count);
  const formsByPhrase = new Map<string, number>();
  for (const f of tables.phraseForms)
    formsByPhrase.set(f.phrase, (formsByPhrase.get(f.phrase) ?? 0) + 1);
  if (phraseTotals.size > 0) {
    const names = [...phraseTotals.keys()].sort(compareText);
    parts.push(
      `A concept dictionary of ${plural(names.length, 'entry', 'entries')} (${list(names)}) was ` +
        `matched in all its surface forms (${plural(tables.phraseForms.length, 'distinct form')} ` +
        `found, ${plural(tables.kwic.length, 'match', 'matches')} in all; every form is listed in ` +
        `the data tables). Frequencies are given per 10,000 words spoken by the speaker or side; ` +
        `figures show exact 95% Poisson intervals for these rates (Garwood 1936).`,
    );
  }

  const sentences = tables.sentences.length;
  const covered = tables.sentences.filter((s) => s.covered).length;
  if (input.sentimentMethods) {
    parts.push(input.sentimentMethods.trim());
  } else if (sentences > 0) {
    parts.push(
      `Sentiment was scored per sentence of speech from −1 to +1 with a dictionary-based method; ` +
        `means per meeting, speaker, side and year are reported with 95% confidence intervals.`,
    );
  }
  if (sentences > 0) {
    parts.push(
      `Of ${plural(sentences, 'sentence')}, ${formatInt(covered)} ` +
        `(${((100 * covered) / sentences).toFixed(1)}%) contained at least one sentiment-bearing ` +
        `word or negator; the rest score 0, which pulls means toward neutral.`,
    );
  }

  if (tables.keyness.length > 0) {
    const comparisons = [
      ...new Set(tables.keyness.map((k) => `${k.target} vs ${k.reference}`)),
    ].sort(compareText);
    parts.push(
      `Keyness (${list(comparisons)}) was measured with the log-likelihood statistic G² ` +
        `(Dunning 1993; p from χ² with one degree of freedom, not corrected for multiple ` +
        `comparisons), with Log Ratio (Hardie 2014) as the effect size and, as a measure of ` +
        `dispersion, each side's range (the number of records in which the target, and the ` +
        `reference, used a term). ` +
        comparisonsSentence(manifest) +
        (keynessNames(manifest) === 'kept'
          ? `Names of the people present at each meeting were kept in the comparison.`
          : `Names of the people present at each meeting (its speakers and the participants ` +
            `named) were left out of the comparison, as vocatives ("Comrade Enver Hoxha, …") ` +
            `would otherwise rank as key terms of the guests' side.`),
    );
  }

  const software = manifestSoftware(manifest);
  const tool =
    typeof manifest.name === 'string'
      ? `${manifest.name}${typeof manifest.version === 'string' ? ` ${manifest.version}` : ''}`
      : 'the project pipeline';
  parts.push(
    `The analysis was run with ${tool}` +
      (software.length > 0 ? ` (${software.map(([n, v]) => `${n} ${v}`).join(', ')})` : '') +
      `; input file hashes, configuration and versions are recorded in manifest.json, and a ` +
      `re-run on the same inputs gives byte-identical tables and figures.`,
  );
  return parts.join(' ');
}

/**
 * Which speech the counts include, from the configuration recorded in the
 * manifest (--speech): reported speech is the note-taker's summary of what
 * a speaker said ("Greets the delegation and asks…"), not their words.
 */
function speechSentence(manifest: Record<string, unknown>): string | undefined {
  const config = manifest.configuration as { speech?: unknown } | undefined;
  const s = config?.speech as
    | {
        counted: string;
        turns: number;
        reported_turns: number;
        reported_words: number;
        quoted_words?: number;
      }
    | undefined;
  if (!s || s.reported_turns === 0) return undefined;
  const quoted = s.quoted_words ?? 0;
  const share = `${plural(s.reported_turns, 'turn')} of ${s.turns} (${plural(s.reported_words, 'word')}) ${s.reported_turns === 1 ? 'is' : 'are'} reported speech, the note-taker's summary of what was said rather than a verbatim record${quoted > 0 ? ` (${plural(quoted, 'word')} of it quoted in the speaker's own words)` : ''}`;
  return s.counted === 'direct'
    ? `${share}; these were left out of every count, rate and figure (--speech direct)${quoted > 0 ? ' except the quotations, counted as direct speech' : ''}, and the turn and word totals above include them.`
    : `${share}; the counts, rates and figures include them with the direct speech (run with --speech direct to count direct speech only).`;
}

/** How the compared sides and periods were chosen, from the manifest (empty when not recorded). */
function comparisonsSentence(manifest: Record<string, unknown>): string {
  const config = manifest.configuration as { comparisons?: Comparisons } | undefined;
  return config?.comparisons ? `${comparisonsText(config.comparisons)} ` : '';
}

/** Whether keyness kept the names of the people present, as recorded in the manifest. */
function keynessNames(manifest: Record<string, unknown>): string | undefined {
  const config = manifest.configuration as { keyness_present_names?: unknown } | undefined;
  return typeof config?.keyness_present_names === 'string'
    ? config.keyness_present_names
    : undefined;
}
