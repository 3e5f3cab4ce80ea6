import type { Person, Transcript, Turn } from './types.js';

/** What the analyses count: every turn, or only turns in direct speech. */
export type SpeechCounted = 'all' | 'direct';

/**
 * The transcript as the analyses see it: with `direct`, turns the note-taker
 * reports ("Greets the delegation and asks…", mode reported) are left out of
 * every count, rate and figure, except the speaker's own words they quote
 * (“…”), which count as a direct turn of that speaker; turns.csv,
 * segments.csv and the reading view still show the turns whole.
 */
export function countedSpeech<T extends Pick<Transcript, 'turns'>>(t: T, speech: SpeechCounted): T {
  if (speech === 'all') return t;
  return {
    ...t,
    turns: t.turns.flatMap((u) =>
      u.mode !== 'reported'
        ? [u]
        : u.quoted !== undefined && (u.quotedWords ?? 0) > 0
          ? [{ ...u, text: u.quoted, words: u.quotedWords ?? 0, mode: 'direct' as const }]
          : [],
    ),
  };
}

/**
 * The people a turn's words are credited to in the per-speaker analyses
 * (turn_stats.csv, terms_by_speaker.csv): each person of a joint turn
 * ("Comrades Hysni Kapo and Ramiz Alia:") with their side, else the turn's
 * speaker. A joint turn's words are so counted once for each of its people
 * there, and once in every corpus, side and year total; turns.csv keeps
 * the joint turn as one row.
 */
export function creditedPeople(
  turn: Pick<Turn, 'speaker' | 'side' | 'speakers' | 'sides'>,
): Person[] {
  const names = turn.speakers ?? [];
  if (names.length > 1 && turn.sides?.length === names.length)
    return names.map((speaker, i) => ({ speaker, side: turn.sides![i]! }));
  return [{ speaker: turn.speaker, side: turn.side }];
}
