/**
 * Values made once per pair of objects (a transcript and a dictionary, say),
 * held weakly: a pair's value goes when either object does.
 */
export class PairMemo<A extends object, B extends object, V> {
  private readonly byFirst = new WeakMap<A, WeakMap<B, V>>();

  /** The value for (a, b), made by `make` the first time it is asked for. */
  get(a: A, b: B, make: () => V): V {
    let bySecond = this.byFirst.get(a);
    if (!bySecond) {
      bySecond = new WeakMap();
      this.byFirst.set(a, bySecond);
    }
    let v = bySecond.get(b);
    if (v === undefined) {
      v = make();
      bySecond.set(b, v);
    }
    return v;
  }
}
