/**
 * Seeded randomness for the sentiment analyses (bootstrap, CV folds). No
 * Math.random anywhere: the same seed gives the same numbers on every run.
 */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a tiny PRNG
 * with a full 2³² period, good enough for resampling. Returns a function
 * giving floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 32-bit FNV-1a hash of a string (over UTF-16 code units), to derive a
 * per-group seed from a key so results do not depend on group order.
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The 32-bit state derived from a base seed and a key. */
export function seedFor(seed: number, key: string): number {
  return (hashString(key) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

/** A generator seeded from a base seed and a key. */
export function seededFor(seed: number, key: string): () => number {
  return mulberry32(seedFor(seed, key));
}
