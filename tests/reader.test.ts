/**
 * Reading records the grammar was not written for: label forms, unregistered
 * speakers, lost line breaks. Small written examples first, then real records
 * kept as found in tests/fixtures/reader/ (see SOURCES.md there), each with
 * its expected reading worked out by reading it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datePrecision } from '../pipeline/describe.js';
import { splitRunOn } from '../pipeline/normalize.js';
import { loadRegistry } from '../pipeline/registry.js';
import { attributions, narratesMeeting, verblessAside } from '../pipeline/segment.js';
import { suggestedSpeakers } from '../pipeline/speaker-names.js';
import { countedSpeech } from '../pipeline/speech.js';
import type { Transcript } from '../pipeline/types.js';
import { FIXTURES, segmentsOf, transcriptOf } from './helpers.js';

const turnsOf = (t: Transcript) => t.turns.map((u) => [u.speaker, u.words]);
const speakersOf = (t: Transcript) => t.turns.map((u) => u.speaker);

describe('labels the grammar did not know', () => {
  it('opens a turn at a label restored by the editor, keeping its brackets editorial', () => {
    const t = transcriptOf(
      'r.txt',
      '[Comrade Zhou Enlai:] Comrade Lin Biao has put forward the need.\n\nComrade Enver Hoxha: Is it the brochure?',
    );
    expect(segmentsOf(t)).toEqual([
      ['editorial', '[Comrade Zhou Enlai:] '],
      ['speech', 'Comrade Lin Biao has put forward the need.'],
      ['label', 'Comrade Enver Hoxha: '],
      ['speech', 'Is it the brochure?'],
    ]);
    expect(t.segments.find((s) => s.kind === 'editorial')!.rule).toBe('editorial/restored-label');
    expect(turnsOf(t)).toEqual([
      ['Zhou Enlai', 8],
      ['Enver Hoxha', 4],
    ]);
  });

  it('reads labels in capitals, with titles, short names and offices in brackets', () => {
    const t = transcriptOf(
      'c.txt',
      [
        'MAO ZEDONG: One.',
        'Chairman Mao: Two.',
        'Premier Zhou: Three.',
        'Chairman [Mao Zedong]: Four.',
        'Ambassador [Nesti Nase, Albanian ambassador to the PRC]: Five.',
        'Vito Kapo (hereafter shortened to Vito): Six.',
        'Vito: Seven.',
        'Chairman: Eight.',
      ].join('\n\n'),
    );
    expect(speakersOf(t)).toEqual([
      'Mao Zedong',
      'Mao Zedong',
      'Zhou',
      'Mao Zedong',
      'Nesti Nase',
      'Vito Kapo',
      'Vito Kapo',
      'Mao Zedong',
    ]);
    expect(t.turns[3]!.label).toBe('Chairman [Mao Zedong]');
  });

  it('reads "The President:" as the person the record calls President', () => {
    const t = transcriptOf(
      'p.txt',
      'President Nixon: I have read your poems.\n\nThe President: Thank you.',
    );
    expect(speakersOf(t)).toEqual(['Nixon', 'Nixon']);
  });

  it('reads a capitals name closed by a full stop when the record names the person', () => {
    const t = transcriptOf(
      'k.txt',
      'Conversation of N.S. Khrushchev with Mao Zedong\n\nMAO ZEDONG. In 1954 you asked us.\n\nN.S. KHRUSHCHEV. Yes, we asked.\n\nRGANI. Collection 52. Inventory 1.',
    );
    expect(speakersOf(t)).toEqual(['Mao Zedong', 'N.S. Khrushchev']);
  });

  it('reads a joint label as one turn of several speakers, each credited', () => {
    const t = transcriptOf(
      'j.txt',
      'Comrade Zhou Enlai: Welcome.\n\nComrades Hysni Kapo and Ramiz Alia: We thank you very much.',
    );
    expect(t.turns[1]).toMatchObject({
      speaker: 'Hysni Kapo and Ramiz Alia',
      speakers: ['Hysni Kapo', 'Ramiz Alia'],
      words: 5,
    });
    expect(t.speakers).toEqual(['Zhou Enlai', 'Hysni Kapo', 'Ramiz Alia']);
  });

  it('does not open a turn at side headings, attendee lists, vocatives or times', () => {
    const t = transcriptOf(
      'n.txt',
      [
        'From the Chinese side: Zhou Enlai, Chen Yi.',
        'Present at the meeting were: Mao Zedong.',
        'Comrade Mao Zedong, allow me: to greet you.',
        '5:00 P.M. The talks began.',
        'AT 5:00 P.M., ON 29 JUNE 1962: THE MEETING',
        'Time: 5pm, May 15th 1964',
        'Location: Great Hall of the People',
        'DATE AND TIME: Monday, February 21, 1972',
      ].join('\n\n'),
    );
    expect(t.turns).toEqual([]);
  });

  it('reads capitals with no stop before the speech, but not headings in capitals', () => {
    const t = transcriptOf(
      'h.txt',
      'Record of Conversations between Cde. N. S. Khrushchev and Ho Chi Minh\n\nTHE MEETING Of the delegation began.\n\nHO CHI MINH Why did Kennedy request funds?\n\nN. S. KHRUSHCHEV The Western powers have not yet responded.',
    );
    expect(t.turns.map((u) => [u.speaker, u.words])).toEqual([
      ['Ho Chi Minh', 5],
      ['N. S. Khrushchev', 7],
    ]);
  });

  it('needs the record to name a one-word label elsewhere', () => {
    const t = transcriptOf('o.txt', 'Comrade Enver Hoxha: Yes.\n\nKorea: a country far away.');
    expect(speakersOf(t)).toEqual(['Enver Hoxha']);
  });
});

describe('unregistered speakers', () => {
  it('is one person however the label is written, linked to the fuller name in the record', () => {
    const t = transcriptOf(
      'u.txt',
      [
        'Memorandum of Conversation, Comrade Abdyl Kellezi with Comrade Zhou Enlai',
        'Comrade Mao Zedong: One.',
        'Comrade Mao: Two.',
        'MAO ZEDONG: Three.',
        'Comrade Abdyl: Four.',
      ].join('\n\n'),
    );
    expect(speakersOf(t)).toEqual(['Mao Zedong', 'Mao Zedong', 'Mao Zedong', 'Abdyl Kellezi']);
    const warned = t.diagnostics.filter((d) => d.rule === 'segment/unregistered-speaker');
    expect(warned.map((d) => d.message.match(/"([^"]+)" \(side/)?.[1])).toEqual([
      'Mao Zedong',
      'Abdyl Kellezi',
    ]);
    expect(warned[0]!.message).toContain('reports/speakers.suggested.yaml');
  });

  it('keeps an abbreviated title a title when linking ("Cde. Stalin")', () => {
    const t = transcriptOf(
      'cde.txt',
      'Record of a Conversation of Cde. Stalin with Kim Il Sung\n\nCde. Stalin: That’s good.',
    );
    expect(speakersOf(t)).toEqual(['Stalin']);
  });

  it('resolves a linked short label through the registry', () => {
    const registry = loadRegistry(
      'speakers:\n  - name: Mao Zedong\n    side: China\n    aliases: [Comrade Mao Zedong]\n',
    );
    const t = transcriptOf(
      'm.txt',
      'Chairman Mao Zedong received us.\n\nChairman Mao: Welcome.',
      registry,
    );
    expect(t.turns.map((u) => [u.speaker, u.side])).toEqual([['Mao Zedong', 'China']]);
  });
});

describe('real records (tests/fixtures/reader)', () => {
  const real = (name: string) =>
    transcriptOf(name, readFileSync(join(FIXTURES, 'reader', name), 'utf8'));
  const perSpeaker = (t: Transcript) => {
    const out: Record<string, [number, number]> = {};
    for (const u of t.turns) {
      const [n, w] = out[u.speaker] ?? [0, 0];
      out[u.speaker] = [n + 1, w + u.words];
    }
    return out;
  };

  it('1961-04-20 Kellezi and Zhou (PDF-to-text, one paragraph): the turn is found', () => {
    const t = real('docslib-1961-04-20_kellezi-zhou.txt');
    expect(t.metadata.date).toBe('1961-04-20');
    // Counted by hand (wc -w) without the editorial bracket: 64 words, cut off by the store.
    expect(turnsOf(t)).toEqual([['Zhou Enlai', 64]]);
    expect(segmentsOf(t).find(([, s]) => s.startsWith('Summary:'))?.[0]).not.toBe('speech');
  });

  it('1962-06-29 Mao and the Albanian delegation: Kapo’s speech introduced by narrative', () => {
    const t = real('wc-1962-06-29_mao-albanian-delegation.txt');
    // The quoted paragraph holds 74 words (wc -w); Kapo's labelled turns 124.
    expect(perSpeaker(t)).toEqual({ 'Hysni Kapo': [3, 198], 'Mao Zedong': [2, 6] });
  });

  it('1966-06-27 Zhou Enlai: the restored label opens Zhou’s first turn', () => {
    const t = real('wc-1966-06-27_zhou-albanian-leaders.txt');
    expect(t.metadata.date).toBe('1966-06-27');
    expect(speakersOf(t)).toEqual([
      'Zhou Enlai',
      'Enver Hoxha',
      'Zhou Enlai',
      'Enver Hoxha',
      'Zhou Enlai',
      'Mehmet Shehu',
      'Zhou Enlai',
    ]);
    // The 18-word parenthesis narrating Zhou's gift is a stage direction, not his words.
    expect(segmentsOf(t).find(([, s]) => s.startsWith('(Comrade Zhou Enlai presents'))?.[0]).toBe(
      'stage',
    );
  });

  it('1964-05-15 Chairman Mao and the Albanian women: bracketed names and a short form', () => {
    const t = real('wc-1964-05-15_mao-albanian-womens-delegation.txt');
    // Read by hand: Vito Kapo 4 turns, the Chairman 5, Ambassador Nesti Nase 1.
    expect(Object.fromEntries(Object.entries(perSpeaker(t)).map(([k, v]) => [k, v[0]]))).toEqual({
      'Vito Kapo': 4,
      'Mao Zedong': 5,
      'Nesti Nase': 1,
    });
    expect(t.turns.map((u) => u.text).join(' ')).not.toContain('Location');
  });

  it('1967-10-12 Mao and the Albanian delegation: the time in the narrative opens no turn', () => {
    const t = real('wc-1967-10-12_mao-albanian-delegation.txt');
    expect(speakersOf(t)).toEqual(['Mao Zedong', 'Ramiz Alia', 'Mao Zedong']);
    // "(Speaking to Comrade Ramiz Alia)" is a stage direction: 110 words less its 5.
    expect(perSpeaker(t)['Mao Zedong']).toEqual([2, 105]);
  });
});

describe('speech introduced by narrative', () => {
  it('credits a quoted paragraph to the person the narrative says spoke', () => {
    const t = transcriptOf(
      'i.txt',
      [
        'Chairman Mao Zedong asked how the stay had been, Comrade Hysni Kapo, after answering the question asked by Comrade Mao Zedong, said:',
        '“We thank you from the bottom of our hearts.”',
        'Comrade Mao Zedong: Welcome.',
      ].join('\n\n'),
    );
    expect(turnsOf(t)).toEqual([
      ['Hysni Kapo', 9],
      ['Mao Zedong', 1],
    ]);
    const quoted = t.segments.find((x) => t.text.slice(x.start, x.end).startsWith('“We'))!;
    expect(quoted).toMatchObject({ kind: 'speech', rule: 'speech/introduced-by-narrative' });
  });

  it('needs the whole paragraph in quotation marks and a verb of saying before it', () => {
    for (const [before, after] of [
      ['Comrade Hysni Kapo said:', '“We thank you.” Then he sat down.'],
      ['Comrade Hysni Kapo wrote the following:', '“We thank you.”'],
      ['the comrades said:', '“We thank you.”'],
    ]) {
      expect(transcriptOf('q.txt', `${before}\n\n${after}`).turns).toEqual([]);
    }
  });
});

describe('narration inside turns', () => {
  it('takes a parenthesis narrating an action in the third person for a stage direction', () => {
    for (const paren of [
      '(Comrade Zhou Enlai presents a copy of the brochure as a gift to comrade Enver.)',
      '(Speaking to Comrade Ramiz Alia)',
      '(pointing to the Albanian film crew)',
      '(Referring to Mr. Kennedy.)',
      '(He was referring to the conference of 1960)',
      '(The President arrived.)',
      '(Chinese laugh.)',
    ]) {
      const t = transcriptOf('s.txt', `Comrade Enver Hoxha: Thank you. ${paren} It is good.`);
      expect(segmentsOf(t)).toContainEqual(['stage', paren]);
      expect(t.turns[0]!.text).toBe('Thank you. It is good.');
    }
  });

  it('keeps parentheses in the first or second person, or without a narrating verb, as speech and lists them', () => {
    for (const paren of [
      '(as you know)',
      '(we ourselves know this)',
      '(according to the revisionists)',
      '(not those in name only)',
      '(Took the floor and thanked for the help given to us.)',
      '(KWP)',
    ]) {
      const t = transcriptOf('k.txt', `Comrade Enver Hoxha: Thank you ${paren} again.`);
      expect(t.turns[0]!.text).toBe(`Thank you ${paren} again.`);
      expect(t.diagnostics).toContainEqual(
        expect.objectContaining({ rule: 'segment/parenthesis-speech', severity: 'info', line: 1 }),
      );
    }
  });
});

describe('reported speech', () => {
  it('reads "<Name> <verb of saying> …" paragraphs as reported turns of a summary record', () => {
    const t = transcriptOf(
      'p.txt',
      [
        'Notes of the conversation between Stalin and Kim Il Sung.',
        'Stalin asks the members of the delegation how their trip was.',
        'Kim Il Sung thanks the Soviet Government and says that they arrived safely.',
        'They concur that the talks will continue.',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.text.split(' ')[0]])).toEqual([
      ['Stalin', 'reported', 'asks'],
      ['Kim Il Sung', 'reported', 'thanks'],
    ]);
    expect(t.record).toBe('summary');
    expect(t.segments.find((x) => x.kind === 'label')!.rule).toBe('label/reported-speech');
  });

  it('gives each labelled turn its mode from its grammar', () => {
    const t = transcriptOf(
      'm.txt',
      [
        'Comrade Mao Zedong: Greets the delegation and asks when it has arrived.',
        'Comrade Enver Hoxha: Thanks for the welcome.',
        'Comrade Mao Zedong: He said that the struggle goes on.',
        'Comrade Enver Hoxha: Notes are kept by our comrades.',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => u.mode)).toEqual(['reported', 'direct', 'reported', 'direct']);
    expect(t.record).toBe('mixed');
  });

  it("reads the note-taker's own 'our' inside a report as part of it", () => {
    const t = transcriptOf(
      'o.txt',
      'Meeting of Comrade Hysni Kapo with Comrade Mao Zedong\n\nComrade Mao Zedong: Welcome.\n\nComrade Hysni said that our people have a saying.',
    );
    expect(t.turns.map((u) => [u.speaker, u.mode])).toEqual([
      ['Mao Zedong', 'direct'],
      ['Hysni Kapo', 'reported'],
    ]);
  });

  it('does not take a speaker quoting someone, or a meeting, for reported speech', () => {
    const t = transcriptOf(
      'q.txt',
      [
        'President Nixon spoke with Chinese leaders at the residence.',
        'Comrade Enver Hoxha: Welcome.',
        'Comrade Kim Il Sung asked me to transmit his greetings.',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.words])).toEqual([
      ['Enver Hoxha', 'direct', 11],
    ]);
    expect(t.record).toBe('verbatim');
  });
});

describe('lost line breaks', () => {
  const filler = 'The talks were held in a warm and friendly atmosphere at the palace. '.repeat(6);
  it('splits a long paragraph before archive headings and speaker labels in the middle', () => {
    expect(
      splitRunOn(
        `April 20, 1961 Memorandum Citation: “Memorandum,” History and Public Policy Program Digital Archive. Summary: They talk. ${filler}Comrade Zhou Enlai: We took a look.`,
      ),
    ).toEqual([
      'April 20, 1961 Memorandum',
      'Citation: “Memorandum,” History and Public Policy Program Digital Archive.',
      // Where a summary ends is not marked: it runs on to the next heading or label.
      `Summary: They talk. ${filler.trim()}`,
      'Comrade Zhou Enlai: We took a look.',
    ]);
  });

  it('leaves short paragraphs and labels inside a sentence alone', () => {
    expect(splitRunOn('He said. Comrade Zhou Enlai: yes. Summary: no.')).toHaveLength(1);
    const long = `${filler}the problem of Comrade Zhou Enlai: his health.`;
    expect(splitRunOn(long)).toEqual([long]);
  });

  it('names the split in an info diagnostic and reads the turn', () => {
    const t = transcriptOf(
      'l.txt',
      `May 1, 1962 Record Citation: Archive, Tirana. Summary: They talk. ${filler}Comrade Enver Hoxha: Welcome to Albania.`,
    );
    expect(t.turns.map((u) => [u.speaker, u.text])).toEqual([
      ['Enver Hoxha', 'Welcome to Albania.'],
    ]);
    const d = t.diagnostics.find((x) => x.rule === 'normalize/split-paragraph')!;
    expect(d).toMatchObject({ file: 'raw/l.txt', line: 1, severity: 'info' });
    expect(d.message).toContain('"Citation:", "Summary:", "Comrade Enver Hoxha:"');
  });
});

describe('metadata by position', () => {
  it('takes the line after the date line of an archive page for the title', () => {
    const t = transcriptOf(
      't.txt',
      'July 31, 1958\n\nConversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport\n\nThis document was made possible with support from a Foundation\n\nMAO ZEDONG: Welcome.',
    );
    expect(t.metadata.title).toBe(
      'Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport',
    );
  });

  it('takes the title a citation quotes, or a numbered FRUS heading without footnote marks', () => {
    const cited = transcriptOf(
      'c.txt',
      'October 02, 1959\n\n    Khrushchev and Mao discuss current political situations in Tibet and India.\n\n"Discussion between N.S. Khrushchev and Mao Zedong," October 02, 1959, History and Public Policy Program Digital Archive, Archive of the President of the Russian Federation (APRF), f. 52, op. 1, d. 499. Translated by Vladislav M. Zubok.\n\nMAO ZEDONG: Welcome.',
    );
    expect(cited.metadata).toMatchObject({
      title: 'Discussion between N.S. Khrushchev and Mao Zedong',
      archiveRef: 'Archive of the President of the Russian Federation (APRF), f. 52, op. 1, d. 499',
      translator: 'Vladislav M. Zubok',
      summary: 'Khrushchev and Mao discuss current political situations in Tibet and India.',
    });
    const frus = transcriptOf(
      'f.txt',
      '88. Memorandum of Conversation, Beijing, February 21, 1972, 2:30-2:40 p.m.1 2\n\nPM Chou: Chairman Mao would like to see the President.',
    );
    expect(frus.metadata.title).toBe(
      'Memorandum of Conversation, Beijing, February 21, 1972, 2:30-2:40 p.m.',
    );
  });

  it('1961-04-20 PDF copy: title, inline summary, any archive, no URL in the translator, no institutions', () => {
    const t = transcriptOf(
      'docslib-1961-04-20_kellezi-zhou.txt',
      readFileSync(join(FIXTURES, 'reader', 'docslib-1961-04-20_kellezi-zhou.txt'), 'utf8'),
    );
    expect(t.metadata).toMatchObject({
      title: 'Memorandum of Conversation, Comrade Abdyl Kellezi with Comrade Zhou Enlai',
      archiveRef: 'Central State Archive, Tirana, AQPPSH-MPKK-V. 1961, L. 13, D. 6',
      translator: 'Enkel Daljani',
    });
    expect(t.metadata.summary).toMatch(/^Zhou Enlai expressed China's opinions .* assistance\.$/);
    expect(t.metadata.participants).toEqual([
      'Abdyl Kellezi',
      'Zhou Enlai',
      'Mihal Prifti',
      'Deng Xiaoping',
      'Luo Ruiqing',
      'Wu Xiuquan',
      'Tan Zhenlin',
      'Li Xiannian',
    ]);
    const name = 'wc-1964-05-15_mao-albanian-womens-delegation.txt';
    const women = transcriptOf(name, readFileSync(join(FIXTURES, 'reader', name), 'utf8'));
    expect(women.metadata.participants).not.toContain('Mao’s Audience');
  });
});

describe('FRUS shape', () => {
  it('ends the conversation at the source footnote, kept whole', () => {
    const note = `1. Source: National Archives, Nixon Presidential Materials, NSC Files. ${'Top Secret; Sensitive. '.repeat(20)}`;
    const t = transcriptOf(
      'n.txt',
      `88. Memorandum of Conversation1\n\nPM Chou: We will read it.\n\nDr. Kissinger: I will get the President.\n\n[The President arrived.]\n\n${note}`,
    );
    expect(t.turns.map((u) => [u.speaker, u.words])).toEqual([
      ['Chou', 4],
      ['Kissinger', 5],
    ]);
    expect(segmentsOf(t).at(-1)).toEqual(['trailer', note.trim()]);
  });
});

describe('reports/speakers.suggested.yaml', () => {
  it('is a registry that, pasted, makes every unregistered speaker registered', () => {
    const text = [
      'Meeting of Comrade Abdyl Kellezi with Chairman Mao Zedong',
      'Chairman [Mao Zedong]: Welcome.',
      'Comrade Abdyl: Thank you.',
      'Chairman: How was the journey?',
      'Comrades Hysni Kapo and Ramiz Alia: Very good.',
    ].join('\n\n');
    const before = transcriptOf('s.txt', text);
    const yaml = suggestedSpeakers([before]);
    const registry = loadRegistry(yaml);
    expect(registry.speakers.map((s) => [s.name, s.side, s.aliases])).toEqual([
      ['Abdyl Kellezi', 'Unknown', ['Comrade Abdyl']],
      ['Hysni Kapo', 'Unknown', []],
      ['Mao Zedong', 'Unknown', []],
      ['Ramiz Alia', 'Unknown', []],
    ]);
    const after = transcriptOf('s.txt', text, registry);
    expect(after.diagnostics.filter((d) => d.rule === 'segment/unregistered-speaker')).toEqual([]);
    expect(after.turns.map((u) => u.speaker)).toEqual(before.turns.map((u) => u.speaker));
  });

  it('says so when every speaker is registered', () => {
    const t = transcriptOf('e.txt', 'Comrade Enver Hoxha: Welcome.');
    expect(loadRegistry(suggestedSpeakers([t])).speakers).toEqual([]);
  });
});

describe('the development set of real records: general rules', () => {
  it('keeps footnote marks stuck to punctuation out of the speech, but not decimals', () => {
    const t = transcriptOf(
      'f.txt',
      'Comrade Zhou Enlai: That is the text.2 We have version 1.2 here. [Hands over the draft.]3\n\nComrade Enver Hoxha: Good.',
    );
    expect(segmentsOf(t).filter(([k]) => k === 'editorial')).toEqual([
      ['editorial', '2'],
      ['editorial', '[Hands over the draft.]'],
      ['editorial', '3'],
    ]);
    // "1.2" stays two words (the project's word rule), the marks none.
    expect(turnsOf(t)).toEqual([
      ['Zhou Enlai', 10],
      ['Enver Hoxha', 1],
    ]);
  });

  it('reads a one-sentence "They <verb> …" paragraph in a turn as narrative, not speech', () => {
    const t = transcriptOf(
      'n.txt',
      [
        'Comrade Zhou Enlai: We agree.',
        'They switch to international questions.',
        'They concur that Cdes. Hoxha and Zhou will take part.',
        'They make great efforts. They also won others to their side.',
        'They want us to wait.',
        'Comrade Enver Hoxha: Good.',
      ].join('\n\n'),
    );
    expect(segmentsOf(t).filter(([k]) => k === 'narrative')).toEqual([
      ['narrative', 'They switch to international questions.'],
      ['narrative', 'They concur that Cdes. Hoxha and Zhou will take part.'],
    ]);
    // Two sentences, or a first person: still the speaker's words.
    expect(turnsOf(t)).toEqual([
      ['Zhou Enlai', 2 + 11 + 5],
      ['Enver Hoxha', 1],
    ]);
  });

  it('ends the record at an archival citation ("RGANI. Collection 52. Inventory 1.")', () => {
    const t = transcriptOf(
      'a.txt',
      'Comrade Zhou Enlai: We agree.\n\nRGANI. Collection 52. Inventory 1. File 498. Typescript.\n\nAt the airport, the two leaders agree on the meetings.',
    );
    expect(segmentsOf(t).filter(([k]) => k === 'trailer')).toHaveLength(2);
    expect(turnsOf(t)).toEqual([['Zhou Enlai', 2]]);
  });

  it('restores a lost colon after a label the record uses, but not inside a longer name', () => {
    const t = transcriptOf(
      'k.txt',
      [
        'Comrade Enver Hoxha: Yes.',
        'Choe Yong-geon: We have it.',
        'Comrade Enver Hoxha No, it is domestic.',
        'Choe Yong-geon: Good.',
        'Comrade Enver Hoxha Street, in Tirana, is new.',
        'Comrade Enver Hoxha: We live on Comrade Enver Hoxha Street.',
      ].join('\n\n'),
    );
    expect(speakersOf(t)).toEqual([
      'Enver Hoxha',
      'Choe Yong-geon',
      'Enver Hoxha',
      'Choe Yong-geon',
      'Enver Hoxha',
    ]);
    expect(segmentsOf(t)[4]).toEqual(['label', 'Comrade Enver Hoxha ']);
    // "Comrade Enver Hoxha Street" is met twice: a name, so it continues the turn.
    expect(turnsOf(t)[3]).toEqual(['Choe Yong-geon', 1 + 8]);
  });

  it('opens a reported turn after a short adverbial phrase of time before the name', () => {
    const t = transcriptOf(
      'v.txt',
      [
        'After mutual greetings Comrade Enver Hoxha informed the delegation of the harvest.',
        'Choe Yong-geon: Thank you.',
        'At the beginning of the long war the army was weak.',
        'At the outset of the conversation Comrade Enver Hoxha poses a question.',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.words])).toEqual([
      ['Enver Hoxha', 'reported', 6],
      ['Choe Yong-geon', 'direct', 2 + 11],
      ['Enver Hoxha', 'reported', 3],
    ]);
    expect(segmentsOf(t)[0]).toEqual(['label', 'After mutual greetings Comrade Enver Hoxha ']);
  });

  it('finds a keyword title on a line that starts with its date, without the date', () => {
    const t = transcriptOf(
      'd.txt',
      'April 03, 1963 Memorandum of Conversation between Enver Hoxha and Choe Yong-geon\n\nSize: px\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(t.metadata.title).toBe(
      'Memorandum of Conversation between Enver Hoxha and Choe Yong-geon',
    );
    expect(t.metadata.date).toBe('1963-04-03');
  });
});

describe('the development set, third round: general rules', () => {
  it('reads a date line of only a month and year at month precision, unless the record gives the day', () => {
    const month = transcriptOf(
      'm.txt',
      'April 1950\n\nRecord of a Conversation of Enver Hoxha with Choe Yong-geon\n\nHe served from March 5, 1947 to March 1949.\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(month.metadata.date).toBe('1950-04');
    expect(segmentsOf(month)[0]).toEqual(['header', 'April 1950']);
    const day = transcriptOf(
      'd.txt',
      'August 1961\n\nRecord of Conversations between Enver Hoxha and Choe Yong-geon\n\n17 August 1961\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(day.metadata.date).toBe('1961-08-17');
    // A month and year inside a sentence is not a date line.
    const prose = transcriptOf(
      'p.txt',
      'Record of a Conversation of Enver Hoxha with Choe Yong-geon\n\nThey met in April 1950 in Moscow.\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(prose.metadata.date).toBe('');
    expect([
      datePrecision('1950-04-02'),
      datePrecision('1950-04'),
      datePrecision('1950'),
      datePrecision(''),
    ]).toEqual(['day', 'month', 'year', '']);
  });

  it('credits a paragraph in the first person after "<Name> spoke …:" to that person', () => {
    const t = transcriptOf(
      'i.txt',
      [
        'The reception lasted for one hour. Comrade Enver Hoxha spoke during the reception:',
        'I welcome you to our country.',
        'It is good that we meet.',
        'Choe Yong-geon: Thank you.',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.words])).toEqual([
      ['Enver Hoxha', 'direct', 6 + 6],
      ['Choe Yong-geon', 'direct', 2],
    ]);
    expect(t.segments.find((s) => s.turn === 1 && s.kind === 'speech')).toMatchObject({
      rule: 'speech/introduced-by-narrative',
    });
    // Third person, or a paragraph opening with a quotation it does not close: narrative.
    for (const after of ['The delegation was tired.', '“We thank you.” Then he sat down.']) {
      const n = transcriptOf(
        'n.txt',
        `Comrade Enver Hoxha spoke during the reception:\n\n${after}`,
      );
      expect(n.turns).toEqual([]);
    }
  });

  it('reads a one-sentence paragraph narrating the people at the meeting inside a turn as narrative', () => {
    expect(
      narratesMeeting(
        'The interpreters Yang Ming Fu and Li Yue Zhen translate orally the excerpt.',
        false,
      ),
    ).toBe(true);
    expect(
      narratesMeeting('The Chinese paid greatest attention to the issue of detention.', false),
    ).toBe(true);
    // The note-taker's own "my" counts only when the record's narrative is in the first person.
    const mine =
      'The interpreters Yang Ming Fu and Li Yue Zhen translate the excerpt from my conversation.';
    expect(narratesMeeting(mine, true)).toBe(true);
    expect(narratesMeeting(mine, false)).toBe(false);
    for (const speech of [
      'The Soviet Union took the same position.',
      'The Americans want peace.',
      'The Americans paid no attention to our warnings.',
      'The Chinese paid attention. They also asked for more.',
      'The comrades agreed.',
      'The Chinese of the north paid little.',
    ])
      expect(narratesMeeting(speech, true), speech).toBe(false);
    const t = transcriptOf(
      'm.txt',
      [
        'Today, together with the ambassador, I paid a visit to Choe Yong-geon.',
        'Comrade Enver Hoxha: We would like to acquaint you with my conversation.',
        'The interpreters Yang Ming Fu and Li Yue Zhen translate orally the excerpt from my conversation.',
        'The Koreans paid greatest attention to the issue.',
        'Choe Yong-geon: It is clear.',
      ].join('\n\n'),
    );
    expect(turnsOf(t)).toEqual([
      ['Enver Hoxha', 9],
      ['Choe Yong-geon', 3],
    ]);
    expect(segmentsOf(t).filter(([k]) => k === 'narrative')).toHaveLength(3);
  });

  it('takes a first line shaped as an authored citation (people, quoted title, date) whole for the title', () => {
    const t = transcriptOf(
      'h.txt',
      'Enver Hoxha and Choe Yong-geon "Memorandum of Conversation," February 21, 1972, 2:50-3:55pm\n\nFebruary 21, 1972\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(t.metadata.title).toBe(
      'Enver Hoxha and Choe Yong-geon "Memorandum of Conversation," February 21, 1972, 2:50-3:55pm',
    );
    // A citation sentence that opens with the quoted title gives the quoted part.
    const cited = transcriptOf(
      'c.txt',
      '"Discussion between Enver Hoxha and Choe Yong-geon," October 02, 1959, History and Public Policy Program Digital Archive.\n\nComrade Enver Hoxha: Welcome.',
    );
    expect(cited.metadata.title).toBe('Discussion between Enver Hoxha and Choe Yong-geon');
  });

  it('takes a verbless parenthesis between the sentences of a turn for the note-taker’s aside', () => {
    const t = transcriptOf(
      'a.txt',
      'Comrade Enver Hoxha: Let us know. (Back to the press release) “Taking part were the two leaders.” Good (in the main) and (Back to work) fine.',
    );
    expect(segmentsOf(t)).toContainEqual(['stage', '(Back to the press release)']);
    // Inside a sentence, or with a verb, the parenthesis stays speech.
    expect(t.turns[0]!.text).toContain('(in the main)');
    expect(t.turns[0]!.text).toContain('(Back to work)');
    expect(verblessAside('Back to the press release')).toBe(true);
    for (const kept of [
      'This is important',
      'We agree',
      'Taiwan issues',
      '2 to 3 weeks',
      'as known',
    ])
      expect(verblessAside(kept), kept).toBe(false);
  });
});

describe('quotations inside a reported turn', () => {
  const text = [
    'Comrade Enver Hoxha: We welcome you.',
    'Choe Yong-geon: Greets the delegation and says that, as Lenin wrote, “the revolution is not made to order”; he calls the revisionists “traitors” and adds that “we will never give in to them.”',
  ].join('\n\n');

  it('marks each quotation of three words or more direct, as its own speech segment', () => {
    const t = transcriptOf('q.txt', text);
    const report = t.turns[1]!;
    expect(report).toMatchObject({ mode: 'reported', words: 31 });
    expect(report.quoted).toBe(
      '“the revolution is not made to order”\n\n“we will never give in to them.”',
    );
    expect(report.quotedWords).toBe(7 + 7);
    const quotes = t.segments.filter((s) => s.rule === 'speech/quotation-in-report');
    expect(quotes.map((s) => [s.kind, s.mode, s.turn, t.text.slice(s.start, s.end)])).toEqual([
      ['speech', 'direct', 2, '“the revolution is not made to order”'],
      ['speech', 'direct', 2, '“we will never give in to them.”'],
    ]);
    // A quoted term stays in the reported segment; the segments still tile the text.
    expect(segmentsOf(t)).toContainEqual([
      'speech',
      '; he calls the revisionists “traitors” and adds that ',
    ]);
    const ends = t.segments.map((s) => [s.start, s.end]);
    for (let i = 1; i < ends.length; i++) expect(ends[i]![0]).toBe(ends[i - 1]![1]);
    // A direct turn's quotations are left as they are.
    expect(t.turns[0]!.quoted).toBeUndefined();
  });

  it('counts the quotations as direct speech with --speech direct, the rest of the report not', () => {
    const t = transcriptOf('q.txt', text);
    expect(countedSpeech(t, 'all').turns).toBe(t.turns);
    expect(
      countedSpeech(t, 'direct').turns.map((u) => [u.speaker, u.mode, u.words, u.text]),
    ).toEqual([
      ['Enver Hoxha', 'direct', 3, 'We welcome you.'],
      [
        'Choe Yong-geon',
        'direct',
        14,
        '“the revolution is not made to order”\n\n“we will never give in to them.”',
      ],
    ]);
    // A report without quotations is left out.
    const plain = transcriptOf(
      'p.txt',
      'Choe Yong-geon: Greets the delegation and asks when it has arrived.',
    );
    expect(countedSpeech(plain, 'direct').turns).toEqual([]);
  });
});

describe('the second set of real records: general rules', () => {
  it('takes the note-taker’s attribution inserted in the speaker’s sentence for narrative', () => {
    const t = transcriptOf(
      'a.txt',
      'Comrade Enver Hoxha: [Greetings]\n\nAllow me, Enver Hoxha said, two words. I think, he [Hoxha] said, that it is so. Tito, Choe Yong-geon said, is a traitor.',
    );
    expect(segmentsOf(t).filter(([k]) => k === 'narrative')).toEqual([
      ['narrative', 'Enver Hoxha said,'],
      ['narrative', 'he [Hoxha] said,'],
    ]);
    // Another person named in the speaker's sentence is the speaker quoting them.
    expect(t.turns[0]!.text).toBe(
      'Allow me, two words. I think, that it is so. Tito, Choe Yong-geon said, is a traitor.',
    );
    expect(attributions('Yes, he said, no.', 'Enver Hoxha')).toEqual([]);
  });

  it('reads "<Name> praised …" and "When <-ing …>, <Name> said: “…”" as reports, quotations direct', () => {
    const t = transcriptOf(
      'r.txt',
      [
        'Comrade Enver Hoxha met the delegation on 28 October.',
        'Comrade Enver Hoxha praised the [Korean] army for its work.',
        'When discussing construction and war preparations, Comrade Enver Hoxha said: “we have built some [houses], but not enough.”',
      ].join('\n\n'),
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.words, u.quotedWords])).toEqual([
      ['Enver Hoxha', 'reported', 6, undefined],
      ['Enver Hoxha', 'reported', 8, 7],
    ]);
    // The quotation is direct across the editorial bracket inside it.
    expect(
      t.segments
        .filter((s) => s.rule === 'speech/quotation-in-report')
        .map((s) => t.text.slice(s.start, s.end)),
    ).toEqual(['“we have built some ', ', but not enough.”']);
    expect(t.turns[1]!.quoted).toBe('“we have built some, but not enough.”');
  });

  it('reads a last paragraph cut after a registered name and the first letters of a verb of saying as a new report', () => {
    const t = transcriptOf(
      'c.txt',
      'Search in\n\nComrade Enver Hoxha said that the harvest was good.\n\nComrade Enver Hoxha co',
    );
    expect(t.turns.map((u) => [u.speaker, u.mode, u.words])).toEqual([
      ['Enver Hoxha', 'reported', 6],
      ['Enver Hoxha', 'reported', 1],
    ]);
    // Not after a name the registry does not know ("Search in"), nor with letters no verb of saying begins with.
    expect(transcriptOf('d.txt', 'Search in').turns).toEqual([]);
    const x = transcriptOf(
      'x.txt',
      'Comrade Enver Hoxha said that it was good.\n\nComrade Enver Hoxha xy',
    );
    expect(x.turns.map((u) => u.words)).toEqual([5 + 4]);
  });
});
