/**
 * The terms analysis's figure: each speaker's most frequent content terms
 * (terms_by_speaker.csv over the words they spoke, turn_stats.csv).
 */
import { round } from '../pipeline/figures/data.js';
import {
  base,
  colour,
  figure,
  MAX_SPEAKERS,
  MIN_RATE_WORDS,
  type Row,
  topSpeakers,
} from '../pipeline/figures/kit.js';
import { compareText, sideOrder } from '../pipeline/figures/theme.js';
import type { Figure } from '../pipeline/figures/types.js';
import { type FigureOptions, sidePalette } from './figure-options.js';
import { KEPT_FUNCTION_WORDS } from './stopwords.js';
import type { Tables } from './types.js';

/** Terms per speaker in the top-terms figure. */
export const TOP_TERMS = 10;
/**
 * Fewest words a speaker must have spoken to be ranked in the top-terms
 * figure: below it one count moves a rate by 20 per 10,000 or more, and the
 * shared axis would be set by the speaker we know least about.
 */
export const MIN_TERM_WORDS = 500;

// ── 4. Top terms per speaker ─────────────────────────────────────────────────

export function topTerms(tables: Tables, options: FigureOptions = {}): Figure | undefined {
  const palette = sidePalette(options);
  const words = new Map<string, number>();
  const sideOf = new Map<string, string>();
  for (const r of tables.turnStats) {
    words.set(r.speaker, (words.get(r.speaker) ?? 0) + r.words);
    sideOf.set(r.speaker, r.side);
  }
  // From terms_by_speaker (terms.csv summed over documents), which every run has;
  // terms.csv's rows are not held in memory for large corpora.
  const bySpeaker = tables.termsBySpeaker;
  const counts = new Map<string, Map<string, number>>();
  for (const r of bySpeaker) {
    const m = counts.get(r.speaker) ?? new Map<string, number>();
    m.set(r.term, (m.get(r.term) ?? 0) + r.count);
    counts.set(r.speaker, m);
    if (!sideOf.has(r.speaker)) sideOf.set(r.speaker, r.side);
  }
  const sides = sideOrder(sideOf.values(), palette);
  const speakers = [...counts.keys()].sort(
    (a, b) => sides.indexOf(sideOf.get(a)!) - sides.indexOf(sideOf.get(b)!) || compareText(a, b),
  );
  const keep = speakers.length > MAX_SPEAKERS ? topSpeakers(tables, MAX_SPEAKERS) : undefined;
  const data: Row[] = [];
  const tooFew: string[] = [];
  // When nobody reaches the minimum (a small corpus), nobody can dominate a
  // better-measured speaker: all with MIN_RATE_WORDS are ranked, and the
  // caption says the rates rest on few words.
  const minWords = speakers.some(
    (sp) => (!keep || keep.has(sp)) && (words.get(sp) ?? 0) >= MIN_TERM_WORDS,
  )
    ? MIN_TERM_WORDS
    : MIN_RATE_WORDS;
  for (const speaker of speakers) {
    if (keep && !keep.has(speaker)) continue;
    const w = words.get(speaker) ?? 0;
    if (w < minWords) {
      tooFew.push(`${speaker} (${w.toLocaleString('en-US')})`);
      continue;
    }
    const ranked = [...counts.get(speaker)!.entries()]
      .filter(([term]) => !KEPT_FUNCTION_WORDS.has(term))
      .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
      .slice(0, TOP_TERMS);
    ranked.forEach(([term, count], i) => {
      data.push({
        speaker,
        side: sideOf.get(speaker)!,
        rank: i + 1,
        term,
        label: `${term} (${count})`,
        count,
        words: w,
        per_10k: w > 0 ? round((count / w) * 1e4) : 0,
      });
    });
  }
  if (data.length === 0) return undefined;
  const alt =
    `Bar charts, one per speaker (${[...new Set(data.map((d) => String(d.speaker)))].join(', ')}), of each speaker's ${TOP_TERMS} most ` +
    `frequent content terms in occurrences per 10,000 words, coloured by side.`;
  const spec = {
    ...base(
      'Most frequent terms, by speaker',
      `The ${TOP_TERMS} most frequent content terms of each speaker, per 10,000 words they spoke`,
      alt,
      data,
    ),
    facet: { field: 'speaker', type: 'nominal', title: null, sort: speakers },
    columns: 2,
    spec: {
      width: 200,
      height: { step: 16 },
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'label',
          type: 'nominal',
          title: null,
          sort: { field: 'rank', op: 'min', order: 'ascending' },
        },
        x: { field: 'per_10k', type: 'quantitative', title: 'Occurrences per 10,000 words' },
        color: colour(sides, palette),
        tooltip: [
          { field: 'speaker', title: 'Speaker' },
          { field: 'term', title: 'Term' },
          { field: 'count', type: 'quantitative', title: 'Occurrences' },
          { field: 'words', type: 'quantitative', title: 'Words spoken' },
          { field: 'per_10k', type: 'quantitative', title: 'Per 10,000 words', format: '.1f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
  const caption =
    `Content terms are lemmas in lower case with the corpus stop words removed, and also the ` +
    `function words the stop-word list keeps for keyness (${[...KEPT_FUNCTION_WORDS].join(', ')}); ` +
    `multi-word names and dictionary phrases count as one term. Counts are summed over all ` +
    `meetings of a speaker and divided by all the words that speaker spoke (×10,000); the number ` +
    `after each term is its raw count. Ties are broken alphabetically. ` +
    (minWords === MIN_TERM_WORDS
      ? `Only speakers with at least ${MIN_TERM_WORDS.toLocaleString('en-US')} words in all are ` +
        `ranked: below that a single occurrence moves a rate by 20 per 10,000 or more.`
      : `No speaker spoke ${MIN_TERM_WORDS.toLocaleString('en-US')} words, the minimum for a ` +
        `stable rate: these rates rest on few words (speakers with fewer than ` +
        `${MIN_RATE_WORDS} are left out); compare the raw counts.`) +
    (tooFew.length > 0
      ? ` Left out for fewer words (words spoken): ${tooFew.join(', ')}; their counts are in terms_by_speaker.csv.`
      : '') +
    (keep
      ? ` The ${keep.size} of ${speakers.length} speakers who spoke the most words are shown; all are in terms.csv.`
      : '');
  return figure('top-terms', 'Most frequent terms, by speaker', caption, alt, spec, data, [
    'speaker',
    'side',
    'rank',
    'term',
    'label',
    'count',
    'words',
    'per_10k',
  ]);
}
