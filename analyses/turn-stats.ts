/**
 * 6. Turn statistics per meeting (turn_stats.csv), one row per speaker per
 * document, from the speech turns (pipeline/types.ts Turn):
 * - turns, words: the speaker's turns and words (pipeline/words.ts) in it;
 * - share_turns, share_words: of all turns / words in the document (0 if none);
 * - mean_turn_words = words / turns; longest_turn_words = the longest turn;
 * - opens / closes: the speaker has the document's first / last turn.
 * Each person of a joint turn is credited with it (its turn and words), so
 * a document's shares then sum to more than 1.
 * Rows sorted by doc_id, then speaker.
 */
import { creditedPeople } from '../pipeline/speech.js';
import type { Transcript } from '../pipeline/types.js';
import { DATE, DOC, SIDE, SPEAKER } from './columns.js';
import { c, type TableSpec } from './tables.js';
import { cmp } from './terms.js';
import type { TurnStatRow } from './types.js';

export const TURN_STAT_COLUMNS: ReadonlyArray<keyof TurnStatRow & string> = [
  'doc_id',
  'date',
  'speaker',
  'side',
  'turns',
  'words',
  'share_turns',
  'share_words',
  'mean_turn_words',
  'longest_turn_words',
  'opens',
  'closes',
];

export function turnStatRows(transcripts: readonly Transcript[]): TurnStatRow[] {
  const rows: TurnStatRow[] = [];
  for (const t of transcripts) {
    const turns = [...t.turns].sort((a, b) => a.turn - b.turn);
    const totalWords = turns.reduce((s, x) => s + x.words, 0);
    const peopleOf = (i: number) =>
      new Set(turns[i] ? creditedPeople(turns[i]!).map((p) => p.speaker) : []);
    const first = peopleOf(0);
    const last = peopleOf(turns.length - 1);
    const by = new Map<string, { side: string; turns: number; words: number; longest: number }>();
    // Each person of a joint turn is credited with it (see creditedPeople).
    for (const turn of turns)
      for (const person of creditedPeople(turn)) {
        let s = by.get(person.speaker);
        if (!s) {
          s = { side: person.side, turns: 0, words: 0, longest: 0 };
          by.set(person.speaker, s);
        }
        s.turns++;
        s.words += turn.words;
        s.longest = Math.max(s.longest, turn.words);
      }
    for (const [speaker, s] of by) {
      rows.push({
        doc_id: t.docId,
        date: t.metadata.date,
        speaker,
        side: s.side,
        turns: s.turns,
        words: s.words,
        share_turns: s.turns / turns.length,
        share_words: totalWords > 0 ? s.words / totalWords : 0,
        mean_turn_words: s.words / s.turns,
        longest_turn_words: s.longest,
        opens: first.has(speaker),
        closes: last.has(speaker),
      });
    }
  }
  rows.sort((a, b) => cmp(a.doc_id, b.doc_id) || cmp(a.speaker, b.speaker));
  return rows;
}

/** The tables this analysis writes, with their codebook entries (reports/data/README.md). */
export const TURN_STAT_TABLES: TableSpec[] = [
  {
    name: 'turn_stats',
    key: 'turnStats',
    rowLevel: false,
    unit: 'one speaker in one document',
    description:
      'Who held the floor in each meeting. Each person of a joint turn ("Comrades Hysni Kapo and Ramiz Alia:") is credited with its turn and words, so a meeting with one can have shares summing to more than 1; turns.csv keeps the joint turn as one row.',
    order: 'doc_id, speaker',
    columns: [
      DOC,
      DATE,
      SPEAKER,
      SIDE,
      c('turns', "The speaker's turns in the document."),
      c('words', "The speaker's words in the document."),
      c('share_turns', 'turns ÷ all turns in the document (0–1).'),
      c('share_words', 'words ÷ all words spoken in the document (0–1).'),
      c('mean_turn_words', 'words ÷ turns.'),
      c('longest_turn_words', "Words in the speaker's longest turn."),
      c('opens', "true if the speaker has the document's first turn."),
      c('closes', "true if the speaker has the document's last turn."),
    ],
  },
];
