/** The packed counts of the collocate and n-gram parts (analyses/packed.ts). */
import { describe, expect, it } from 'vitest';
import { forEachPacked, packCounts } from '../analyses/packed.js';

describe('packed counts', () => {
  it('give back every entry in order', () => {
    const m = new Map([
      ['party', 3],
      ["workers' party", 12],
      ['marxist-leninist', 1],
    ]);
    expect(packCounts(m)).toBe("party\t3\nworkers' party\t12\nmarxist-leninist\t1\n");
    const back: Array<[string, number]> = [];
    forEachPacked(packCounts(m), (k, n) => back.push([k, n]));
    expect(back).toEqual([...m]);
    const seen: string[] = [];
    forEachPacked('', (k) => seen.push(k));
    expect(seen).toEqual([]);
  });

  it('refuse a key that would break the packing', () => {
    expect(() => packCounts(new Map([['a\tb', 1]]))).toThrow(/without tab or newline/);
  });
});
