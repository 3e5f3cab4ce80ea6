/**
 * A trie over small non-negative integers (word numbers), held in typed
 * arrays: no object or Map per node, so a tree of millions of n-grams costs
 * a few arrays rather than millions of objects for the collector to trace.
 *
 * Node 0 is the root. A node's children keep the order in which they were
 * first added (as a Map's keys would), so a walk is deterministic. The
 * root's children are found by label in an array (every n-gram starts
 * there; labels are word numbers, non-negative and dense), the others
 * through one open-addressing hash table keyed by (parent, label).
 */
export class IntTrie {
  /** Nodes in use, the root included. */
  size = 1;
  /** Each node's label (the root's: −1). */
  label: Int32Array;
  parent: Int32Array;
  /** First and last child, next sibling (0: none; the root is no one's child). */
  firstChild: Int32Array;
  lastChild: Int32Array;
  nextSibling: Int32Array;
  /** A count per node, for the caller. */
  count: Int32Array;
  /** Hash slots: node number, 0 when empty (children of the root are not in them). */
  private slots: Int32Array;
  /** The root's child by label, 0 when none (grown to the largest label seen). */
  private rootChild = new Int32Array(64);

  constructor(capacity = 256) {
    const n = Math.max(2, capacity);
    this.label = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.firstChild = new Int32Array(n);
    this.lastChild = new Int32Array(n);
    this.nextSibling = new Int32Array(n);
    this.count = new Int32Array(n);
    this.slots = new Int32Array(tableSize(n));
    this.label[0] = -1;
    this.parent[0] = -1;
  }

  /** Node capacity: arrays the caller keeps per node must be at least this long. */
  get capacity(): number {
    return this.label.length;
  }

  /** The child of `node` labelled `label`, added (last among its siblings) if absent. */
  child(node: number, label: number): number {
    if (node === 0) {
      if (!(label >= 0)) throw new RangeError(`expected a label of 0 or more, found ${label}`);
      const found = label < this.rootChild.length ? this.rootChild[label]! : 0;
      if (found !== 0) return found;
      if (this.size === this.label.length) this.grow();
      if (label >= this.rootChild.length) {
        const grown = new Int32Array(Math.max(label + 1, 2 * this.rootChild.length));
        grown.set(this.rootChild);
        this.rootChild = grown;
      }
      const c = this.added(0, label);
      this.rootChild[label] = c;
      return c;
    }
    const i = this.slotOf(node, label);
    const found = this.slots[i]!;
    if (found !== 0) return found;
    if (this.size === this.label.length) {
      this.grow();
      return this.child(node, label);
    }
    const c = this.added(node, label);
    this.slots[i] = c;
    return c;
  }

  /** The child of `node` labelled `label`, or 0 if there is none. */
  find(node: number, label: number): number {
    if (node === 0) return label >= 0 && label < this.rootChild.length ? this.rootChild[label]! : 0;
    return this.slots[this.slotOf(node, label)]!;
  }

  /** A new node, the last child of `node` (the arrays have room). */
  private added(node: number, label: number): number {
    const c = this.size++;
    this.label[c] = label;
    this.parent[c] = node;
    if (this.firstChild[node] === 0) this.firstChild[node] = c;
    else this.nextSibling[this.lastChild[node]!] = c;
    this.lastChild[node] = c;
    return c;
  }

  /** The slot holding (node, label)'s child, or the empty slot where it would go. */
  private slotOf(node: number, label: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hash(node, label) & mask; ; i = (i + 1) & mask) {
      const c = slots[i]!;
      if (c === 0 || (this.parent[c] === node && this.label[c] === label)) return i;
    }
  }

  /** Called when the node arrays grow to `capacity`: a subclass grows its own per-node arrays here. */
  protected resized(_capacity: number): void {}

  private grow(): void {
    const n = this.label.length * 2;
    this.label = grown(this.label, n);
    this.parent = grown(this.parent, n);
    this.firstChild = grown(this.firstChild, n);
    this.lastChild = grown(this.lastChild, n);
    this.nextSibling = grown(this.nextSibling, n);
    this.count = grown(this.count, n);
    this.resized(n);
    const slots = new Int32Array(tableSize(n));
    const mask = slots.length - 1;
    for (let c = 1; c < this.size; c++) {
      if (this.parent[c] === 0) continue;
      let i = hash(this.parent[c]!, this.label[c]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = c;
    }
    this.slots = slots;
  }
}

/** `a` copied into a zero-filled array of length `n` (n ≥ a.length). */
export function grown(a: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n);
  out.set(a);
  return out;
}

/** Slots for `n` nodes: a power of two at least 2n (load ≤ ½). */
function tableSize(n: number): number {
  let s = 1;
  while (s < 2 * n) s *= 2;
  return s;
}

function hash(node: number, label: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(label + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}
