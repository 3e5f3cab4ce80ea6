import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../pipeline/registry.js';
import { innerSpans } from '../pipeline/segment.js';
import { FIXTURES, segmentsOf, transcriptOf } from './helpers.js';

const tiny = readFileSync(join(FIXTURES, 'tiny', 'raw_meeting.txt'), 'utf8');

describe('segment', () => {
  const t = transcriptOf('1960-03-03_tiny.txt', tiny);

  it('classifies every paragraph and span', () => {
    expect(segmentsOf(t)).toEqual([
      ['header', 'March 3, 1960'],
      ['header', 'Report on a Meeting between Enver Hoxha and Choe Yong-geon'],
      ['header', 'Summary:'],
      [
        'header',
        'They discuss friendship and the struggle against the revisionists in some detail.',
      ],
      ['narrative', 'The meeting took place at the CC. Comrade '],
      ['editorial', '[Chairman of the Council of Ministers]'],
      ['narrative', ' Mehmet Shehu was present.'],
      ['label', 'Comrade Enver Hoxha: '],
      ['speech', 'Welcome, dear comrades. '],
      ['stage', '(Laughter)'],
      ['speech', ' We are glad.'],
      [
        'speech',
        'Our friendship is truly a great gain for Albania because it is Marxist - Leninist.',
      ],
      ['speech', 'Citation: this is not a speaker.'],
      ['label', 'Choe Yong Gon: '],
      ['speech', 'Thank you '],
      ['editorial', '[sic]'],
      ['speech', '. The revisionists are our enemies (as you know).'],
      ['stage', '(“Yes,” answered the Albanian comrades.)'],
      ['label', 'Comrade Enver Hoxha: '],
      ['speech', 'Let us drink a toast.'],
      ['trailer', 'Note taker,'],
      ['trailer', 'Haxhi Kroi'],
      ['trailer', 'Date January 21, 1969'],
    ]);
  });

  it('builds turns of speech only, resolved through the registry', () => {
    expect(t.turns.map((u) => [u.turn, u.speaker, u.side, u.label, u.words, u.text])).toEqual([
      [
        1,
        'Enver Hoxha',
        'Albania',
        'Comrade Enver Hoxha',
        25,
        'Welcome, dear comrades. We are glad.\n\nOur friendship is truly a great gain for Albania because it is Marxist - Leninist.\n\nCitation: this is not a speaker.',
      ],
      [
        2,
        'Choe Yong-geon',
        'DPRK',
        'Choe Yong Gon',
        10,
        'Thank you. The revisionists are our enemies (as you know).',
      ],
      [3, 'Enver Hoxha', 'Albania', 'Comrade Enver Hoxha', 5, 'Let us drink a toast.'],
    ]);
    expect(t.speakers).toEqual(['Enver Hoxha', 'Choe Yong-geon']);
    expect(t.diagnostics.map((d) => d.rule)).toEqual([
      'describe/no-archiveRef',
      'describe/no-translator',
      // "(as you know)" stays speech and is listed for audit.
      'segment/parenthesis-speech',
    ]);
  });

  it('finds the meeting date in the front matter, not the typing date in the trailer', () => {
    expect(t.metadata).toMatchObject({
      date: '1960-03-03',
      title: 'Report on a Meeting between Enver Hoxha and Choe Yong-geon',
      summary: 'They discuss friendship and the struggle against the revisionists in some detail.',
      participants: ['Enver Hoxha', 'Choe Yong-geon', 'Mehmet Shehu'],
    });
  });

  it('turns an unregistered speaker label into a new speaker with a warning', () => {
    const u = transcriptOf(
      'x.txt',
      'May 1, 1962\n\nComrade Enver Hoxha: Hello.\n\nComrade Pak Song-chol: Greetings to you.\n\nComrade Pak Song-chol: Again.',
    );
    expect(u.turns.map((x) => [x.speaker, x.side])).toEqual([
      ['Enver Hoxha', 'Albania'],
      ['Pak Song-chol', 'Unknown'],
      ['Pak Song-chol', 'Unknown'],
    ]);
    const warnings = u.diagnostics.filter((d) => d.rule === 'segment/unregistered-speaker');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'raw/x.txt', line: 5 });
    expect(warnings[0]!.message).toContain('speakers.yaml');
  });

  it('never takes header words or sentences for speakers', () => {
    const u = transcriptOf(
      'h.txt',
      'Citation:\n\nSummary: a summary.\n\nCredits: none\n\nThe problem is this: nothing.\n\nKorea: a country.',
    );
    expect(u.turns).toEqual([]);
    expect(u.diagnostics.map((d) => d.rule)).toContain('segment/no-speaker-labels');
  });

  it("finds editorial brackets inside the speaker's own parenthesis", () => {
    const u = transcriptOf('b.txt', 'Comrade Enver Hoxha: We said (in 1956 [sic]) the same.');
    expect(segmentsOf(u)).toEqual([
      ['label', 'Comrade Enver Hoxha: '],
      ['speech', 'We said (in 1956 '],
      ['editorial', '[sic]'],
      ['speech', ') the same.'],
    ]);
    expect(u.turns[0]!.text).toBe('We said (in 1956) the same.');
  });

  it('warns when no date is found', () => {
    const u = transcriptOf('n.txt', 'Comrade Enver Hoxha: No date here.');
    expect(u.metadata.date).toBe('');
    expect(u.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'raw/n.txt', rule: 'describe/no-date', severity: 'warning' }),
    );
  });

  it('is lossless: segments tile the normalised text exactly (property)', () => {
    const pieces = fc.constantFrom(
      'Comrade Enver Hoxha: ',
      'Choe Yong Gon: ',
      'Ambassador X Y: ',
      'Summary:',
      'We agree',
      '.',
      ' ',
      '\n\n',
      '\n',
      '[sic]',
      '(Laughter)',
      '(as you know)',
      '(',
      ')',
      '[',
      ']',
      'Haxhi Kroi',
      'Note taker,',
      'June 6, 1959',
      'and',
      '“Yes,” answered the comrades.',
      '[1] Translator’s note: x',
      'Document Information',
    );
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 50 }), (parts) => {
        const text = parts.join('');
        if (text.trim() === '') return;
        const u = transcriptOf('p.txt', text);
        let at = 0;
        for (const s of u.segments) {
          expect(s.start).toBe(at);
          expect(s.end).toBeGreaterThan(s.start);
          at = s.end;
        }
        expect(at).toBe(u.text.length);
        for (const turn of u.turns) expect(turn.text).not.toMatch(/\[[^\]\n]*\]|\(Laughter\)/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('innerSpans (the [..] and (..) scanner)', () => {
  /** The regex the scanner replaces, stepped as segment stepped it: into each parenthesis. */
  const byRegex = (body: string) => {
    const out: Array<{ index: number; end: number }> = [];
    const inner = /\[[^\]\n]*\]|\([^()\n]*\)/g;
    for (let m = inner.exec(body); m !== null; m = inner.exec(body)) {
      out.push({ index: m.index, end: m.index + m[0].length });
      inner.lastIndex = m.index + 1;
    }
    return out;
  };

  it('finds what the regex finds, in the same order', () => {
    const text = fc
      .array(fc.constantFrom('[', ']', '(', ')', '\n', 'a', ' '), { maxLength: 40 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, (body) => {
        expect(innerSpans(body)).toEqual(byRegex(body));
      }),
    );
  });

  it('keeps a bracket that closes after a newline-free run of other brackets', () => {
    expect(innerSpans('[a [b] c] (d (e) f')).toEqual([
      { index: 0, end: 6 },
      { index: 3, end: 6 },
      { index: 13, end: 16 },
    ]);
  });

  it('visits each character once: an unclosed "[" per word costs no rescans', () => {
    // The regex rescanned to the end of the line from every "[" (quadratic);
    // the scanner keeps no span for an unclosed bracket.
    expect(innerSpans('[a '.repeat(2000))).toEqual([]);
  });
});

