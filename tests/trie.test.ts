/**
 * analyses/trie.ts against a tree of Maps (the shape it replaces): the same
 * paths give the same nodes, children come in the order first added, and
 * growing past the first capacity loses nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntTrie } from '../analyses/trie.js';

interface MapNode {
  id: number;
  next: Map<number, MapNode>;
}

/** Every node's path of labels, depth first in child order. */
function walkTrie(t: IntTrie): string[] {
  const out: string[] = [];
  const walk = (node: number, path: number[]) => {
    for (let c = t.firstChild[node]!; c !== 0; c = t.nextSibling[c]!) {
      const p = [...path, t.label[c]!];
      out.push(`${p.join(',')}=${t.count[c]}`);
      walk(c, p);
    }
  };
  walk(0, []);
  return out;
}

function walkMaps(root: MapNode, counts: Map<number, number>): string[] {
  const out: string[] = [];
  const walk = (node: MapNode, path: number[]) => {
    for (const [label, c] of node.next) {
      const p = [...path, label];
      out.push(`${p.join(',')}=${counts.get(c.id) ?? 0}`);
      walk(c, p);
    }
  };
  walk(root, []);
  return out;
}

describe('IntTrie', () => {
  it('holds the same tree as nested Maps, children in the order first added', () => {
    fc.assert(
      fc.property(
        // Labels up to 200: the root's array (first 64 labels) grows too.
        fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 5 }), {
          maxLength: 400,
        }),
        (paths) => {
          // Capacity 2: the arrays and the hash table grow many times.
          const trie = new IntTrie(2);
          const root: MapNode = { id: 0, next: new Map() };
          const counts = new Map<number, number>();
          let ids = 1;
          for (const path of paths) {
            let node = 0;
            let m = root;
            for (const label of path) {
              node = trie.child(node, label);
              let c = m.next.get(label);
              if (!c) {
                c = { id: ids++, next: new Map() };
                m.next.set(label, c);
              }
              m = c;
              // The same path always reaches the same node number.
              expect(node).toBe(m.id);
            }
            trie.count[node]!++;
            counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
          }
          expect(trie.size).toBe(ids);
          expect(walkTrie(trie)).toEqual(walkMaps(root, counts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells apart labels that collide in a small table', () => {
    // Below the root (whose children are in an array, not the hash table).
    const trie = new IntTrie(2);
    const top = trie.child(0, 5);
    const a = trie.child(top, 1);
    const b = trie.child(top, 2 ** 26 - 1);
    const c = trie.child(a, 0);
    expect(new Set([top, a, b, c]).size).toBe(4);
    expect(trie.child(top, 1)).toBe(a);
    expect(trie.child(a, 0)).toBe(c);
    expect(trie.child(b, 0)).not.toBe(c);
    expect(trie.find(top, 2 ** 26 - 1)).toBe(b);
  });
});

describe('IntTrie.find', () => {
  it('finds what child added and nothing else, without adding', () => {
    const trie = new IntTrie(2);
    const a = trie.child(0, 7);
    const b = trie.child(a, 3);
    expect(trie.find(0, 7)).toBe(a);
    expect(trie.find(a, 3)).toBe(b);
    expect(trie.find(a, 4)).toBe(0);
    expect(trie.find(0, 3)).toBe(0);
    expect(trie.find(0, -1)).toBe(0);
    expect(trie.size).toBe(3);
    // Labels are word numbers: a negative one is a caller's mistake, not a node.
    expect(() => trie.child(0, -1)).toThrow(RangeError);
  });
});
