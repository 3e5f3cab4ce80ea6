/**
 * The five shipped transcripts end to end through the transcript model.
 * Expected turn counts were verified by reading the texts and by counting
 * label lines with grep, e.g.
 *   grep -cE '^(Comrade |Ambassador )?(Enver Hoxha|An Yong|…):' corpus/raw/*.txt
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../pipeline/io.js';
import { buildTranscripts } from '../pipeline/transcripts.js';
import { REPO } from './helpers.js';

const model = buildTranscripts(readCorpus(join(REPO, 'corpus')));
const byId = new Map(model.transcripts.map((t) => [t.docId, t]));

const EXPECTED: Array<[string, string, Record<string, number>]> = [
  ['1959-06-06_hoxha-choe-yong-geon', '1959-06-06', { 'Enver Hoxha': 18, 'Choe Yong-geon': 18 }],
  ['1961-02-10_hoxha-pak-geum-cheol', '1961-02-10', { 'Enver Hoxha': 4, 'Pak Geum-cheol': 4 }],
  [
    '1964-05-07_hoxha-li-byeongchan',
    '1964-05-07',
    { 'Enver Hoxha': 25, 'An Yong': 22, 'Li Byeongchan': 3 },
  ],
  ['1966-06-20_hoxha-an-yong', '1966-06-20', { 'An Yong': 17, 'Enver Hoxha': 16 }],
  ['1966-09-07_hoxha-baek-sunje', '1966-09-07', { 'Enver Hoxha': 9, 'Baek Sunje': 9 }],
];

describe('shipped corpus: transcript model', () => {
  it('has the five meetings in date order', () => {
    expect(model.transcripts.map((t) => [t.docId, t.metadata.date])).toEqual(
      EXPECTED.map(([id, date]) => [id, date]),
    );
  });

  it.each(EXPECTED)('%s: turns per speaker', (id, _date, turns) => {
    const t = byId.get(id)!;
    const counts: Record<string, number> = {};
    for (const u of t.turns) counts[u.speaker] = (counts[u.speaker] ?? 0) + 1;
    expect(counts).toEqual(turns);
    expect(
      t.turns.every((u) => u.side === (u.speaker === 'Enver Hoxha' ? 'Albania' : 'DPRK')),
    ).toBe(true);
    // Info lines (parentheses kept as speech, listed for audit) are not problems.
    expect(
      t.diagnostics.filter((d) => d.rule.startsWith('segment/') && d.severity !== 'info'),
    ).toEqual([]);
  });

  it('keeps editorial insertions, stage directions and trailers out of speech', () => {
    const all = model.transcripts.flatMap((t) => t.turns.map((u) => u.text)).join('\n');
    for (const s of [
      '[sic]',
      'General Secretary of the Korean',
      '(Laughter)',
      'answered the Korean comrades',
      'Haxhi Kroi',
      'Leon Levy',
      'Translated',
      'Typed by',
      'Document Information',
      'Citation',
    ]) {
      expect(all).not.toContain(s);
    }
    // A parenthesis that belongs to the speaker's sentence stays speech.
    expect(all).toContain(
      '(we ourselves know this. Even a small flood brings great difficulties to us)',
    );
  });

  it('rejoins the sentence split by a page break in the 1959 record', () => {
    const t = byId.get('1959-06-06_hoxha-choe-yong-geon')!;
    expect(t.text).toContain('This will be a great gain for Albania because in the past');
  });

  it('extracts metadata, ignoring the typing date in the trailer', () => {
    const m = byId.get('1966-09-07_hoxha-baek-sunje')!.metadata;
    expect(m).toMatchObject({
      date: '1966-09-07',
      title: 'Report on a Meeting between Enver Hoxha and DPRK Ambassador Baek Sunje',
      archiveRef: 'AQPPSH, MPP Korese, D4, V. 1966',
      translator: 'Enkel Daljani',
    });
    expect(byId.get('1959-06-06_hoxha-choe-yong-geon')!.metadata.sourceUrl).toBe(
      'https://wilson-center-digital-archive.dvincitest.com/document/114280',
    );
    expect(byId.get('1966-06-20_hoxha-an-yong')!.metadata.archiveRef).toBe(
      'AQPPSH, MPP Korese, D 3, V. 1966',
    );
    expect(byId.get('1959-06-06_hoxha-choe-yong-geon')!.metadata.participants).toEqual(
      expect.arrayContaining(['Enver Hoxha', 'Choe Yong-geon', 'Mehmet Shehu', 'Hysni Kapo']),
    );
    const overridden = byId.get('1961-02-10_hoxha-pak-geum-cheol')!.metadata;
    expect(overridden.overridden).toEqual(['title']);
    expect(overridden.summary).toMatch(/^Enver Hoxha and Pak Geum-cheol emphasize/);
  });

  it('is lossless on every shipped transcript', () => {
    for (const t of model.transcripts) {
      let at = 0;
      for (const s of t.segments) {
        expect(s.start).toBe(at);
        at = s.end;
      }
      expect(at).toBe(t.text.length);
    }
  });
});
