import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  pearson,
  signAccuracy,
  spearman,
  zeroShare,
} from '../analyses/sentiment/metrics.js';

describe('pearson', () => {
  it('matches a hand computation', () => {
    // x̄ = 2.5, ȳ = 3.5; Σdxdy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Σdx² = Σdy² = 5 → r = 0.8
    expect(pearson([1, 2, 3, 4], [2, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });
  it('is 1 and -1 for exact lines and NaN for a constant series', () => {
    expect(pearson([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
  it('rejects unpaired series', () => {
    expect(() => pearson([1, 2], [1])).toThrow(/equal length/);
  });
});

describe('averageRanks / spearman', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });
  it('matches a hand computation with ties', () => {
    // ranks x: [1, 2.5, 2.5, 4], ranks y: [1, 2, 3, 4]
    // Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → ρ = 4.5 / √22.5
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });
  it('is 1 for any monotone relation', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
  });
});

describe('zeroShare / signAccuracy', () => {
  it('counts exact zeros', () => {
    expect(zeroShare([0, 1, 0, -2])).toBe(0.5);
  });
  it('scores only |truth| ≥ 1 and counts a 0 prediction as wrong', () => {
    expect(signAccuracy([0.5, -0.2, 0, 0.3], [2, 1.5, -1, 0.5])).toEqual({ accuracy: 1 / 3, n: 3 });
  });
});