describe('many unregistered speaker labels', () => {
  // Invented names: capitalised letter words, so each is a plausible label.
  const name = (i: number) =>
    `Kx${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} Speaker`;
  const text = (n: number) =>
    `March 3, 1960\n\n${Array.from({ length: n }, (_, i) => `${name(i)}: We agree.`).join('\n\n')}\n`;

  it('warns one by one about the first 20, then once for the rest, with its line', () => {
    const t = transcriptOf('many.txt', text(50));
    const warned = t.diagnostics.filter((d) => d.rule === 'segment/unregistered-speaker');
    expect(warned).toHaveLength(21);
    expect(warned[0]!.message).toContain(`"${name(0)}"`);
    expect(warned[20]!.message).toMatch(/^30 more speaker labels not in speakers\.yaml/);
    expect(warned[20]!.line).toBe(43);
    // Every label is still a speaker of its own.
    expect(t.speakers).toHaveLength(50);
    expect(t.turns).toHaveLength(50);
  });
});

describe('a file holding several records', () => {
  it('warns how much after the first trailer was not analysed, and from which line', () => {
    const t = transcriptOf('two.txt', `${tiny}\n${tiny}`);
    const w = t.diagnostics.filter((d) => d.rule === 'segment/unanalysed-records');
    expect(w).toHaveLength(1);
    const second = t.text.lastIndexOf('March 3, 1960');
    const rest = t.text.length - second;
    expect(w[0]!.line).toBe(tiny.split('\n').length + 1);
    expect(w[0]!.message).toMatch(
      new RegExp(
        `^${rest} characters \\(\\d+ words, ${((100 * rest) / t.text.length).toFixed(1)}% of the text\\) from this line on were not analysed`,
      ),
    );
    // What the warning is about: the second record's turns are not counted.
    expect(t.turns).toEqual(
      transcriptOf('one.txt', tiny).turns.map((x) => ({ ...x, docId: 'two' })),
    );
  });

  it('says nothing about a single record or the shipped ones', () => {
    const files = readdirSync('corpus/raw').map((f) => readFileSync(join('corpus/raw', f), 'utf8'));
    for (const text of [tiny, ...files]) {
      const t = transcriptOf(
        'one.txt',
        text,
        loadRegistry(readFileSync('corpus/speakers.yaml', 'utf8')),
      );
      expect(t.diagnostics.filter((d) => d.rule === 'segment/unanalysed-records')).toEqual([]);
    }
  });
});
