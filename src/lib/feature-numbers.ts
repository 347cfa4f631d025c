import { DenseNumbers } from './dense-numbers.ts';

/**
 * Dense numbers (0, 1, 2…) for story features, kept from build to build with the features pack
 * (src/loader/features-pack.ts): findStoryPairs (stories.ts) needs each feature as a number
 * below the count of distinct features, and numbering the archive's seven million feature
 * occurrences again on every build took seconds, most of them waiting on memory. A new
 * article's features are looked up by binary search in the features sorted, and new features
 * take the next numbers. A number stays its feature's for as long as the numbering is kept.
 */
export class FeatureNumbering {
  /** Per number, its feature, for the numbers kept (below `keptCount`). */
  private keys: Uint32Array;
  /** The kept numbers in ascending order of their features. */
  private order: Uint32Array;
  private keptCount: number;
  /** Features numbered since, from `keptCount` on, in the order first seen. */
  private added = new DenseNumbers();

  /** From what `kept` gave; the numbering is empty without it. Throws when `order` does not sort `keys`. */
  constructor(kept?: { keys: Uint32Array; order: Uint32Array }) {
    this.keys = kept?.keys ?? new Uint32Array();
    this.order = kept?.order ?? new Uint32Array();
    this.keptCount = this.keys.length;
    if (this.order.length !== this.keptCount) throw new Error(`${this.order.length} numbers in order for ${this.keptCount} features`);
    for (let at = 1; at < this.keptCount; at++) {
      if (this.keys[this.order[at - 1]] >= this.keys[this.order[at]]) throw new Error(`the features are not in ascending order at ${at}`);
    }
  }

  /** How many features have numbers. */
  get size(): number {
    return this.keptCount + this.added.size;
  }

  /** The numbers of `features`, in their order; a feature without one is given the next. */
  numbersOf(features: ArrayLike<number>): Uint32Array {
    const numbers = new Uint32Array(features.length);
    for (let k = 0; k < features.length; k++) numbers[k] = this.numberOf(features[k]);
    return numbers;
  }

  /** What to keep for the next build: the features by number, and the numbers in the order of their features. */
  kept(): { keys: Uint32Array; order: Uint32Array } {
    if (this.added.size) {
      const size = this.size;
      const keys = new Uint32Array(size);
      keys.set(this.keys);
      for (let number = this.keptCount; number < size; number++) keys[number] = this.added.keyOf(number - this.keptCount);
      const added = Uint32Array.from({ length: this.added.size }, (_, k) => this.keptCount + k).sort((a, b) => keys[a] - keys[b]);
      const order = new Uint32Array(size);
      // Both lists are in ascending order of features, and no feature is in both: merged.
      let [old, fresh, at] = [0, 0, 0];
      while (old < this.order.length || fresh < added.length) {
        const takeOld = fresh === added.length || (old < this.order.length && keys[this.order[old]] < keys[added[fresh]]);
        order[at++] = takeOld ? this.order[old++] : added[fresh++];
      }
      [this.keys, this.order, this.keptCount, this.added] = [keys, order, size, new DenseNumbers()];
    }
    return { keys: this.keys, order: this.order };
  }

  private numberOf(feature: number): number {
    let [low, high] = [0, this.order.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[this.order[middle]] < feature) low = middle + 1;
      else high = middle;
    }
    if (low < this.order.length && this.keys[this.order[low]] === feature) return this.order[low];
    return this.keptCount + this.added.numberOf(feature);
  }
}

/**
 * The numbering of only the features that `articles` have (each an article's feature numbers),
 * numbered anew in the order of their old numbers, with each article's numbers in it: what
 * removed and changed articles alone had is dropped.
 */
export function keepOnlyUsed(numbering: FeatureNumbering, articles: readonly Uint32Array[]): { numbering: FeatureNumbering; articles: Uint32Array[] } {
  const { keys, order } = numbering.kept();
  const used = new Uint8Array(keys.length);
  for (const numbers of articles) for (const number of numbers) used[number] = 1;
  const renumbered = new Uint32Array(keys.length);
  let next = 0;
  for (let number = 0; number < keys.length; number++) if (used[number]) renumbered[number] = next++;
  if (next === keys.length) return { numbering, articles: [...articles] };
  const keptKeys = new Uint32Array(next);
  for (let number = 0; number < keys.length; number++) if (used[number]) keptKeys[renumbered[number]] = keys[number];
  const keptOrder = new Uint32Array(next);
  let at = 0;
  for (const number of order) if (used[number]) keptOrder[at++] = renumbered[number];
  return { numbering: new FeatureNumbering({ keys: keptKeys, order: keptOrder }), articles: articles.map((numbers) => numbers.map((number) => renumbered[number])) };
}
