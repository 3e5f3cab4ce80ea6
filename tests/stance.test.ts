import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../analyses/index.js';
import { sentimentMethods } from '../analyses/sentiment/analysis.js';
import { parseStance, type StanceSummary, stanceText } from '../analyses/sentiment/stance.js';
import { parseOptions } from '../pipeline/bench/cli.js';
import { pearsonInterval, wilsonInterval } from '../pipeline/bench/stance.js';
import { buildFixture } from './fixtures/report/fixture.js';

// The committed result of `npm run bench -- --stance --write-stance` (the tests
// never read the benchmark data itself).
const committed = parseStance(
  readFileSync(new URL('../analyses/sentiment/stance.json', import.meta.url), 'utf8'),
)!;
const project = committed.scorers.find((s) => s.scorer === 'project')!;

describe('the committed stance result', () => {
  it('holds every scorer with intervals around its figures', () => {
    expect(committed.scorers.map((s) => s.scorer)).toEqual(['project', 'wink', 'vader', 'afinn']);
    expect(committed.for + committed.against).toBe(committed.n);
    for (const s of committed.scorers) {
      expect(s.n).toBe(committed.n);
      expect(s.pearson_ci[0]).toBeLessThan(s.pearson);
      expect(s.pearson_ci[1]).toBeGreaterThan(s.pearson);
      expect(s.sign_accuracy_ci[0]).toBeLessThan(s.sign_accuracy);
      expect(s.sign_accuracy_ci[1]).toBeGreaterThan(s.sign_accuracy);
    }
  });
});

describe('stanceText', () => {
  it('states the measured figures of the file, with their intervals', () => {
    const t = stanceText(committed);
    const f = (x: number) => (x < 0 ? `−${Math.abs(x).toFixed(3)}` : x.toFixed(3));
    expect(t).toContain(`r = ${f(project.pearson)}`);
    expect(t).toContain(`${f(project.pearson_ci[0])} to ${f(project.pearson_ci[1])}`);
    expect(t).toContain(`${(100 * project.sign_accuracy).toFixed(1)}% of the speeches`);
    expect(t).toContain(committed.n.toLocaleString('en-US'));
    // The committed result is at chance (both intervals cover chance), and the text says so.
    expect(project.pearson_ci[0]).toBeLessThan(0);
    expect(project.pearson_ci[1]).toBeGreaterThan(0);
    expect(t).toContain('no better than chance');
    expect(t).toContain("says nothing about the speaker's attitude");
  });

  it('does not call a scorer at chance when its intervals exclude chance', () => {
    const better: StanceSummary = {
      ...committed,
      scorers: [
        {
          scorer: 'project',
          n: 1000,
          pearson: 0.3,
          pearson_ci: [0.24, 0.36],
          sign_accuracy: 0.66,
          sign_accuracy_ci: [0.63, 0.69],
        },
      ],
    };
    const t = stanceText(better);
    expect(t).not.toContain('no better than chance');
    expect(t).not.toContain('says nothing');
    expect(t).toContain('r = 0.300');
    expect(t).toContain('weak, indirect sign');
  });

  it('says the relation was not measured when there is no result', () => {
    expect(stanceText(undefined)).toContain('has not been measured');
    expect(parseStance('{"n": 3}')).toBeUndefined();
    expect(parseStance('not json')).toBeUndefined();
  });
});

describe('the target figure and the methods paragraph cite the result', () => {
  it('names the figure for what it measures and puts the stance result in its caption', () => {
    const fixture = buildFixture();
    const fig = buildFigures(fixture.tables, { stance: committed }).find(
      (f) => f.id === 'target-tone',
    )!;
    expect(fig.title).toBe('Tone of the sentences that mention each target, per year');
    expect(fig.caption).toContain("not the speakers' attitude toward it");
    expect(fig.caption).toContain(stanceText(committed));
    expect(fig.title).not.toMatch(/toward/i);
  });

  it('puts the stance sentence in the methods paragraph', () => {
    expect(sentimentMethods([], undefined, new Map(), committed)).toContain(stanceText(committed));
  });
});

describe('interval helpers', () => {
  it('Fisher-z interval of r and Wilson interval of a proportion, against hand-worked values', () => {
    // r = 0.5, n = 28: z = atanh 0.5 = 0.549306; ± 1.959964/5 = 0.391993 → tanh(0.157313) = 0.156030,
    // tanh(0.941299) = 0.735818.
    const [lo, hi] = pearsonInterval(0.5, 28);
    expect(lo).toBeCloseTo(0.15603, 4);
    expect(hi).toBeCloseTo(0.735818, 4);
    // 50 of 100: centre 0.5, half-width 1.959964·√(0.0025 + 0.000096)/1.038415 = 0.096170.
    const [a, b] = wilsonInterval(50, 100);
    expect(a).toBeCloseTo(0.40383, 4);
    expect(b).toBeCloseTo(0.59617, 4);
    expect(pearsonInterval(0.2, 3).every(Number.isNaN)).toBe(true);
  });

  it('the bench takes --stance alone and refuses its options without it', () => {
    const o = parseOptions(['--stance', '--write-stance']);
    expect(o.stance).toBe(true);
    expect(o.writeStance).toBe(true);
    expect(o.docs).toEqual([]);
    expect(() => parseOptions(['--write-stance'])).toThrow('go with --stance');
  });
});
