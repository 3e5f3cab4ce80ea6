/**
 * Joint turns ("Comrades Hysni Kapo and Ramiz Alia:"): one row in turns.csv
 * under the joint name; in the per-speaker analyses (turn_stats.csv,
 * terms_by_speaker.csv) each person is credited with its words, while the
 * corpus, side and year tables count them once.
 */
import { describe, expect, it } from 'vitest';
import { speakerDocs, termTablesFromUnits } from '../analyses/terms.js';
import { turnStatRows } from '../analyses/turn-stats.js';
import { loadRegistry } from '../pipeline/registry.js';
import { creditedPeople } from '../pipeline/speech.js';
import type { AnnotatedDocument } from '../pipeline/types.js';
import { transcriptOf } from './helpers.js';

const registry = loadRegistry(
  [
    'honorifics: [Comrade, Comrades]',
    'speakers:',
    '  - {name: Hysni Kapo, side: Albania, role: "", aliases: []}',
    '  - {name: Ramiz Alia, side: Albania, role: "", aliases: []}',
    '  - {name: Zhou Enlai, side: China, role: "", aliases: []}',
  ].join('\n'),
);
const record = transcriptOf(
  'j.txt',
  'Comrade Zhou Enlai: Welcome to China.\n\nComrades Hysni Kapo and Ramiz Alia: We thank you warmly.\n\nComrade Hysni Kapo: Good.',
  registry,
);

describe('joint turns', () => {
  it('keep one turn under the joint name, with each person and side', () => {
    const joint = record.turns[1]!;
    expect(joint).toMatchObject({
      speaker: 'Hysni Kapo and Ramiz Alia',
      speakers: ['Hysni Kapo', 'Ramiz Alia'],
      sides: ['Albania', 'Albania'],
      words: 4,
    });
    expect(creditedPeople(joint)).toEqual([
      { speaker: 'Hysni Kapo', side: 'Albania' },
      { speaker: 'Ramiz Alia', side: 'Albania' },
    ]);
    expect(creditedPeople(record.turns[0]!)).toEqual([{ speaker: 'Zhou Enlai', side: 'China' }]);
    expect(record.turns[0]!.sides).toBeUndefined();
  });

  it('credit each person in turn_stats; the shares then sum to more than 1', () => {
    const rows = turnStatRows([record]).map((r) => [r.speaker, r.turns, r.words, r.closes]);
    expect(rows).toEqual([
      ['Hysni Kapo', 2, 4 + 1, true],
      ['Ramiz Alia', 1, 4, false],
      ['Zhou Enlai', 1, 3, false],
    ]);
    const shares = turnStatRows([record]).reduce((s, r) => s + r.share_words, 0);
    expect(shares).toBeCloseTo((5 + 4 + 3) / 8);
  });

  it('credit each person in terms_by_speaker, and count once by side and in terms.csv', () => {
    const doc: AnnotatedDocument = {
      docId: 'j',
      date: '1962-06-19',
      sourceFile: 'j.txt',
      sha256: '',
      tokens: 0,
      turns: record.turns.map((u, i) => ({
        turn: u.turn,
        speaker: u.speaker,
        side: u.side,
        ...(u.speakers && u.speakers.length > 1 ? { people: creditedPeople(u) } : {}),
        words: u.words,
        tokens: 0,
        terms: [['welcome', 'china'], ['thank', 'warmly'], ['good']][i]!,
        sentences: [],
      })),
    };
    const t = termTablesFromUnits(speakerDocs([doc]));
    expect(
      t.bySpeaker.filter((r) => r.term === 'thank').map((r) => [r.speaker, r.count, r.words]),
    ).toEqual([
      ['Hysni Kapo', 1, 5],
      ['Ramiz Alia', 1, 4],
    ]);
    expect(
      t.bySide.filter((r) => r.term === 'thank').map((r) => [r.side, r.count, r.words]),
    ).toEqual([['Albania', 1, 5]]);
    expect(t.terms.filter((r) => r.term === 'thank').map((r) => r.speaker)).toEqual([
      'Hysni Kapo and Ramiz Alia',
    ]);
  });
});
