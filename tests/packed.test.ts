/** The packed counts of the collocate and n-gram parts (analyses/packed.ts). */
import { describe, expect, it } from 'vitest';
import { addHashed, forEachPacked, hash53, packCounts, packHashed } from '../analyses/packed.js';

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

  it('hash deterministically to safe integers, and add up by hash', () => {
    expect(hash53('modern revisionists')).toBe(hash53('modern revisionists'));
    expect(Number.isSafeInteger(hash53('modern revisionists'))).toBe(true);
    const into = new Map<number, number>();
    addHashed(into, packHashed(new Map([[hash53('a b'), 2]])));
    addHashed(
      into,
      packHashed(
        new Map([
          [hash53('a b'), 3],
          [hash53('b a'), 1],
        ]),
      ),
    );
    expect(into.get(hash53('a b'))).toBe(5);
    expect(into.get(hash53('b a'))).toBe(1);
  });

  it('gives 200,000 distinct word pairs 200,000 distinct hashes', () => {
    const words = Array.from({ length: 450 }, (_, i) => `w${i.toString(36)}x`);
    const hashes = new Set<number>();
    let n = 0;
    for (const a of words)
      for (const b of words) {
        if (n++ >= 200_000) break;
        hashes.add(hash53(`${a} ${b}`));
      }
    expect(hashes.size).toBe(200_000);
  });
});
