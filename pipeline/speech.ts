import type { Transcript } from './types.js';

/** What the analyses count: every turn, or only turns in direct speech. */
export type SpeechCounted = 'all' | 'direct';

/**
 * The transcript as the analyses see it: with `direct`, turns the note-taker
 * reports ("Greets the delegation and asks…", mode reported) are left out of
 * every count, rate and figure; turns.csv, segments.csv and the reading view
 * still show them.
 */
export function countedSpeech<T extends Pick<Transcript, 'turns'>>(t: T, speech: SpeechCounted): T {
  if (speech === 'all') return t;
  return { ...t, turns: t.turns.filter((u) => u.mode !== 'reported') };
}
