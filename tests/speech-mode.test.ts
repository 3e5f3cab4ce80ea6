/**
 * --speech (issue "Real records of conversation"): the analyses count direct
 * and reported speech by default and say so; --speech direct leaves the
 * note-taker's reports out of every count, rate and figure, while the
 * transcript tables still show every turn.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../pipeline/csv.js';
import { corpusWithShippedConfig, runCli } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'atr-speech-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const RECORD = `June 6, 1959

Record of a Meeting

Comrade Enver Hoxha: We welcome you warmly, dear comrades, and we fight the revisionists together.

Comrade Mao Zedong: Greets the delegation and asks when it has arrived and whether the journey through Moscow was tiring.

Comrade Enver Hoxha: The journey was long but good.
`;

function run(out: string, ...extra: string[]) {
  const r = runCli([
    '--quiet',
    '--no-cache',
    '--corpus',
    join(work, 'corpus'),
    '--out',
    out,
    ...extra,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const table = (name: string) => parseCsv(readFileSync(join(out, 'data', name), 'utf8'));
  return {
    table,
    html: readFileSync(join(out, 'index.html'), 'utf8'),
    manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')),
  };
}

describe('--speech', () => {
  let all: ReturnType<typeof run>;
  let direct: ReturnType<typeof run>;
  beforeAll(() => {
    corpusWithShippedConfig(join(work, 'corpus'), { 'a.txt': RECORD });
    all = run(join(work, 'all'));
    direct = run(join(work, 'direct'), '--speech', 'direct');
  }, 240_000);

  it('reads the middle turn as reported speech; turns.csv keeps every turn either way', () => {
    for (const r of [all, direct])
      expect(r.table('turns.csv').map((t) => [t.speaker, t.mode])).toEqual([
        ['Enver Hoxha', 'direct'],
        ['Mao Zedong', 'reported'],
        ['Enver Hoxha', 'direct'],
      ]);
  });

  it('counts both by default and says so; with direct, the report is left out and said to be', () => {
    const stats = (r: typeof all) =>
      Object.fromEntries(r.table('turn_stats.csv').map((s) => [s.speaker, Number(s.words)]));
    expect(stats(all)['Mao Zedong']).toBeGreaterThan(10);
    expect(stats(direct)['Mao Zedong']).toBeUndefined();
    expect(stats(direct)['Enver Hoxha']).toBe(stats(all)['Enver Hoxha']);
    const terms = (r: typeof all) => r.table('terms.csv').map((t) => t.term);
    expect(terms(all)).toContain('journey');
    expect(terms(all)).toContain('moscow');
    expect(terms(direct)).not.toContain('moscow');
    expect(all.manifest.configuration.speech).toEqual({
      counted: 'all',
      turns: 3,
      reported_turns: 1,
      reported_words: expect.any(Number),
    });
    expect(direct.manifest.configuration.speech.counted).toBe('direct');
    expect(all.html).toContain('the counts, rates and figures include them with the direct speech');
    expect(direct.html).toContain(
      'these were left out of every count, rate and figure (--speech direct)',
    );
  });

  it('a bad value is a usage error', () => {
    const r = runCli(['--speech', 'some']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--speech expects all or direct');
  });
});
