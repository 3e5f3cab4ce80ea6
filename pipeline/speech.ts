import type { Transcript } from './types.js';

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
