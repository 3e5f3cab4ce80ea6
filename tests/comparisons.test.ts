import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comparisonsText, defaultPeriods, resolveComparisons } from '../analyses/comparisons.js';
import { comparisonDiagnostics, loadComparisons } from '../pipeline/comparisons-config.js';

const unit = (side: string, words: number, date: string) => ({ side, words, date });

describe('loadComparisons (corpus.yaml comparisons:)', () => {
  it('reads the shipped corpus.yaml: Albania vs DPRK, 1959-1961 vs 1964-1966', () => {
    const text = readFileSync(new URL('../corpus/corpus.yaml', import.meta.url), 'utf8');
    expect(loadComparisons(text)).toEqual({
      sides: {
        target: { name: 'Albania', sides: ['Albania'] },
        reference: { name: 'DPRK', sides: ['DPRK'] },
      },
      periods: {
        target: { name: '1959-1961', from: '1959-01-01', to: '1961-12-31' },
        reference: { name: '1964-1966', from: '1964-01-01', to: '1966-12-31' },
      },
    });
  });

  it('takes lists of sides, months and days, and names periods by their ends when unnamed', () => {
    const c = loadComparisons(
      [
        'comparisons:',
        '  sides:',
        '    target: [China, USSR]',
        '    reference: USA',
        '  periods:',
        '    target: { from: 1958-02, to: 1960-02 }',
        '    reference: { from: 1970-01-05, to: 1972-12-31 }',
      ].join('\n'),
    );
    expect(c?.sides?.target).toEqual({ name: 'China + USSR', sides: ['China', 'USSR'] });
    expect(c?.periods?.target).toEqual({
      name: '1958-02 to 1960-02',
      from: '1958-02-01',
      to: '1960-02-29',
    });
    expect(c?.periods?.reference.name).toBe('1970-01-05 to 1972-12-31');
  });

  it('is undefined when corpus.yaml has no comparisons', () => {
    expect(loadComparisons('documents:\n  a.txt:\n    title: x\n')).toBeUndefined();
    expect(loadComparisons('')).toBeUndefined();
  });

  it.each([
    [
      'comparisons:\n  sides:\n    target: Albania\n    refrence: DPRK\n',
      'corpus.yaml:4: expected one of target, reference under comparisons.sides; found "refrence"',
    ],
    [
      'comparisons:\n  sides:\n    target: Albania\n    reference: [DPRK, Albania]\n',
      'corpus.yaml:4: expected target and reference to be different sides; Albania is in both',
    ],
    [
      'comparisons:\n  periods:\n    target: { from: 1959, to: 1961 }\n    reference: { from: 1961-06, to: 1966 }\n',
      'corpus.yaml:4: expected two periods that do not overlap; 1959-01-01 to 1961-12-31 and 1961-06-01 to 1966-12-31 share days',
    ],
    [
      'comparisons:\n  periods:\n    target: { from: 1959, to: 1961-02-30 }\n    reference: { from: 1964, to: 1966 }\n',
      'corpus.yaml:3: expected "to" as a year, YYYY-MM or YYYY-MM-DD, found "1961-02-30"',
    ],
    [
      'comparisons:\n  periods:\n    target: { from: 1961, to: 1959 }\n    reference: { from: 1964, to: 1966 }\n',
      'corpus.yaml:3: expected the target period to end on or after 1961-01-01, found 1959-12-31',
    ],
    [
      'comparisons:\n  sides: Albania\n',
      'corpus.yaml:2: expected "comparisons.sides" (target and reference) as a mapping, found string "Albania"',
    ],
  ])('stops with file and line on bad input %#', (text, message) => {
    expect(() => loadComparisons(text)).toThrow(message);
  });
});

describe('resolveComparisons: the documented default when corpus.yaml says nothing', () => {
  it('takes the two sides with the most words, larger first, and leaves "Unknown" out', () => {
    const c = resolveComparisons(undefined, [
      unit('Unknown', 5000, '1960-01-01'),
      unit('DPRK', 300, '1960-01-01'),
      unit('Albania', 200, '1961-01-01'),
      unit('DPRK', 100, '1962-01-01'),
    ]);
    expect(c.sides?.target.name).toBe('DPRK');
    expect(c.sides?.reference.name).toBe('Albania');
    expect(c.sides?.source).toBe('default');
    expect(c.sides?.left_out).toEqual(['Unknown']);
  });

  it('with three sides compares the two largest and says the third is left out', () => {
    const units = [
      unit('USSR', 900, '1958-01-01'),
      unit('China', 1200, '1959-01-01'),
      unit('USA', 300, '1972-01-01'),
    ];
    const c = resolveComparisons(undefined, units);
    expect([c.sides?.target.name, c.sides?.reference.name]).toEqual(['China', 'USSR']);
    expect(c.sides?.left_out).toEqual(['USA']);
    const d = comparisonDiagnostics(c, units);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ rule: 'config/comparison-sides-left-out', severity: 'warning' });
    expect(d[0]!.message).toContain('USA spoke too but is in no side comparison');
    expect(comparisonsText(c)).toContain('USA is in no side comparison');
    expect(comparisonsText(c)).toContain('the two sides that spoke the most words');
  });

  it('splits the dated span into thirds and keeps the outer two', () => {
    // 1959-06-06 … 1966-09-07 is 2,650 days; a third is 883 (1959-06-06 + 883 = 1961-11-05,
    // 1966-09-07 − 883 = 1964-04-07). The shipped records fall in the same two groups as
    // with the configured 1959-1961 and 1964-1966.
    expect(defaultPeriods(['1959-06-06', '1966-09-07', '', '1961-02-10'])).toEqual({
      target: { name: '1959-06-06 to 1961-11-05', from: '1959-06-06', to: '1961-11-05' },
      reference: { name: '1964-04-07 to 1966-09-07', from: '1964-04-07', to: '1966-09-07' },
    });
    // No span, no period comparison.
    expect(defaultPeriods(['1960-01-01', '1960-01-01', 'undated'])).toBeUndefined();
    expect(resolveComparisons(undefined, [unit('A', 10, '1960-01-01')])).toEqual({});
  });

  it('keeps configured parts and warns about a configured side or period without speech', () => {
    const units = [unit('Albania', 100, '1960-01-01'), unit('DPRK', 100, '1965-01-01')];
    const c = resolveComparisons(
      {
        sides: {
          target: { name: 'Albania', sides: ['Albania'] },
          reference: { name: 'China', sides: ['China'] },
        },
        periods: {
          target: { name: 'early', from: '1950-01-01', to: '1955-12-31' },
          reference: { name: 'late', from: '1964-01-01', to: '1966-12-31' },
        },
      },
      units,
    );
    expect(c.sides?.source).toBe('corpus.yaml');
    expect(c.sides?.left_out).toEqual(['DPRK']);
    const rules = comparisonDiagnostics(c, units).map((d) => [d.rule, d.severity]);
    expect(rules).toEqual([
      ['config/comparison-sides-left-out', 'info'],
      ['config/comparison-side-silent', 'warning'],
      ['config/comparison-period-empty', 'warning'],
    ]);
    expect(comparisonsText(c)).toContain('early (1950-01-01 to 1955-12-31)');
    expect(comparisonsText(c)).toContain('as set in corpus.yaml');
  });
});
