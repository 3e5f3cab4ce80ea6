import { describe, expect, it } from 'vitest';
import { loadCorpusConfig } from '../pipeline/corpus-config.js';
import { ConfigError } from '../pipeline/errors.js';
import { createResolver, loadRegistry } from '../pipeline/registry.js';

const thrown = (f: () => unknown): ConfigError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('speakers.yaml', () => {
  it('resolves names, aliases and honorifics regardless of case, hyphens and spacing', () => {
    const reg = loadRegistry(
      'speakers:\n  - name: Choe Yong-geon\n    side: DPRK\n    aliases: [Choe Yong Gon]\n',
    );
    const resolve = createResolver(reg);
    for (const label of [
      'Comrade Choe Yong-geon',
      'Choe Yong Gon',
      'CHOE YONG-GEON',
      'Comrade Choe Yong Gon',
    ]) {
      expect(resolve(label)?.name).toBe('Choe Yong-geon');
    }
    expect(resolve('Comrade Kim')).toBeUndefined();
  });

  it('reports malformed YAML with file, line and what was expected', () => {
    const e = thrown(() =>
      loadRegistry('speakers:\n  - name: A\n    side: [DPRK\n  - name: B\n', 'speakers.yaml'),
    );
    expect(e.file).toBe('speakers.yaml');
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^speakers\.yaml:\d+: malformed YAML: /);
  });

  it('reports a speaker without a side at its line', () => {
    const e = thrown(() =>
      loadRegistry('speakers:\n  - name: A\n    side: Albania\n  - name: B\n    role: x\n'),
    );
    expect(e.message).toBe('speakers.yaml:4: expected "side" for B, found nothing');
  });

  it('refuses a name given to two speakers', () => {
    const e = thrown(() =>
      loadRegistry(
        'speakers:\n  - {name: A B, side: x}\n  - {name: C D, side: y, aliases: [A B]}\n',
      ),
    );
    expect(e.message).toContain('found "A B" for both A B and C D');
  });
});

describe('speakers.yaml sides', () => {
  const speakers =
    'speakers:\n  - {name: A, side: USSR}\n  - {name: B, side: PRC}\n  - {name: C, side: USSR}\n  - {name: D, side: Unknown}\n';

  it('declares the sides in the order the speakers first give them', () => {
    expect(loadRegistry(speakers).sides).toEqual({ declared: ['USSR', 'PRC'], chosen: new Map() });
  });

  it("puts a sides: list first, with its colours, then the speakers' other sides", () => {
    const reg = loadRegistry(`${speakers}sides:\n  - name: PRC\n    colour: "#cc79a7"\n  - Cuba\n`);
    expect(reg.sides).toEqual({
      declared: ['PRC', 'Cuba', 'USSR'],
      chosen: new Map([['PRC', '#CC79A7']]),
    });
  });

  it.each([
    ['sides: PRC\n', 'speakers.yaml:6: expected "sides" to be a list of sides'],
    [
      'sides:\n  - name: PRC\n    colour: #CC79A7\n',
      'speakers.yaml:8: expected "colour" of PRC as "#RRGGBB" in quotes (an unquoted # starts a comment), found nothing',
    ],
    [
      'sides:\n  - name: PRC\n    colour: red\n',
      'speakers.yaml:8: expected "colour" of PRC as "#RRGGBB"',
    ],
    [
      'sides:\n  - name: PRC\n    color: "#CC79A7"\n',
      'speakers.yaml:8: expected only "name" and "colour" in a side, found "color" (spelled "colour" here)',
    ],
    [
      'sides:\n  - PRC\n  - name: PRC\n',
      'speakers.yaml:8: expected each side once, found "PRC" twice',
    ],
    ['sides:\n  - Unknown\n', 'speakers.yaml:7: expected a side other than "Unknown"'],
    ['sides:\n  - [PRC]\n', 'speakers.yaml:7: expected a side: its name, or a mapping'],
    [
      'sides:\n  - {name: PRC, colour: "#CC79A7"}\n  - {name: USSR, colour: "#cc79a7"}\n',
      'speakers.yaml:8: expected each side its own colour, found #CC79A7 for both PRC and USSR',
    ],
  ])('refuses %j at its line', (block, message) => {
    expect(thrown(() => loadRegistry(speakers + block)).message).toContain(message);
  });
});

describe('corpus.yaml', () => {
  it('reads per-file overrides', () => {
    const m = loadCorpusConfig('documents:\n  a.txt:\n    date: 1961-02-10\n    title: T\n');
    expect(m.get('a.txt')).toEqual({ date: '1961-02-10', title: 'T' });
  });

  it('takes a date of only a month or a year when that is all that is known', () => {
    const m = loadCorpusConfig(
      'documents:\n  a.txt:\n    date: 1950-04\n  b.txt:\n    date: 1950\n',
    );
    expect(m.get('a.txt')).toEqual({ date: '1950-04' });
    expect(m.get('b.txt')).toEqual({ date: '1950' });
    expect(() => loadCorpusConfig('documents:\n  a.txt:\n    date: 1950-13\n')).toThrow(
      /corpus\.yaml:3: expected "date" as YYYY-MM-DD/,
    );
  });

  it('names the line of an unknown field or a bad date', () => {
    expect(thrown(() => loadCorpusConfig('documents:\n  a.txt:\n    titel: T\n')).message).toBe(
      'corpus.yaml:3: expected one of date, title, summary, archiveRef, translator, sourceUrl, participants; found "titel"',
    );
    expect(
      thrown(() => loadCorpusConfig('documents:\n  a.txt:\n    date: 10 Feb 1961\n')).message,
    ).toBe(
      'corpus.yaml:3: expected "date" as YYYY-MM-DD (or YYYY-MM, YYYY when only the month or year is known), found "10 Feb 1961"',
    );
  });

  it('reports malformed YAML with its line', () => {
    const e = thrown(() => loadCorpusConfig('documents:\n  a.txt: {title: "x"\n'));
    expect(e.message).toMatch(/^corpus\.yaml:\d+: malformed YAML/);
  });
});

describe('YAML alias bombs', () => {
  // Five lines that would expand to 9^5 values: the parser refuses them, and
  // the refusal must read like any other configuration error.
  const bomb = [
    'speakers: []',
    'a: &a [x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    '',
  ].join('\n');

  it('is a ConfigError naming the file and the line of the first alias', () => {
    const e = thrown(() => loadRegistry(bomb, 'speakers.yaml'));
    expect(e.file).toBe('speakers.yaml');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(
      /^speakers\.yaml:3: malformed YAML: its 36 aliases .* too many values/,
    );
    expect(e.message).not.toMatch(/resource exhaustion|ReferenceError/);
  });

  it('leaves ordinary aliases alone', () => {
    const r = loadRegistry(
      'side: &s Albania\nspeakers:\n  - {name: A B, side: *s}\n  - {name: C D, side: *s}\n',
    );
    expect(r.speakers.map((s) => s.side)).toEqual(['Albania', 'Albania']);
  });
});
