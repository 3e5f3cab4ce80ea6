/**
 * Agreement statistics for the sentiment benchmark (and anything else that
 * compares two paired series). Pure functions over plain arrays.
 */

function assertPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) {
    throw new Error(`expected paired series of equal length, found ${x.length} and ${y.length}`);
  }
}

export function mean(x: readonly number[]): number {
  if (x.length === 0) return Number.NaN;
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/**
 * Pearson product-moment correlation r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²)
 * (Pearson 1896). NaN when fewer than two pairs or either series is constant,
 * because r is undefined there (not 0).
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y);
  const n = x.length;
  if (n < 2) return Number.NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * 1-based ranks; tied values share the average of the ranks they span
 * ("fractional ranking"), which is what Spearman's ρ with ties requires.
 * Ties are exact equality; the sort is stable on the index so the result does
 * not depend on the engine's sort.
 */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const ranks = new Array<number>(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]!] === x[order[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = avg;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ (Spearman 1904), computed as Pearson's r of
 * the average ranks, which is exact with ties (the 1 − 6Σd²/(n(n²−1))
 * shortcut is not).
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  assertPaired(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

/** Share of values exactly 0 (a scorer's "no opinion" rate). */
export function zeroShare(x: readonly number[]): number {
  if (x.length === 0) return Number.NaN;
  let z = 0;
  for (const v of x) if (v === 0) z++;
  return z / x.length;
}

/**
 * Sign accuracy on the clearly rated items: among pairs with |truth| ≥
 * `threshold`, the share where the prediction has the same sign (a prediction
 * of 0 counts as wrong). `n` is how many pairs qualified.
 */
export function signAccuracy(
  predicted: readonly number[],
  truth: readonly number[],
  threshold = 1,
): { accuracy: number; n: number } {
  assertPaired(predicted, truth);
  let n = 0;
  let hit = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (Math.abs(t) < threshold) continue;
    n++;
    if (Math.sign(predicted[i]!) === Math.sign(t)) hit++;
  }
  return { accuracy: n === 0 ? Number.NaN : hit / n, n };
}
