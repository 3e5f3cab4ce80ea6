import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableSpecs } from '../analyses/index.js';
import type { TurnStatRow } from '../analyses/types.js';
import { toCsv } from '../pipeline/csv.js';
import { loadResults, readTable } from '../pipeline/results.js';

const dir = mkdtempSync(join(tmpdir(), 'atr-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columns = (name: string) =>
  tableSpecs()
    .find((t) => t.name === name)!
    .columns.map((c) => c.name);

const stat = (doc_id: string, speaker: string, side: string, words: number): TurnStatRow => ({
  doc_id,
  date: '1961-02-10',
  speaker,
  side,
  turns: 2,
  words,
  share_turns: 0.5,
  share_words: 0.25,
  mean_turn_words: words / 2,
  longest_turn_words: words,
  opens: speaker === 'A',
  closes: false,
});

describe('loadResults', () => {
  const data = join(dir, 'reports', 'data');
  mkdirSync(data, { recursive: true });
  const stats = [
    stat('d1', 'A', 'Albania', 10),
    stat('d1', 'B', 'DPRK', 30),
    stat('d2', 'A', 'Albania', 20),
  ];
  writeFileSync(
    join(data, 'turn_stats.csv'),
    toCsv(stats, columns('turn_stats') as Array<keyof TurnStatRow>),
  );
  writeFileSync(
    join(data, 'lexical_diversity.csv'),
    'doc_id,date,speaker,side,tokens,types,mattr\nd1,1961-02-10,A,Albania,120,80,0.71\nd1,1961-02-10,B,DPRK,12,10,\n',
  );

  it('gives a DataFrame of each table the run wrote, in the declared column order', async () => {
    const r = await loadResults(join(dir, 'reports'));
    expect([...r.keys()].sort()).toEqual(['lexical_diversity', 'turn_stats']);
    const ts = r.get('turn_stats')!;
    expect(ts.shape).toEqual([3, columns('turn_stats').length]);
    expect(ts.columns).toEqual(columns('turn_stats'));
    // Numbers are numbers, booleans booleans, text stays text.
    expect(ts.groupby(['side']).col(['words']).sum().values).toEqual([
      ['Albania', 30],
      ['DPRK', 30],
    ]);
    expect(ts.column('opens').values).toEqual([true, false, true]);
    expect(ts.column('date').values).toEqual(['1961-02-10', '1961-02-10', '1961-02-10']);
    // The data folder itself will do too.
    expect([...(await loadResults(data)).keys()].sort()).toEqual([
      'lexical_diversity',
      'turn_stats',
    ]);
  });

  it('reads an empty cell as a missing value', () => {
    const rows = readTable(join(data, 'lexical_diversity.csv'), columns('lexical_diversity'));
    expect(rows.map((r) => r[6])).toEqual([0.71, null]);
  });

  it('names the file and the column a table lacks', () => {
    const path = join(dir, 'broken.csv');
    writeFileSync(path, 'doc_id,date\nd1,1961\n');
    expect(() => readTable(path, ['doc_id', 'speaker'])).toThrow(
      `${path}: expected a column "speaker", found doc_id, date`,
    );
  });
});
