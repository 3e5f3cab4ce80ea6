import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../pipeline/csv.js';
import { corpusWithShippedConfig, REPO, runBuiltPipeline } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'comparisons-e2e-'));
const raw = Object.fromEntries(
  readdirSync(join(REPO, 'corpus', 'raw')).map((f) => [
    f,
    readFileSync(join(REPO, 'corpus', 'raw', f)),
  ]),
);

let derived: Map<string, string>;
beforeAll(async () => {
  // The shipped records and configuration, without corpus.yaml (so without comparisons:).
  const dir = corpusWithShippedConfig(join(work, 'bare'), raw);
  derived = new Map();
  await runBuiltPipeline({
    corpus: dir,
    scratchDir: work,
    emit: (name, content) => {
      if (typeof content === 'string') derived.set(name, content);
    },
  });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rowsOf = (name: string) => parseCsv(derived.get(name)!);

describe('the shipped records without comparisons: in corpus.yaml', () => {
  it('derives the same sides and the same two groups of meetings as the shipped configuration', () => {
    const comparisons = new Set(rowsOf('data/keyness.csv').map((r) => r.comparison));
    expect(comparisons).toContain('side:Albania vs DPRK');
    expect(comparisons).toContain('period:1959-06-06 to 1961-11-05 vs 1964-04-07 to 1966-09-07');
    // The 1959 and 1961 meetings fall in the first third, the 1964 and 1966 ones in the last.
    const manifest = JSON.parse(derived.get('manifest.json')!) as {
      configuration: {
        comparisons: {
          periods: {
            target: { from: string; to: string };
            reference: { from: string; to: string };
            source: string;
          };
        };
      };
    };
    const p = manifest.configuration.comparisons.periods;
    expect(p.source).toBe('default');
    for (const d of rowsOf('data/documents.csv')) {
      const inFirst = d.date! >= p.target.from && d.date! <= p.target.to;
      const inLast = d.date! >= p.reference.from && d.date! <= p.reference.to;
      expect([inFirst, inLast], d.date).toEqual([d.date! < '1962', d.date! > '1963']);
    }
    expect(derived.get('index.html')).toContain(
      'the two sides that spoke the most words (no comparisons.sides in corpus.yaml)',
    );
    expect(rowsOf('figures/keyness-periods.csv')[0]!.key_for).toBe('1959-06-06 to 1961-11-05');
  });
});
